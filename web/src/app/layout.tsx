import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Tag, Typography, theme, type MenuProps } from 'antd';
import { LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { roleLabels } from '../../../contracts/roles.ts';
import { useMe } from '../lib/session.tsx';
import { useIsMobile } from '../lib/use-is-mobile.ts';
import { PageLoading } from '../components/page-loading.tsx';
import { t } from '../locales/zh-CN.ts';
import { useLogout } from '../features/auth/api/auth-api.ts';
import { NotificationBell } from '../features/notifications/components/notification-bell.tsx';
import { appRoutes, canUse, CHANGE_PASSWORD_PATH, menuGroupLabels, routeForPath, type AppRoute, type MenuGroup } from './routes.tsx';

const SIDER_WIDTH = 220;

function Brand({ compact }: { compact?: boolean }) {
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', minWidth: 0 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#c0392b',
          color: '#fff',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        永
      </span>
      {compact ? null : (
        <Typography.Text strong style={{ fontSize: 16, color: 'inherit', whiteSpace: 'nowrap' }}>
          {t.productName}
        </Typography.Text>
      )}
    </Link>
  );
}

/** The menu: ungrouped entries first, then one titled group per area that has entries. */
function groupedMenu(routes: AppRoute[]): MenuProps['items'] {
  const item = (route: AppRoute) => ({ key: route.path, icon: route.icon, label: <Link to={route.path}>{route.label}</Link> });
  const groups = (Object.keys(menuGroupLabels) as MenuGroup[])
    .map((group) => ({ group, children: routes.filter((r) => r.group === group).map(item) }))
    .filter((g) => g.children.length > 0)
    .map((g) => ({ type: 'group' as const, key: `group:${g.group}`, label: menuGroupLabels[g.group], children: g.children }));
  return [...routes.filter((r) => !r.group).map(item), ...groups];
}

export function AppLayout() {
  const me = useMe();
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  // Until the password is changed, the user may do nothing else: no menu.
  const forced = me.mustChangePassword;

  const current = routeForPath(location.pathname);
  useEffect(() => {
    document.title = current ? `${current.label} · ${t.productName}` : t.productTitle;
  }, [current]);
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const menuItems = groupedMenu(appRoutes.filter((route) => !route.hideInMenu && canUse(route, me.abilities)));
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={current ? [current.path] : []}
      items={menuItems}
      style={{ borderInlineEnd: 'none' }}
      aria-label="主菜单"
    />
  );

  const roleText = me.roles.map((role) => roleLabels[role]);
  // Phones have no room in the header for unit and roles: they head the user menu instead.
  const identity: MenuProps['items'] = isMobile
    ? [
        {
          key: 'identity',
          disabled: true,
          style: { cursor: 'default', height: 'auto', lineHeight: 1.6, paddingBlock: 6 },
          label: (
            <Flex vertical>
              <Typography.Text strong>{me.displayName}</Typography.Text>
              {me.unit ? <Typography.Text type="secondary">{me.unit.name}</Typography.Text> : null}
              <Typography.Text type="secondary">{roleText.join('、')}</Typography.Text>
            </Flex>
          ),
        },
        { type: 'divider' },
      ]
    : [];
  const userMenu: MenuProps['items'] = [
    ...identity,
    ...(forced ? [] : [{ key: 'password', icon: <LockOutlined />, label: t.changePassword }]),
    { key: 'logout', icon: <LogoutOutlined />, label: t.logout, danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout') logout.mutate();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!forced && !isMobile ? (
        <Layout.Sider
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: collapsed ? '0 26px' : '0 20px', color: '#fff' }}>
            <Brand compact={collapsed} />
          </div>
          {menu}
        </Layout.Sider>
      ) : null}
      {!forced && isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 20}
          title={<Brand />}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      ) : null}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: isMobile ? '0 12px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {!forced && isMobile ? (
            <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
          ) : null}
          {forced || isMobile ? <Brand /> : null}
          <div style={{ flex: 1 }} />
          {!isMobile ? (
            <Flex gap={4} align="center" wrap={false} style={{ minWidth: 0, overflow: 'hidden' }} data-testid="header-identity">
              {me.unit ? (
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {me.unit.name}
                </Typography.Text>
              ) : null}
              {roleText.map((label) => (
                <Tag key={label} color="red" variant="filled" style={{ marginInlineEnd: 0 }}>
                  {label}
                </Tag>
              ))}
            </Flex>
          ) : null}
          {!forced ? <NotificationBell /> : null}
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
              <span style={{ maxWidth: isMobile ? 96 : 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.displayName}</span>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 24px', color: token.colorTextTertiary, fontSize: 12 }}>
          {t.productTitle}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
