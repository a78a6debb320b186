import { useEffect, useState } from 'react';
import { Alert, Button, Card, Select, Tabs } from 'antd';
import { currentCampaign } from '../../../lib/current-campaign.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useLayout, useStatisticsCampaigns } from '../api/statistics-api.ts';
import { FilingView } from '../components/filing-view.tsx';
import { learnMetrics } from '../components/format.ts';
import { GridView } from '../components/grid-view.tsx';
import { LayoutEditor } from '../components/layout-editor.tsx';

/** 统计表与总结报告 (附件5): a unit files its own; the institute sees all units, reminds and exports, and sets the columns. */
export default function StatisticsPage() {
  const me = useMe();
  const isInstitute = me.roles.includes('institute_admin');
  const { data: campaigns } = useStatisticsCampaigns();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [tab, setTab] = useState('grid');
  useEffect(() => {
    if (campaignId === null) setCampaignId(currentCampaign(campaigns)?.id ?? null);
  }, [campaigns, campaignId]);
  const { data: layout } = useLayout(campaignId);
  if (layout) learnMetrics(layout.metrics);

  const picker = (
    <Select
      aria-label="主题活动"
      style={{ minWidth: 200 }}
      value={campaignId ?? undefined}
      onChange={(id) => {
        setCampaignId(id);
        setUnitId(null);
      }}
      options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.title }))}
    />
  );

  return (
    <>
      <PageHeader
        title="统计表与总结报告"
        description={
          layout
            ? `${layout.campaignYear} 年活动 · 统计 ${layout.schoolYear} 学年记录 · 大部分数据由平台自动统计`
            : '《资助育人主题活动开展情况统计表》(附件5)与总结报告'
        }
        extra={picker}
      />
      {campaignId === null ? (
        <Card>
          <Alert type="info" showIcon message="还没有主题活动。" />
        </Card>
      ) : !isInstitute ? (
        me.unit ? (
          <FilingView campaignId={campaignId} unitId={me.unit.id} metrics={layout?.metrics} />
        ) : (
          <Alert type="warning" message="您的账号未指定单位,请联系学院管理员。" />
        )
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'grid',
              label: '各单位汇总',
              children: <GridView campaignId={campaignId} onOpenUnit={(id) => (setUnitId(id), setTab('unit'))} />,
            },
            {
              key: 'unit',
              label: '单位填报详情',
              children: unitId ? (
                <>
                  <Button style={{ marginBottom: 12 }} onClick={() => setTab('grid')}>
                    返回汇总
                  </Button>
                  <FilingView campaignId={campaignId} unitId={unitId} metrics={layout?.metrics} />
                </>
              ) : (
                <Alert type="info" showIcon message="请在汇总表中点击单位名称查看其填报。" />
              ),
            },
            { key: 'layout', label: '栏目设置', children: layout ? <LayoutEditor layout={layout} /> : <Card loading /> },
          ]}
        />
      )}
    </>
  );
}
