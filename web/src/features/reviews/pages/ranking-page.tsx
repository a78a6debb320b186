import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { rankingFlagLabels, type RankedCase } from '../../../../../contracts/review-ranking.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { currentCampaign } from '../../../lib/current-campaign.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useCampaigns } from '../../campaigns/api/campaigns-api.ts';
import { downloadScoresWorkbook, useTrackRanking } from '../api/reviews-api.ts';
import { CaseReviews, ReviewThread } from '../components/case-reviews.tsx';

function CaseDetails({ c }: { c: RankedCase }) {
  if (!c.scoresVisible) {
    return <Alert type="info" showIcon title="您与该案例的申报单位存在回避关系,不显示评分,也不能参与讨论。" />;
  }
  return (
    <Tabs
      size="small"
      items={[
        { key: 'reviews', label: `专家评分(${c.reviewCount})`, children: <CaseReviews submissionId={c.submissionId} /> },
        { key: 'thread', label: '讨论', children: <ReviewThread submissionId={c.submissionId} /> },
      ]}
    />
  );
}

const num = (v: number | null) => (v === null ? '—' : v);

/** 评审排名: a track's cases ordered by the normalised score, with flags, per-reviewer scores, the thread and the workbook. */
export default function RankingPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const isAdmin = me.roles.includes('institute_admin');
  const { data: campaigns } = useCampaigns();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [trackId, setTrackId] = useState<number | null>(null);
  const [downloading, setDownloading] = useState(false);
  useEffect(() => {
    if (campaignId === null) setCampaignId(currentCampaign(campaigns)?.id ?? null);
  }, [campaigns, campaignId]);
  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;
  const tracks = useMemo(() => (campaign?.tracks ?? []).filter((t) => isAdmin || t.coordinator?.id === me.id), [campaign, isAdmin, me.id]);
  useEffect(() => {
    if (trackId === null || !tracks.some((t) => t.id === trackId)) setTrackId(tracks[0]?.id ?? null);
  }, [tracks, trackId]);
  const ranking = useTrackRanking(trackId);
  const data = ranking.data;

  const download = async () => {
    if (!data) return;
    setDownloading(true);
    try {
      await downloadScoresWorkbook(data.track.id, `${data.track.name}-评分汇总.xlsx`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  const flags = (c: RankedCase) => (
    <Flex wrap gap={4}>
      {c.flags.map((f) => (
        <Tag key={f} color={f === 'large_spread' ? 'red' : 'orange'}>
          {rankingFlagLabels[f]}
        </Tag>
      ))}
      {!c.scoresVisible ? <Tag>回避</Tag> : null}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title="评审排名"
        description={
          data
            ? `每个案例 ${data.track.reviewersPerCase} 位专家 · 分差超过 ${data.track.spreadThreshold} 分提示讨论${
                data.track.reviewClosesAt ? ` · 评审截止 ${formatDateTime(data.track.reviewClosesAt)}` : ''
              }`
            : '按标准化得分排序;同分依次比较:已实施优先、重点方向数多者优先、受理号在前者优先'
        }
        extra={
          <>
            <Select
              aria-label="主题活动"
              style={{ minWidth: 180 }}
              value={campaignId ?? undefined}
              onChange={(id) => {
                setCampaignId(id);
                setTrackId(null);
              }}
              options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.title }))}
            />
            <Select
              aria-label="类别"
              style={{ minWidth: 200 }}
              value={trackId ?? undefined}
              onChange={setTrackId}
              options={tracks.map((t) => ({ value: t.id, label: `${t.code} ${t.name}` }))}
            />
            <Button icon={<DownloadOutlined />} disabled={!data} loading={downloading} onClick={() => void download()}>
              导出评分汇总表
            </Button>
          </>
        }
      />
      {ranking.isError ? <Alert type="error" showIcon title={errorMessage(ranking.error)} /> : null}
      {!tracks.length ? (
        <Card>
          <Empty description="没有您可以查看排名的类别。" />
        </Card>
      ) : (
        <Card size="small">
          {data && data.overall.mean !== null ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              已提交 {data.overall.reviews} 份评审意见,全类别平均分 {data.overall.mean},标准差 {data.overall.sd}。
              标准化得分:每位专家的打分先按其本人在本类别的平均分和标准差换算为 z
              分数,再换算回全类别的平均分和标准差,以消除个别专家打分偏严或偏宽的影响。
            </Typography.Paragraph>
          ) : null}
          <Table<RankedCase>
            rowKey="submissionId"
            size="small"
            loading={ranking.isFetching}
            dataSource={data?.cases ?? []}
            pagination={false}
            scroll={isMobile ? undefined : { x: 900 }}
            expandable={{ expandedRowRender: (c) => <CaseDetails c={c} /> }}
            onRow={() => ({ 'data-testid': 'ranking-row' }) as never}
            columns={
              isMobile
                ? [
                    { title: '排名', dataIndex: 'rank', width: 48, render: (v: number | null) => v ?? '—' },
                    {
                      title: '案例',
                      render: (_, c) => (
                        <Flex vertical gap={2}>
                          <Typography.Text strong>{c.title}</Typography.Text>
                          <Typography.Text type="secondary">
                            {c.receiptNo} · {c.unitName}
                          </Typography.Text>
                          <Typography.Text type="secondary">
                            评审 {c.reviewCount}/{c.expectedReviews} · 平均 {num(c.mean)} · 分差 {num(c.spread)}
                          </Typography.Text>
                          {flags(c)}
                        </Flex>
                      ),
                    },
                    { title: '标准化', dataIndex: 'normalised', width: 64, render: num },
                  ]
                : [
                    { title: '排名', dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
                    { title: '受理号', dataIndex: 'receiptNo', width: 120 },
                    { title: '案例名称', dataIndex: 'title' },
                    { title: '申报单位', dataIndex: 'unitName', width: 120 },
                    { title: '评审数', width: 80, render: (_, c) => `${c.reviewCount}/${c.expectedReviews}` },
                    { title: '平均分', dataIndex: 'mean', width: 80, render: num },
                    { title: '标准化得分', dataIndex: 'normalised', width: 100, render: num },
                    { title: '分差', dataIndex: 'spread', width: 70, render: num },
                    { title: '提示', width: 110, render: (_, c) => flags(c) },
                  ]
            }
          />
        </Card>
      )}
    </>
  );
}
