import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VersionDiff } from '../../../../../contracts/form-check.ts';
import { DiffView } from './diff-view.tsx';

const base: VersionDiff = {
  from: { versionNo: 1, createdAt: '2024-05-06T06:30:00Z' },
  to: { versionNo: 2, createdAt: '2024-05-08T06:30:00Z' },
  texts: [
    { field: 'title', label: '项目名称', changed: false, ops: [{ op: 'equal', text: '一生一策' }] },
    {
      field: 'sections.practice',
      label: '主要做法',
      changed: true,
      ops: [
        { op: 'equal', text: '建立档案。' },
        { op: 'delete', text: '开展帮扶。' },
        { op: 'insert', text: '开展帮扶,覆盖120人。' },
      ],
    },
  ],
  values: [{ field: 'implementation', label: '实施情况', before: '尚待实施', after: '已实施' }],
  students: { added: [{ name: '张三', studentNo: 'S1' }], removed: [], changed: [] },
  attachments: { added: [], removed: [{ slot: 'feasibility', name: '论证.pdf', fileId: 3 }] },
  tags: { added: ['north_south_pairing'], removed: [], justificationChanged: [] },
};

describe('DiffView', () => {
  it('shows only the changed section, its removed and added sentences marked, and the other changes', () => {
    render(<DiffView diff={base} />);
    expect(screen.queryByText('项目名称')).toBeNull();
    const practice = screen.getByRole('region', { name: '主要做法的改动' });
    expect(within(practice).getByText('开展帮扶。').tagName).toBe('DEL');
    expect(within(practice).getByText('开展帮扶,覆盖120人。').tagName).toBe('INS');
    expect(within(practice).getByText('建立档案。').tagName).toBe('SPAN');
    expect(screen.getByRole('region', { name: '其他信息的改动' }).textContent).toContain('实施情况');
    expect(screen.getByText(/新增:张三/)).toBeTruthy();
    expect(screen.getByText(/删去:论证\.pdf/)).toBeTruthy();
    expect(screen.getByText('新增 南北结对')).toBeTruthy();
  });

  it('says so when two versions are the same', () => {
    render(
      <DiffView
        diff={{
          ...base,
          texts: [base.texts[0]!],
          values: [],
          students: { added: [], removed: [], changed: [] },
          attachments: { added: [], removed: [] },
          tags: { added: [], removed: [], justificationChanged: [] },
        }}
      />,
    );
    expect(screen.getByText('两个版本内容相同')).toBeTruthy();
  });
});
