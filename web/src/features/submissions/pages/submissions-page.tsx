import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, Card, Empty, Flex, Input, Select, Table, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { submissionStatus, type SubmissionListItem, type SubmissionStatus } from '../../../../../contracts/submissions.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { useAbilities, useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { currentCampaign } from '../../../lib/current-campaign.ts';
import { useCampaignList, useQuotaUsage, useSubmissions } from '../api/submissions-api.ts';
import { NewSubmissionModal } from '../components/new-submission-modal.tsx';
import { QuotaBar } from '../components/quota-bar.tsx';
import { RecommendationList } from '../components/recommendation-list.tsx';
import { StatusTags } from '../components/status-tags.tsx';

const statusFilterLabels: Record<SubmissionStatus, string> = {
  draft: '草稿(含已撤回)',
  submitted: '已提交',
  returned: '被退回',
  accepted: '已受理',
};

const isStatus = (v: string | null): v is SubmissionStatus => v !== null && (submissionStatus as readonly string[]).includes(v);

function SubmissionTable({ items, loading }: { items: SubmissionListItem[]; loading: boolean }) {
  const isMobile = useIsMobile();
  const title = (row: SubmissionListItem) => (
    <Flex vertical gap={2}>
      <Link to={`/submissions/${row.id}`} style={{ wordBreak: 'break-word' }}>
        {row.title || '(未命名申报)'}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.track.name}
        {row.subtype ? ` · ${row.subtype.name}` : ''}
      </Typography.Text>
    </Flex>
  );
  const columns: TableColumnsType<SubmissionListItem> = isMobile
    ? [
        {
          key: 'all',
          title: '申报',
          render: (_, row) => (
            <Flex vertical gap={4}>
              {title(row)}
              <StatusTags item={row} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.createdBy.displayName} · 更新于 {formatDateTime(row.updatedAt)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'title', title: '项目名称', render: (_, row) => title(row) },
        { key: 'status', title: '状态', render: (_, row) => <StatusTags item={row} /> },
        { key: 'author', title: '起草人', render: (_, row) => row.createdBy.displayName },
        { key: 'updated', title: '最近修改', render: (_, row) => formatDateTime(row.updatedAt) },
      ];
  return (
    <Table
      size={isMobile ? 'small' : 'middle'}
      rowKey="id"
      loading={loading}
      columns={columns}
      dataSource={items}
      showHeader={!isMobile}
      pagination={items.length > 20 ? { pageSize: 20, showTotal: t.totalItems, size: 'small' } : false}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无申报" /> }}
    />
  );
}

/** 本单位申报: the unit's drafts and submissions; the officer's recommendation list; the leader's sign-off queue. */
export default function SubmissionsPage() {
  const me = useMe();
  const abilities = useAbilities();
  const isMobile = useIsMobile();
  const campaigns = useCampaignList();
  const campaign = currentCampaign(campaigns.data);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const trackId = Number(params.get('track')) || undefined;
  const status = isStatus(params.get('status')) ? (params.get('status') as SubmissionStatus) : undefined;
  const q = params.get('q') ?? '';
  const tab = params.get('tab') ?? 'all';
  const setParam = (key: string, value: string | number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );

  // Everything of the unit in this campaign (a unit has tens, not thousands): tabs filter it here.
  const all = useSubmissions({ campaignId: campaign?.id, pageSize: 200 }, campaign !== null);
  const filtered = useSubmissions({ campaignId: campaign?.id, trackId, status, q: q || undefined, pageSize: 200 }, campaign !== null);
  const quota = useQuotaUsage(campaign?.id ?? null, abilities.manageRecommendations);

  if (campaigns.isPending) return <PageLoading />;
  if (!campaign) {
    return (
      <>
        <PageHeader title={t.menu.submissions} />
        <Card>
          <Empty description="目前没有主题活动,学院发布活动后即可在此起草申报。" />
        </Card>
      </>
    );
  }

  const items = all.data?.items ?? [];
  const awaitingSignOff = items.filter(
    (i) => (i.status === 'draft' || i.status === 'returned') && (i.selected || i.status === 'returned') && !i.approved,
  );
  const open = campaign.status === 'open';

  const listTab = (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        <Select
          aria-label="按类别筛选"
          allowClear
          placeholder="全部类别"
          value={trackId}
          onChange={(v?: number) => setParam('track', v)}
          options={campaign.tracks.map((tr) => ({ value: tr.id, label: tr.name }))}
          style={{ width: isMobile ? '100%' : 240 }}
        />
        <Select
          aria-label="按状态筛选"
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(v?: SubmissionStatus) => setParam('status', v)}
          options={submissionStatus.map((s) => ({ value: s, label: statusFilterLabels[s] }))}
          style={{ width: isMobile ? '100%' : 180 }}
        />
        <Input.Search
          aria-label="搜索项目名称或受理编号"
          placeholder="搜索项目名称或受理编号"
          allowClear
          defaultValue={q}
          onSearch={(v) => setParam('q', v.trim())}
          style={{ width: isMobile ? '100%' : 280 }}
        />
      </Flex>
      <SubmissionTable items={filtered.data?.items ?? []} loading={filtered.isFetching && !filtered.data} />
    </Flex>
  );

  const tabs = [
    { key: 'all', label: '全部申报', children: listTab },
    ...(abilities.manageRecommendations
      ? [
          {
            key: 'recommend',
            label: '推荐清单',
            children: <RecommendationList campaign={campaign} items={items} quota={quota.data ?? []} />,
          },
        ]
      : []),
    ...(abilities.signOffSubmissions
      ? [
          {
            key: 'signoff',
            label: (
              <Badge count={awaitingSignOff.length} size="small" offset={[8, 0]}>
                待我签批
              </Badge>
            ),
            children: (
              <Flex vertical gap={12}>
                <Typography.Text type="secondary">
                  资助管理员列入推荐清单的申报,须经您签批后才能提交。请打开每项查看内容后“签批”;签批后如再修改,须重新签批。
                </Typography.Text>
                <SubmissionTable items={awaitingSignOff} loading={all.isFetching && !all.data} />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t.menu.submissions}
        description={`${campaign.title} · ${me.unit?.name ?? ''}`}
        extra={
          <Tooltip title={open ? undefined : '该主题活动不在申报期内,暂不能新建申报。'}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!open} onClick={() => setCreating(true)}>
              新建申报
            </Button>
          </Tooltip>
        }
      />
      {abilities.manageRecommendations && quota.data?.length && tab !== 'recommend' ? (
        <Card size="small" title="本单位名额使用" style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
          <Flex vertical gap={12}>
            {quota.data.map((u) => (
              <QuotaBar key={u.trackId} usage={u} />
            ))}
          </Flex>
        </Card>
      ) : null}
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Tabs activeKey={tab} onChange={(key) => setParam('tab', key === 'all' ? undefined : key)} items={tabs} />
      </Card>
      {creating ? <NewSubmissionModal campaign={campaign} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
