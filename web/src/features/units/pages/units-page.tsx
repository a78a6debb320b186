import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { PageHeader } from '../../../components/page-header.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { PairingsTab } from '../components/pairings-tab.tsx';
import { UnitsTab } from '../components/units-tab.tsx';

export default function UnitsPage() {
  const [params, setParams] = useSearchParams();
  const isMobile = useIsMobile();
  const tab = params.get('tab') === 'pairings' ? 'pairings' : 'units';
  return (
    <>
      <PageHeader title={t.menu.units} description="单位所在城市决定其地区(苏南/苏中/苏北)" />
      <Card styles={{ body: { paddingInline: isMobile ? 12 : 24, paddingBottom: isMobile ? 12 : 24, paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'pairings' ? { tab: 'pairings' } : {}, { replace: true })}
          items={[
            { key: 'units', label: '单位', children: <UnitsTab /> },
            { key: 'pairings', label: '结对', children: <PairingsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
