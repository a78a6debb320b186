import { Empty, Flex, Tag, Typography } from 'antd';
import type { VersionDiff } from '../../../../../contracts/form-check.ts';
import { priorityTagLabels } from '../../../../../contracts/priorities.ts';

const insertStyle = { background: '#e6ffec', color: '#0a5c22', textDecoration: 'none' } as const;
const deleteStyle = { background: '#ffebe9', color: '#a40e26', textDecoration: 'line-through' } as const;

/** What the unit changed between two submitted versions: changed texts sentence by sentence, then the short fields and lists. */
export function DiffView({ diff }: { diff: VersionDiff }) {
  const texts = diff.texts.filter((x) => x.changed);
  const s = diff.students;
  const a = diff.attachments;
  const tg = diff.tags;
  const nothing =
    texts.length === 0 &&
    diff.values.length === 0 &&
    s.added.length + s.removed.length + s.changed.length === 0 &&
    a.added.length + a.removed.length === 0 &&
    tg.added.length + tg.removed.length + tg.justificationChanged.length === 0;
  if (nothing) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="两个版本内容相同" />;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        <ins style={insertStyle}>绿色</ins> 为新增内容,<del style={deleteStyle}>红色删除线</del> 为删去内容;未改动的栏目不显示。
      </Typography.Text>
      {texts.map((field) => (
        <section key={field.field} aria-label={`${field.label}的改动`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {field.label}
          </Typography.Title>
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', lineHeight: 1.8 }}>
            {field.ops.map((op, i) =>
              op.op === 'insert' ? (
                <ins key={i} style={insertStyle}>
                  {op.text}
                </ins>
              ) : op.op === 'delete' ? (
                <del key={i} style={deleteStyle}>
                  {op.text}
                </del>
              ) : (
                <span key={i}>{op.text}</span>
              ),
            )}
          </div>
        </section>
      ))}
      {diff.values.length > 0 ? (
        <section aria-label="其他信息的改动">
          <Typography.Title level={5}>其他信息</Typography.Title>
          {diff.values.map((v) => (
            <div key={v.field}>
              {v.label}:<del style={deleteStyle}>{v.before}</del> → <ins style={insertStyle}>{v.after}</ins>
            </div>
          ))}
        </section>
      ) : null}
      {s.added.length + s.removed.length + s.changed.length > 0 ? (
        <section aria-label="学生的改动">
          <Typography.Title level={5}>涉及学生</Typography.Title>
          {s.added.map((x) => (
            <div key={`a${x.studentNo}`}>
              新增:{x.name}({x.studentNo})
            </div>
          ))}
          {s.removed.map((x) => (
            <div key={`r${x.studentNo}`}>
              删去:{x.name}({x.studentNo})
            </div>
          ))}
          {s.changed.map((x) => (
            <div key={`c${x.studentNo}`}>
              修改:{x.name}({x.studentNo})的{x.fields.join('、')}
            </div>
          ))}
        </section>
      ) : null}
      {a.added.length + a.removed.length > 0 ? (
        <section aria-label="附件的改动">
          <Typography.Title level={5}>附件</Typography.Title>
          {a.added.map((x) => (
            <div key={`a${x.fileId}`}>
              新增:<a href={`/api/files/${x.fileId}`}>{x.name}</a>
            </div>
          ))}
          {a.removed.map((x) => (
            <div key={`r${x.fileId}`}>删去:{x.name}</div>
          ))}
        </section>
      ) : null}
      {tg.added.length + tg.removed.length + tg.justificationChanged.length > 0 ? (
        <section aria-label="重点方向的改动">
          <Typography.Title level={5}>重点方向</Typography.Title>
          <Flex wrap gap={4}>
            {tg.added.map((x) => (
              <Tag key={`a${x}`} color="green">
                新增 {priorityTagLabels[x]}
              </Tag>
            ))}
            {tg.removed.map((x) => (
              <Tag key={`r${x}`} color="red">
                删去 {priorityTagLabels[x]}
              </Tag>
            ))}
            {tg.justificationChanged.map((x) => (
              <Tag key={`c${x}`}>修改说明 {priorityTagLabels[x]}</Tag>
            ))}
          </Flex>
        </section>
      ) : null}
    </Flex>
  );
}
