import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Input, Progress, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import type { CampaignDto, ProgressCounts, ProgressRow } from '../../../../../contracts/campaigns.ts';
import { regionLabels, regions, type Region } from '../../../../../contracts/regions.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useCampaignProgress } from '../api/campaigns-api.ts';

const count = (n: number | null) => (n === null ? '—' : n);

function usage(counts: Pick<ProgressCounts, 'quota' | 'quotaUsed'>) {
  const over = counts.quotaUsed >= counts.quota;
  return (
    <Flex vertical style={{ minWidth: 90 }}>
      <Typography.Text type={over && counts.quota > 0 ? 'warning' : undefined}>
        {counts.quotaUsed} / {counts.quota}
      </Typography.Text>
      <Progress percent={counts.quota > 0 ? Math.round((counts.quotaUsed / counts.quota) * 100) : 0} showInfo={false} size="small" />
    </Flex>
  );
}

const stateColumns = [
  { key: 'drafts', title: '草稿' },
  { key: 'submitted', title: '待审查' },
  { key: 'returned', title: '已退回' },
  { key: 'accepted', title: '已通过' },
  { key: 'withdrawn', title: '已撤回' },
] as const;

/** 进度: per track, per unit counts of each state and quota use, with totals; filter by region and unit name. */
export function ProgressTab({ campaign }: { campaign: CampaignDto }) {
  const [region, setRegion] = useState<Region | 'all'>('all');
  const [q, setQ] = useState('');
  const { data, isPending, isFetching } = useCampaignProgress(campaign.id, region === 'all' ? undefined : region);
  const isMobile = useIsMobile();
  const rowsByTrack = useMemo(() => {
    const map = new Map<number, ProgressRow[]>();
    for (const row of data?.rows ?? []) {
      if (q.trim() && !row.unitName.includes(q.trim())) continue;
      map.set(row.trackId, [...(map.get(row.trackId) ?? []), row]);
    }
    return map;
  }, [data, q]);
  if (isPending) return <PageLoading />;
  if (!data) return <Empty />;

  const columns: TableColumnsType<ProgressRow> = [
    {
      title: '单位',
      key: 'unit',
      fixed: isMobile ? undefined : 'left',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.unitName}</span>
          {r.region ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {regionLabels[r.region]}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...stateColumns.map((c) => ({
      title: c.title,
      key: c.key,
      align: 'right' as const,
      render: (_: unknown, r: ProgressRow) => count(r[c.key]),
    })),
    { title: '名额使用', key: 'quota', render: (_, r) => usage(r) },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center">
        <Segmented<Region | 'all'>
          value={region}
          onChange={setRegion}
          options={[{ value: 'all', label: '全部地区' }, ...regions.map((r) => ({ value: r, label: regionLabels[r] }))]}
        />
        <Input.Search
          allowClear
          placeholder="按单位名称查找"
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 260 }}
          aria-label="按单位名称查找"
        />
      </Flex>
      <Typography.Text type="secondary">
        待审查:已提交、等待牵头人形式审查;已退回:退回后尚未重新提交;已撤回:单位撤回后尚未重新提交(不占名额)。名额使用 = 待审查 + 已退回 +
        已通过。
      </Typography.Text>
      {data.tracks.map((track) => (
        <Card key={track.id} size="small" title={track.name} styles={{ body: { padding: isMobile ? 8 : 12 } }}>
          <Table<ProgressRow>
            rowKey={(r) => `${r.trackId}-${r.unitId}`}
            size="small"
            columns={columns}
            dataSource={rowsByTrack.get(track.id) ?? []}
            loading={isFetching}
            pagination={{ pageSize: 20, hideOnSinglePage: true, simple: isMobile }}
            scroll={{ x: 'max-content' }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                {stateColumns.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                    <Typography.Text strong>{count(track.totals[c.key])}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={stateColumns.length + 1}>{usage(track.totals)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}
