import { Alert, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { priorityTagLabels } from '../../../../../contracts/priorities.ts';
import type { ReviewCaseDto } from '../../../../../contracts/reviews.ts';
import { implementationLabels } from '../../../../../contracts/submissions.ts';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The case as a reviewer reads it: content and attachments; students only by 姓名/年级/专业; in blind mode no unit or names. */
export function ReviewCaseContent({ c }: { c: ReviewCaseDto }) {
  return (
    <Flex vertical gap={12}>
      {c.blind ? (
        <Alert
          type="info"
          showIcon
          title="本类别为盲评"
          description="申报单位、团队负责人、联系人和学生姓名已隐去。请仅依据案例内容评分。"
        />
      ) : null}
      {c.unitMentions.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="unit-mentions"
          title="案例正文中出现了申报单位名称"
          description={
            <Flex vertical gap={2}>
              <span>以下内容可能透露申报单位,请勿因此影响评分:</span>
              {c.unitMentions.map((m, i) => (
                <span key={i}>
                  {m.where}:“{m.excerpt}”
                </span>
              ))}
            </Flex>
          }
        />
      ) : null}
      <Card size="small" title="基本信息">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'receipt', label: '受理号', children: c.receiptNo ?? '—' },
            { key: 'track', label: '类别', children: c.subtypeName ? `${c.track.name} · ${c.subtypeName}` : c.track.name },
            ...(c.unit ? [{ key: 'unit', label: '申报单位', children: c.unit.name }] : []),
            ...(c.collectiveLeaderName ? [{ key: 'leader', label: '团队负责人', children: c.collectiveLeaderName }] : []),
            ...(c.contact
              ? [{ key: 'contact', label: '联系人', children: [c.contact.name, c.contact.phone].filter(Boolean).join(' ') || '—' }]
              : []),
            { key: 'impl', label: '实施情况', children: c.implementation ? implementationLabels[c.implementation] : '—' },
          ]}
        />
      </Card>
      {c.summary ? (
        <Card size="small" title="摘要">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.summary}</Typography.Paragraph>
        </Card>
      ) : null}
      {c.sections.map((s) => (
        <Card key={s.key} size="small" title={s.title}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.text}</Typography.Paragraph>
        </Card>
      ))}
      {c.priorityTags.length ? (
        <Card size="small" title="重点方向">
          <Flex vertical gap={8}>
            {c.priorityTags.map((p) => (
              <div key={p.tag}>
                <Tag color="blue">{priorityTagLabels[p.tag] ?? p.tag}</Tag>
                <Typography.Text>{p.justification}</Typography.Text>
              </div>
            ))}
          </Flex>
        </Card>
      ) : null}
      {c.students.length ? (
        <Card size="small" title="涉及学生">
          <Flex vertical gap={4} data-testid="review-students">
            {c.students.map((s, i) => (
              <Typography.Text key={i}>
                {s.name ?? `学生${i + 1}`} · {s.grade} 年级 · {s.major ?? '—'}
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      ) : null}
      <Card size="small" title="附件">
        {c.attachments.length ? (
          <Flex vertical gap={4}>
            {c.attachments.map((a) => (
              <span key={a.fileId}>
                <Typography.Text type="secondary">{a.slotLabel}:</Typography.Text>
                <a href={`/api/files/${a.fileId}`} download>
                  <PaperClipOutlined /> {a.name}
                </a>{' '}
                <Typography.Text type="secondary">({size(a.sizeBytes)})</Typography.Text>
              </span>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">无附件</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
