import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { formCheckStatus, formCheckStatusLabels, type FormCheckStatus, type InboxItem } from '../../../../../contracts/form-check.ts';
import { priorityTagLabels, priorityTags, type PriorityTag } from '../../../../../contracts/priorities.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { downloadExport, trackListPath, useCampaigns, useInbox, type InboxFilter } from '../api/form-check-api.ts';
import { FormCheckStatusTag } from '../components/status-tag.tsx';
import { currentCampaign } from '../../../lib/current-campaign.ts';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** 形式审查: the coordinator's inbox of their tracks (all tracks for the institute admin). */
export default function FormCheckInboxPage() {
  const me = useMe();
  const isAdmin = me.roles.includes('institute_admin');
  const isMobile = useIsMobile();
  const campaigns = useCampaigns();
  const [params, setParams] = useSearchParams();
  const [downloading, setDownloading] = useState(false);

  const sorted = (campaigns.data ?? []).slice().sort((a, b) => b.year - a.year);
  const campaignId = Number(params.get('campaign')) || currentCampaign(sorted)?.id;
  const campaign = sorted.find((c) => c.id === campaignId);
  // The coordinator's own tracks; the admin's: all of the campaign.
  const tracks = (campaign?.tracks ?? []).filter((tr) => isAdmin || tr.coordinator?.id === me.id);
  const trackId = Number(params.get('track')) || (tracks.length === 1 ? tracks[0]!.id : undefined);
  const track = tracks.find((tr) => tr.id === trackId);
  const filter: InboxFilter = {
    campaignId,
    trackId,
    unitId: Number(params.get('unit')) || undefined,
    subtypeId: Number(params.get('subtype')) || undefined,
    status: oneOf(formCheckStatus, params.get('status')),
    tag: oneOf(priorityTags, params.get('tag')),
    handler: isAdmin ? oneOf(['coordinator', 'institute_admin'] as const, params.get('handler')) : undefined,
    q: params.get('q') || undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
  const inbox = useInbox(filter);

  const setParam = (changes: Record<string, string | number | undefined | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  async function downloadList() {
    if (!track) return;
    setDownloading(true);
    try {
      await downloadExport(trackListPath(track.id), `推荐清单-${track.name}.xlsx`);
    } catch (error) {
      notifyError(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  }

  if (campaigns.isPending) return <PageLoading />;

  const title = (row: InboxItem) => (
    <Flex vertical gap={2}>
      <Link to={`/form-check/${row.id}`} style={{ wordBreak: 'break-word' }}>
        {row.title || '(未命名申报)'}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.receiptNo} · {row.track.name}
        {row.subtype ? ` · ${row.subtype.name}` : ''}
      </Typography.Text>
    </Flex>
  );
  const status = (row: InboxItem) => (
    <Flex wrap gap={4}>
      <FormCheckStatusTag status={row.status} />
      {row.handler === 'institute_admin' ? <Tag color="purple">回避:由学院管理员审查</Tag> : null}
      {row.versionCount > 1 ? <Tag>第 {row.versionCount} 版</Tag> : null}
    </Flex>
  );
  const columns: TableColumnsType<InboxItem> = isMobile
    ? [
        {
          key: 'all',
          title: '申报',
          render: (_, row) => (
            <Flex vertical gap={4}>
              {title(row)}
              <Typography.Text style={{ fontSize: 12 }}>{row.unit.name}</Typography.Text>
              {status(row)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                提交于 {formatDateTime(row.submittedAt)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'title', title: '项目名称', render: (_, row) => title(row) },
        { key: 'unit', title: '申报单位', render: (_, row) => row.unit.name },
        { key: 'status', title: '状态', render: (_, row) => status(row) },
        {
          key: 'tags',
          title: '重点方向',
          render: (_, row) => (
            <Flex wrap gap={4}>
              {row.tags.map((tag) => (
                <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                  {priorityTagLabels[tag]}
                </Tag>
              ))}
            </Flex>
          ),
        },
        { key: 'submitted', title: '提交时间', render: (_, row) => formatDateTime(row.submittedAt) },
        {
          key: 'decided',
          title: '审查结果时间',
          render: (_, row) =>
            formatDateTime(row.status === 'accepted' ? row.acceptedAt : row.status === 'returned' ? row.returnedAt : null),
        },
        {
          key: 'open',
          title: '',
          render: (_, row) => (
            <Link to={`/form-check/${row.id}`}>{row.abilities.accept.allowed || row.abilities.return.allowed ? '审查' : '查看'}</Link>
          ),
        },
      ];

  const wide = (w: number) => ({ width: isMobile ? '100%' : w });
  return (
    <>
      <PageHeader
        title="形式审查"
        description={
          isAdmin
            ? '全部类别的已提交申报;标有“回避”的来自牵头人本单位,须由学院管理员审查。'
            : '您牵头类别的已提交申报(本单位的申报按回避原则由学院管理员审查)。'
        }
        extra={
          <Button
            icon={<DownloadOutlined />}
            disabled={!track}
            loading={downloading}
            onClick={() => void downloadList()}
            title={track ? undefined : '请先选择类别'}
          >
            下载推荐清单(.xlsx)
          </Button>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex wrap gap={8}>
            <Select
              aria-label="活动"
              value={campaignId}
              onChange={(v: number) => setParam({ campaign: v, track: undefined, subtype: undefined })}
              options={sorted.map((c) => ({ value: c.id, label: c.title }))}
              style={wide(260)}
            />
            <Select
              aria-label="按类别筛选"
              allowClear
              placeholder="全部类别"
              value={trackId}
              onChange={(v?: number) => setParam({ track: v, subtype: undefined })}
              options={tracks.map((tr) => ({ value: tr.id, label: tr.name }))}
              style={wide(240)}
            />
            {track && track.subtypes.length > 0 ? (
              <Select
                aria-label="按子类筛选"
                allowClear
                placeholder="全部子类"
                value={filter.subtypeId}
                onChange={(v?: number) => setParam({ subtype: v })}
                options={track.subtypes.map((s) => ({ value: s.id, label: s.name }))}
                style={wide(240)}
              />
            ) : null}
            <UnitSelect
              aria-label="按单位筛选"
              placeholder="全部单位"
              value={filter.unitId ?? null}
              onChange={(v) => setParam({ unit: v ?? undefined })}
              style={wide(200)}
            />
            <Select
              aria-label="按状态筛选"
              allowClear
              placeholder="全部状态"
              value={filter.status}
              onChange={(v?: FormCheckStatus) => setParam({ status: v })}
              options={formCheckStatus.map((s) => ({ value: s, label: formCheckStatusLabels[s] }))}
              style={wide(160)}
            />
            <Select
              aria-label="按重点方向筛选"
              allowClear
              placeholder="全部重点方向"
              value={filter.tag}
              onChange={(v?: PriorityTag) => setParam({ tag: v })}
              options={priorityTags.map((tag) => ({ value: tag, label: priorityTagLabels[tag] }))}
              style={wide(200)}
            />
            {isAdmin ? (
              <Select
                aria-label="按审查人筛选"
                allowClear
                placeholder="全部(含牵头人审查的)"
                value={filter.handler}
                onChange={(v?: string) => setParam({ handler: v })}
                options={[
                  { value: 'institute_admin', label: '须由学院管理员审查(回避)' },
                  { value: 'coordinator', label: '由牵头人审查' },
                ]}
                style={wide(220)}
              />
            ) : null}
            <Input.Search
              aria-label="搜索项目名称、回执编号或单位"
              placeholder="搜索项目名称、回执编号或单位"
              allowClear
              defaultValue={filter.q}
              onSearch={(v) => setParam({ q: v.trim() })}
              style={wide(280)}
            />
          </Flex>
          <Table
            size={isMobile ? 'small' : 'middle'}
            rowKey="id"
            loading={inbox.isFetching && !inbox.data}
            columns={columns}
            dataSource={inbox.data?.items ?? []}
            showHeader={!isMobile}
            scroll={isMobile ? undefined : { x: 'max-content' }}
            pagination={serverPagination(isMobile, filter, inbox.data?.total, (next) =>
              setParam({ page: next.page, pageSize: next.pageSize }),
            )}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无需要审查的申报" /> }}
          />
        </Flex>
      </Card>
    </>
  );
}
