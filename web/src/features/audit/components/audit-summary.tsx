import { Table, Typography } from 'antd';
import type { AuditEventDto } from '../../../../../contracts/audit.ts';
import { roleLabels, type Role } from '../../../../../contracts/roles.ts';
import { pairingKindLabels, regionLabels, unitKindLabels } from '../../../../../contracts/regions.ts';
import { t } from '../../../locales/zh-CN.ts';

/** Chinese names for the fields that audit summaries carry; unknown ones show their key. */
const fieldLabels: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  email: '邮箱',
  phone: '手机号',
  unitId: '单位',
  unit: '单位',
  roles: '角色',
  status: '状态',
  code: '单位代码',
  name: '名称',
  kind: '类型',
  city: '城市',
  region: '地区',
  address: '地址',
  unitA: '单位一',
  unitB: '单位二',
  startedOn: '结对日期',
  note: '备注',
  failures: '失败次数',
  count: '数量',
};

/** Codes that appear as values, shown by their Chinese label. */
const valueLabels: Record<string, Record<string, string>> = {
  kind: { ...unitKindLabels, ...pairingKindLabels },
  region: regionLabels,
  status: { active: '启用', disabled: '停用' },
};

function show(key: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return t.none;
  if (key === 'roles' && Array.isArray(value)) return value.map((r) => roleLabels[r as Role] ?? String(r)).join('、');
  if (Array.isArray(value)) return value.map((v) => show('', v)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return valueLabels[key]?.[String(value)] ?? String(value);
}

type Change = { key: string; label: string; before: string; after: string };

export function summaryChanges(summary: AuditEventDto['summary']): Change[] {
  const before = summary.before ?? {};
  const after = summary.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => ({ key, label: fieldLabels[key] ?? key, before: show(key, before[key]), after: show(key, after[key]) }));
}

/** One line for the table cell. */
export function AuditSummaryLine({ event }: { event: AuditEventDto }) {
  const changes = summaryChanges(event.summary);
  const parts: string[] = [];
  if (event.summary.note) parts.push(event.summary.note);
  for (const change of changes.slice(0, 2)) {
    parts.push(change.before ? `${change.label}:${change.before} → ${change.after}` : `${change.label}:${change.after}`);
  }
  if (changes.length > 2) parts.push(`等 ${changes.length} 项`);
  const text = parts.join(';');
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }} type={text ? undefined : 'secondary'}>
      {text || t.none}
    </Typography.Text>
  );
}

/** The expanded row: every changed field, before and after. */
export function AuditSummaryDetail({ event }: { event: AuditEventDto }) {
  const changes = summaryChanges(event.summary);
  return (
    <div style={{ maxWidth: 720 }}>
      {event.summary.note ? <Typography.Paragraph>备注:{event.summary.note}</Typography.Paragraph> : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={changes}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '字段', dataIndex: 'label', width: 110 },
          { title: '修改前', dataIndex: 'before', render: (v: string) => <span className="yz-pre">{v || t.none}</span> },
          { title: '修改后', dataIndex: 'after', render: (v: string) => <span className="yz-pre">{v || t.none}</span> },
        ]}
      />
    </div>
  );
}

export function hasSummaryDetail(event: AuditEventDto): boolean {
  return summaryChanges(event.summary).length > 0 || Boolean(event.summary.note);
}
