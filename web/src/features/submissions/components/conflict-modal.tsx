import { Flex, Modal, Typography } from 'antd';
import type { TemplateSection } from '../../../../../contracts/form-template.ts';
import type { AutosaveConflict } from '../../../lib/autosave.ts';
import { changedKeys } from '../../../lib/autosave.ts';
import type { DraftContent } from '../lib/draft-content.ts';

const fieldLabels: Record<keyof DraftContent, string> = {
  title: '项目名称',
  summary: '摘要',
  subtypeId: '子类',
  sections: '正文栏目',
  implementation: '实施情况',
  isCollective: '集体项目',
  collectiveLeaderName: '分管领导',
  priorityTags: '重点方向',
  contact: '联系人',
  students: '学生',
};

function describe(key: keyof DraftContent, theirs: DraftContent, mine: DraftContent, sections: TemplateSection[]): string {
  if (key !== 'sections') return fieldLabels[key];
  const changed = changedKeys(theirs.sections, mine.sections);
  const titles = sections.filter((s) => changed.includes(s.key)).map((s) => `“${s.title}”`);
  return titles.length ? `正文 ${titles.join('、')}` : fieldLabels.sections;
}

/** Someone saved this case meanwhile: show what they changed, and let the user keep their own edits or take the other version. */
export function ConflictModal({
  conflict,
  mine,
  sections,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: AutosaveConflict<DraftContent>;
  mine: DraftContent;
  sections: TemplateSection[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const overlapping = conflict.overlapping.map((k) => describe(k, conflict.theirs, mine, sections));
  const theirsOnly = conflict.changed
    .filter((k) => !conflict.overlapping.includes(k))
    .map((k) => describe(k, conflict.theirs, mine, sections));
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title="本申报已被他人修改"
      okText="保留我的修改"
      cancelText="使用对方的版本"
      onOk={onKeepMine}
      onCancel={onTakeTheirs}
      width={640}
    >
      <Flex vertical gap={8}>
        <Typography.Paragraph>在您编辑期间,服务器上的版本已更新。您尚未保存的修改仍然保留在本页和本机,未被丢弃。</Typography.Paragraph>
        {theirsOnly.length ? (
          <Typography.Paragraph>对方修改了:{theirsOnly.join('、')}(您未改动这些内容,将采用对方的版本)。</Typography.Paragraph>
        ) : null}
        {overlapping.length ? <Typography.Paragraph type="danger">双方都修改了:{overlapping.join('、')}。</Typography.Paragraph> : null}
        {conflict.overlapping.includes('sections') || conflict.overlapping.includes('title') ? (
          <details>
            <summary>查看对方版本的内容</summary>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto', marginTop: 8 }}>
              {conflict.overlapping.includes('title') ? `项目名称:${conflict.theirs.title}\n\n` : ''}
              {sections
                .filter((s) => conflict.theirs.sections[s.key] !== mine.sections[s.key])
                .map((s) => `【${s.title}】\n${conflict.theirs.sections[s.key] ?? ''}`)
                .join('\n\n')}
            </Typography.Paragraph>
          </details>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          “保留我的修改”:在最新版本上重新保存您改动过的内容;“使用对方的版本”:放弃您尚未保存的修改。
        </Typography.Paragraph>
      </Flex>
    </Modal>
  );
}
