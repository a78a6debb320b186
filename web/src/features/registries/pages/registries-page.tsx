import { useSearchParams } from 'react-router';
import { Card, Empty, Flex, Tabs, Typography } from 'antd';
import { PageHeader } from '../../../components/page-header.tsx';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { RewardSchemeTab } from '../components/reward-scheme-tab.tsx';
import { SeminarsTab } from '../components/seminars-tab.tsx';
import { SupportCenterTab } from '../components/support-center-tab.tsx';

const tabs = ['center', 'rewards', 'seminars'] as const;
type Tab = (typeof tabs)[number];
const isTab = (v: string | null): v is Tab => v !== null && (tabs as readonly string[]).includes(v);

/**
 * 单位工作台账: the unit's 学生发展支持中心, 成长奖励制度 and 常态化研讨. Unit staff see
 * their own unit; the institute admin picks one.
 */
export default function RegistriesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'center';
  const chosen = Number(params.get('unitId')) || null;
  // Unit staff always see their own unit; only a user without one (the institute admin) chooses.
  const unitId = me.unit?.id ?? chosen;

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) merged.delete(k);
      else merged.set(k, v);
    }
    setParams(merged, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="单位工作台账"
        description="学生发展支持中心、成长奖励制度、常态化研讨"
        extra={
          me.unit ? (
            <Typography.Text type="secondary">{me.unit.name}</Typography.Text>
          ) : (
            <div style={{ width: isMobile ? '100%' : 280 }}>
              <UnitSelect aria-label="选择单位" value={chosen} onChange={(id) => update({ unitId: id ? String(id) : null })} />
            </div>
          )
        }
      />
      <Card styles={{ body: { paddingInline: isMobile ? 12 : 24, paddingTop: 8 } }}>
        {unitId === null ? (
          <Flex justify="center" style={{ padding: 32 }}>
            <Empty description="请先在右上方选择要查看的单位" />
          </Flex>
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key === 'center' ? null : key })}
            items={[
              { key: 'center', label: isMobile ? '支持中心' : '学生发展支持中心', children: <SupportCenterTab unitId={unitId} /> },
              { key: 'rewards', label: isMobile ? '奖励制度' : '成长奖励制度', children: <RewardSchemeTab unitId={unitId} /> },
              { key: 'seminars', label: isMobile ? '研讨' : '常态化研讨', children: <SeminarsTab unitId={unitId} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
