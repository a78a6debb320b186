import { Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { CaseContent, FormCheckCase } from '../../../../../contracts/form-check.ts';
import { ambassadorActivityLabels, priorityTagLabels } from '../../../../../contracts/priorities.ts';
import { implementationLabels } from '../../../../../contracts/submissions.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';

const kb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The case as the unit submitted it (one version): facts, priority tags, the template's sections, students and attachments. */
export function CaseContentView({ item, content }: { item: FormCheckCase; content: CaseContent }) {
  const isMobile = useIsMobile();
  const sections = [
    ...item.template.sections.map((s) => ({ key: s.key, title: s.title, text: content.sections[s.key] ?? '' })),
    ...Object.entries(content.sections)
      .filter(([k, v]) => !item.template.sections.some((s) => s.key === k) && v.trim())
      .map(([k, v]) => ({ key: k, title: k, text: v })),
  ];
  const slotLabel = (key: string) => item.template.attachmentSlots.find((s) => s.key === key)?.label ?? key;
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" bordered column={isMobile ? 1 : 2}>
        <Descriptions.Item label="项目类别">
          {item.track.name}
          {content.subtype?.name ? `(${content.subtype.name})` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="申报单位">{item.unit.name}</Descriptions.Item>
        <Descriptions.Item label="联系人">{content.contact.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系方式">{content.contact.phone ?? '—'}</Descriptions.Item>
        {item.track.kind === 'case' ? (
          <>
            <Descriptions.Item label="实施情况">
              {content.implementation ? implementationLabels[content.implementation] : '未选择'}
            </Descriptions.Item>
            <Descriptions.Item label="集体项目">
              {content.isCollective ? `是(牵头分管领导:${content.collectiveLeaderName ?? '未填写'})` : '否'}
            </Descriptions.Item>
          </>
        ) : null}
      </Descriptions>

      {content.priorityTags.length > 0 ? (
        <section>
          <Typography.Title level={5}>重点方向</Typography.Title>
          <Flex vertical gap={4}>
            {content.priorityTags.map((t) => (
              <div key={t.tag}>
                <Tag color="blue">{priorityTagLabels[t.tag] ?? t.tag}</Tag>
                {t.justification}
              </div>
            ))}
          </Flex>
        </section>
      ) : null}

      {content.summary.trim() ? (
        <section>
          <Typography.Title level={5}>摘要</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{content.summary}</Typography.Paragraph>
        </section>
      ) : null}

      {sections.map((s) => (
        <section key={s.key}>
          <Typography.Title level={5}>{s.title}</Typography.Title>
          {s.text.trim() ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{s.text}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">(未填写)</Typography.Text>
          )}
        </section>
      ))}

      <section>
        <Typography.Title level={5}>{item.track.kind === 'ambassador' ? '被推荐学生' : '涉及学生'}</Typography.Title>
        <Table
          size="small"
          rowKey="studentNo"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={content.students}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
          columns={[
            { key: 'name', title: '姓名', dataIndex: 'name' },
            { key: 'no', title: '学号', dataIndex: 'studentNo' },
            { key: 'major', title: '专业', render: (_, s) => s.major ?? s.programme },
            { key: 'grade', title: '年级', render: (_, s) => `${s.grade} 年级` },
            { key: 'consent', title: '同意公开', render: (_, s) => s.consentAt ?? <Typography.Text type="danger">未记录</Typography.Text> },
          ]}
        />
      </section>

      {content.activities.length > 0 && (
        <section>
          <Typography.Title level={5}>宣传活动记录</Typography.Title>
          <Flex vertical gap={8}>
            {content.activities.map((a, i) => (
              <div key={i} style={{ wordBreak: 'break-all' }}>
                <Tag color="red">{ambassadorActivityLabels[a.kind]}</Tag>
                <Typography.Text strong>{a.title}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {a.heldOn} · {a.place} · 受众 {a.audience} 人
                  </Typography.Text>
                </div>
                {a.description && <Typography.Paragraph style={{ marginBottom: 0 }}>{a.description}</Typography.Paragraph>}
                {a.evidenceFileIds.length > 0 && (
                  <Flex gap={8} wrap>
                    {a.evidenceFileIds.map((id, j) => (
                      <a key={id} href={`/api/files/${id}`} download>
                        佐证 {j + 1}
                      </a>
                    ))}
                  </Flex>
                )}
              </div>
            ))}
          </Flex>
        </section>
      )}

      <section>
        <Typography.Title level={5}>附件</Typography.Title>
        {content.attachments.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {content.attachments.map((a) => (
              <div key={`${a.slot}-${a.fileId}`} style={{ wordBreak: 'break-all' }}>
                <Typography.Text type="secondary">{slotLabel(a.slot)}:</Typography.Text>
                <a href={`/api/files/${a.fileId}`} download>
                  {a.name}
                </a>{' '}
                <Typography.Text type="secondary">({kb(a.sizeBytes)})</Typography.Text>
              </div>
            ))}
          </Flex>
        )}
      </section>
    </Flex>
  );
}
