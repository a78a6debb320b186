import { Card, Empty, Flex, Select, Tabs } from 'antd';
import { PageHeader } from '../../../components/page-header.tsx';
import { currentCampaign } from '../../../lib/current-campaign.ts';
import { useMe } from '../../../lib/session.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useUrlFilters } from '../../../lib/use-url-filters.ts';
import { useCampaigns } from '../api/review-admin-api.ts';
import { AssignmentTab } from '../components/assignment-tab.tsx';
import { ConflictsTab } from '../components/conflicts-tab.tsx';
import { PoolTab } from '../components/pool-tab.tsx';
import { SettingsTab } from '../components/settings-tab.tsx';

const tabs = ['settings', 'pool', 'conflicts', 'assignments'] as const;
type Tab = (typeof tabs)[number];

/**
 * 评审管理: one campaign and one track at a time — its review settings and rubric,
 * its reviewer pool, the campaign's conflicts, and assignment (by hand, .xlsx, automatic).
 * The institute admin sees every track; a coordinator the tracks they lead.
 */
export default function ReviewAdminPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const campaigns = useCampaigns();
  const [params, setParams] = useUrlFilters();
  const isAdmin = me.roles.includes('institute_admin');

  // A campaign being prepared is listed too: its review settings may be set ahead.
  const list = campaigns.data ?? [];
  const campaign = list.find((c) => c.id === Number(params.get('campaign'))) ?? currentCampaign(list);
  const tracks = (campaign?.tracks ?? []).filter((t) => isAdmin || t.coordinator?.id === me.id);
  const track = tracks.find((t) => t.id === Number(params.get('track'))) ?? tracks[0] ?? null;
  const tab: Tab = tabs.find((t) => t === params.get('tab')) ?? 'assignments';

  const pickers = (
    <Flex wrap gap={8} style={{ width: isMobile ? '100%' : undefined }}>
      <Select
        aria-label="主题活动"
        style={{ width: isMobile ? '100%' : 280 }}
        loading={campaigns.isLoading}
        value={campaign?.id}
        onChange={(id: number) => setParams({ campaign: id, track: undefined })}
        options={list.map((c) => ({ value: c.id, label: c.title }))}
      />
      <Select
        aria-label="类别"
        style={{ width: isMobile ? '100%' : 240 }}
        value={track?.id}
        onChange={(id: number) => setParams({ track: id })}
        options={tracks.map((t) => ({ value: t.id, label: t.name }))}
        notFoundContent="没有可管理的类别"
      />
    </Flex>
  );

  return (
    <>
      <PageHeader title="评审管理" description="评审设置、专家库、回避关系和评审分配" extra={pickers} />
      {!campaign || !track ? (
        <Card>
          <Empty description={campaigns.isLoading ? '加载中…' : '没有可以管理的类别'} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams({ tab: key })}
            destroyOnHidden
            items={[
              { key: 'settings', label: '评审设置', children: <SettingsTab trackId={track.id} /> },
              { key: 'pool', label: '专家库', children: <PoolTab trackId={track.id} /> },
              { key: 'conflicts', label: '回避关系', children: <ConflictsTab campaignId={campaign.id} /> },
              { key: 'assignments', label: '评审分配', children: <AssignmentTab key={track.id} trackId={track.id} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
