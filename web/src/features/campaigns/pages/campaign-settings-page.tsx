import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Card, Flex, Tabs, Tag } from 'antd';
import { campaignStatusLabels } from '../../../../../contracts/campaigns.ts';
import { NotFoundResult } from '../../../components/not-found-result.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useCampaign } from '../api/campaigns-api.ts';
import { BasicInfoTab } from '../components/basic-info-tab.tsx';
import { ProblemsSummary, TransitionButton } from '../components/campaign-actions.tsx';
import { ProgressTab } from '../components/progress-tab.tsx';
import { QuotasTab } from '../components/quotas-tab.tsx';
import { statusColors } from '../components/status.ts';
import { TemplateTab } from '../components/template-tab.tsx';
import { TracksTab } from '../components/tracks-tab.tsx';

const tabKeys = ['basic', 'tracks', 'quotas', 'template', 'progress'] as const;
type TabKey = (typeof tabKeys)[number];

/** One campaign's settings, in tabs; the tab lives in the URL so reload and links keep it. */
export default function CampaignSettingsPage() {
  const { id } = useParams();
  const campaignId = Number(id);
  const { data: campaign, isPending, isError } = useCampaign(campaignId);
  const [params, setParams] = useSearchParams();
  const isMobile = useIsMobile();
  const tabParam = params.get('tab');
  const tab: TabKey = (tabKeys as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'basic';

  if (!Number.isInteger(campaignId) || campaignId <= 0 || isError) return <NotFoundResult />;
  if (isPending || !campaign) return <PageLoading />;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/admin/campaigns">活动管理</Link> }, { title: `${campaign.year} 年` }]}
      />
      <PageHeader
        title={campaign.title}
        description={
          <Tag color={statusColors[campaign.status]} style={{ marginTop: 4 }}>
            {campaignStatusLabels[campaign.status]}
          </Tag>
        }
        extra={<TransitionButton campaign={campaign} />}
      />
      {campaign.status === 'closed' ? (
        <Alert type="info" showIcon title="活动已结束,设置已归档,仅供查看。" style={{ marginBottom: 12 }} />
      ) : null}
      {campaign.openingProblems.length > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={<ProblemsSummary problems={campaign.openingProblems} />} />
      ) : null}
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Flex vertical>
          <Tabs
            activeKey={tab}
            onChange={(key) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('tab', key);
                  return next;
                },
                { replace: true },
              )
            }
            destroyOnHidden
            items={[
              { key: 'basic', label: '基本信息', children: <BasicInfoTab campaign={campaign} /> },
              { key: 'tracks', label: '类别设置', children: <TracksTab campaign={campaign} /> },
              { key: 'quotas', label: '名额', children: <QuotasTab campaign={campaign} /> },
              { key: 'template', label: '表单模板', children: <TemplateTab campaign={campaign} /> },
              { key: 'progress', label: '进度', children: <ProgressTab campaign={campaign} /> },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
