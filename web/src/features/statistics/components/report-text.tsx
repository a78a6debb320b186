import { Typography } from 'antd';
import type { ReportSection } from '../../../../../contracts/statistics.ts';

/** A written summary report, read-only: its sections, or a plain "未填写" when it has no text. */
export function ReportText({ sections }: { sections: ReportSection[] }) {
  const written = sections.filter((s) => s.body.trim());
  if (written.length === 0) return <Typography.Text type="secondary">(未填写报告正文)</Typography.Text>;
  return (
    <div>
      {written.map((s, i) => (
        <div key={i} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{s.body}</Typography.Paragraph>
        </div>
      ))}
    </div>
  );
}
