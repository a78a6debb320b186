import { Alert, Card, Empty, Flex, Select, Tabs } from 'antd';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { currentCampaign } from '../../../lib/current-campaign.ts';
import { useUrlFilters } from '../../../lib/use-url-filters.ts';
import { useCampaigns, useTrackDecisions } from '../api/decisions-api.ts';
import { DecisionsTable } from '../components/decisions-table.tsx';
import { NoticesPanel } from '../components/notices-panel.tsx';
import { PackagePanel } from '../components/package-panel.tsx';

/**
 * 评审结果与推荐 (institute admin): per track, an outcome for each accepted case
 * within the 推荐省级 quota, released together; the campaign's 公示; the upward package.
 */
export default function DecisionsPage() {
  const [params, setParams] = useUrlFilters();
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.find((c) => c.id === Number(params.get('campaignId'))) ?? currentCampaign(campaigns.data) ?? null;
  const track = campaign?.tracks.find((t) => t.id === Number(params.get('trackId'))) ?? campaign?.tracks[0] ?? null;
  const tab = params.get('tab') ?? 'decisions';
  const view = useTrackDecisions(track?.id ?? null);

  if (campaigns.isPending) return <PageLoading />;
  if (campaigns.isError) return <Alert type="error" showIcon message={errorMessage(campaigns.error)} />;
  if (!campaign) return <Empty description="还没有主题活动" />;

  return (
    <Flex vertical gap={12}>
      <PageHeader title="评审结果与推荐" description="为已受理的案例确定评审结果,发布后通知申报单位;发布公示并下载省级上报材料。" />
      <Flex wrap gap={8}>
        <Select
          aria-label="主题活动"
          style={{ minWidth: 200, flex: '1 1 200px' }}
          value={campaign.id}
          options={campaigns.data?.map((c) => ({ value: c.id, label: c.title }))}
          onChange={(id) => setParams({ campaignId: id, trackId: undefined })}
        />
        {tab !== 'notices' ? (
          <Select
            aria-label="类别"
            style={{ minWidth: 200, flex: '1 1 200px' }}
            value={track?.id}
            options={campaign.tracks.map((t) => ({ value: t.id, label: t.name }))}
            onChange={(id) => setParams({ campaignId: campaign.id, trackId: id })}
          />
        ) : null}
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key === 'decisions' ? undefined : key })}
          items={[
            {
              key: 'decisions',
              label: '评审结果',
              children: view.data ? (
                <DecisionsTable view={view.data} />
              ) : view.isError ? (
                <Alert type="error" showIcon message={errorMessage(view.error)} />
              ) : (
                <PageLoading />
              ),
            },
            { key: 'notices', label: '公示', children: <NoticesPanel campaignId={campaign.id} campaignTitle={campaign.title} /> },
            {
              key: 'package',
              label: '上报材料',
              children: view.data ? <PackagePanel view={view.data} /> : <PageLoading />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
