import { useState } from 'react';
import { Card, DatePicker, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { auditActionLabels, type AuditEventDto } from '../../../../../contracts/audit.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatDateTime, shanghaiDayBound } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useAuditEvents, type AuditFilter } from '../api/audit-api.ts';
import { ActorSelect } from '../components/actor-select.tsx';
import { AuditSummaryDetail, AuditSummaryLine, hasSummaryDetail } from '../components/audit-summary.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';

const entityTypeLabels: Record<string, string> = {
  user: '用户',
  unit: '单位',
  pairing: '结对',
  student: '学生',
  roster_import: '名册导入',
};

function actionColor(action: string): string | undefined {
  if (action.endsWith('failed') || action.endsWith('locked') || action.endsWith('disabled') || action.endsWith('deleted')) return 'red';
  if (action.startsWith('auth.')) return 'blue';
  return undefined;
}

export default function AuditPage() {
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { data, isFetching } = useAuditEvents(filter);
  const change = (patch: AuditFilter) => setFilter((prev) => ({ ...prev, ...patch, page: patch.page ?? 1 }));

  const columns: TableColumnsType<AuditEventDto> = [
    { title: '时间', dataIndex: 'at', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span> },
    {
      title: '操作人',
      key: 'actor',
      render: (_, e) =>
        e.actor ? <span title={e.actor.username}>{e.actor.displayName}</span> : <Typography.Text type="secondary">系统</Typography.Text>,
    },
    {
      title: '操作',
      dataIndex: 'action',
      render: (action: string) => <Tag color={actionColor(action)}>{auditActionLabels[action] ?? action}</Tag>,
    },
    {
      title: '对象',
      key: 'entity',
      render: (_, e) => `${entityTypeLabels[e.entityType] ?? e.entityType}${e.entityId ? ` #${e.entityId}` : ''}`,
    },
    { title: '摘要', key: 'summary', render: (_, e) => <AuditSummaryLine event={e} /> },
    { title: 'IP', dataIndex: 'ip', responsive: ['lg'], render: (ip: string | null) => ip ?? t.none },
  ];

  return (
    <>
      <PageHeader title={t.menu.audit} description="登录、账号与单位的每一次变更(时间为北京时间)" />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <div className="yz-filters" role="search">
          <Select
            aria-label="按操作筛选"
            placeholder="全部操作"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filter.action}
            onChange={(value: string | undefined) => change({ action: value })}
            options={Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="按对象类型筛选"
            placeholder="全部对象"
            allowClear
            value={filter.entityType}
            onChange={(value: string | undefined) => change({ entityType: value, entityId: undefined })}
            options={Object.entries(entityTypeLabels).map(([value, label]) => ({ value, label }))}
          />
          <div className="yz-filters-wide">
            <ActorSelect value={filter.actorId} onChange={(actorId) => change({ actorId })} />
          </div>
          <DatePicker.RangePicker
            className="yz-filters-wide"
            aria-label="按日期筛选"
            value={range}
            onChange={(value) => {
              setRange(value);
              const [from, to] = value ?? [null, null];
              change({
                from: from ? shanghaiDayBound(from, 'start') : undefined,
                to: to ? shanghaiDayBound(to, 'end') : undefined,
              });
            }}
            style={{ width: isMobile ? '100%' : 260 }}
          />
        </div>
        <Table<AuditEventDto>
          rowKey="id"
          size={isMobile ? 'small' : 'middle'}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (event) => <AuditSummaryDetail event={event} />,
            rowExpandable: hasSummaryDetail,
          }}
          pagination={serverPagination(isMobile, filter, data?.total, change)}
          locale={{ emptyText: '没有符合条件的记录' }}
        />
      </Card>
    </>
  );
}
