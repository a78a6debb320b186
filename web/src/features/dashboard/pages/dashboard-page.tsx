import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import {
  AppstoreOutlined,
  AuditOutlined,
  FlagOutlined,
  HeartOutlined,
  LockOutlined,
  PieChartOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Abilities } from '../../../../../contracts/auth.ts';
import { roleLabels } from '../../../../../contracts/roles.ts';
import { campaignStatusLabels } from '../../../../../contracts/campaigns.ts';
import { useMe } from '../../../lib/session.tsx';
import { inShanghai } from '../../../lib/time.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useDashboardCampaigns, useDashboardCounts } from '../api/dashboard-api.ts';
import { currentCampaign } from '../../../lib/current-campaign.ts';

type Shortcut = { to: string; title: string; description: string; icon: ReactNode; ability: keyof Abilities | null };

const shortcuts: Shortcut[] = [
  {
    to: '/campaigns',
    title: t.menu.campaigns,
    description: '查看“苏乡永助”主题活动、类别与牵头单位',
    icon: <FlagOutlined />,
    ability: 'viewCampaigns',
  },
  {
    to: '/coverage',
    title: '六个全覆盖',
    description: '支持中心、先家访后认定、成长档案、奖励制度、导师、研讨:各单位覆盖情况与缺项',
    icon: <PieChartOutlined />,
    ability: 'viewCoverage',
  },
  {
    to: '/key-targets',
    title: '重点帮扶',
    description: '重点帮扶对象及其育人导师,尚无导师的一目了然',
    icon: <HeartOutlined />,
    ability: 'viewStudents',
  },
  {
    to: '/admin/users',
    title: t.menu.users,
    description: '创建账号、分配角色、重置密码、批量导入',
    icon: <TeamOutlined />,
    ability: 'manageUsers',
  },
  {
    to: '/admin/units',
    title: t.menu.units,
    description: '维护分院与办学点,记录南北结对、城乡结对',
    icon: <AppstoreOutlined />,
    ability: 'manageUnits',
  },
  {
    to: '/admin/audit',
    title: t.menu.audit,
    description: '查询登录、账号与单位的每一次变更',
    icon: <AuditOutlined />,
    ability: 'viewAudit',
  },
  { to: '/account/password', title: t.menu.password, description: '修改登录密码', icon: <LockOutlined />, ability: null },
];

function greeting(): string {
  const hour = inShanghai(new Date()).hour();
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function DashboardPage() {
  const me = useMe();
  const counts = useDashboardCounts(me.abilities);
  const campaigns = useDashboardCampaigns(me.abilities.viewCampaigns);
  const current = currentCampaign(campaigns.data);
  const stats: { title: string; value: number | undefined; loading: boolean; to: string }[] = [];
  if (me.abilities.manageUsers) {
    stats.push({ title: '用户总数', value: counts.users.data, loading: counts.users.isPending, to: '/admin/users' });
    stats.push({ title: '启用中的用户', value: counts.activeUsers.data, loading: counts.activeUsers.isPending, to: '/admin/users' });
  }
  if (me.abilities.manageUnits) {
    stats.push({ title: '单位总数', value: counts.units.data, loading: counts.units.isPending, to: '/admin/units' });
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {greeting()},{me.displayName}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <Typography.Text type="secondary">{me.unit ? me.unit.name : '学院'}</Typography.Text>
          {me.roles.map((role) => (
            <Tag key={role} color="red" style={{ marginInlineEnd: 0 }}>
              {roleLabels[role]}
            </Tag>
          ))}
        </Flex>
        {current ? (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            当前活动:<Link to="/campaigns">{current.title}</Link>
            <Tag style={{ marginInlineStart: 8 }}>{campaignStatusLabels[current.status]}</Tag>
          </Typography.Paragraph>
        ) : null}
      </Card>

      {stats.length > 0 ? (
        <Row gutter={[16, 16]}>
          {stats.map((stat) => (
            <Col key={stat.title} xs={12} md={8}>
              <Link to={stat.to}>
                <Card hoverable>
                  <Statistic title={stat.title} value={stat.value ?? 0} loading={stat.loading} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      ) : null}

      <Row gutter={[16, 16]}>
        {shortcuts
          .filter((s) => s.ability === null || me.abilities[s.ability])
          .map((s) => (
            <Col key={s.to} xs={24} sm={12} lg={8}>
              <Link to={s.to} aria-label={s.title}>
                <Card hoverable style={{ height: '100%' }}>
                  <Card.Meta
                    avatar={<span style={{ fontSize: 24, color: '#c0392b' }}>{s.icon}</span>}
                    title={s.title}
                    description={s.description}
                  />
                </Card>
              </Link>
            </Col>
          ))}
      </Row>
    </Flex>
  );
}
