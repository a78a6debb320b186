/**
 * The route table: each page, its menu entry and the ability it needs.
 * The menu and the route guards are both derived from this list, and both
 * only read `Me.abilities` — the rules themselves live on the server.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AppstoreOutlined, AuditOutlined, DashboardOutlined, FlagOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import type { Abilities } from '../../../contracts/auth.ts';
import { t } from '../locales/zh-CN.ts';

export type AppRoute = {
  path: string;
  label: string;
  icon: ReactNode;
  /** null: every logged-in user. */
  ability: keyof Abilities | null;
  page: LazyExoticComponent<ComponentType>;
};

export const appRoutes: AppRoute[] = [
  {
    path: '/',
    label: t.menu.dashboard,
    icon: <DashboardOutlined />,
    ability: null,
    page: lazy(() => import('../features/dashboard/pages/dashboard-page.tsx')),
  },
  {
    path: '/campaigns',
    label: t.menu.campaigns,
    icon: <FlagOutlined />,
    ability: 'viewCampaigns',
    page: lazy(() => import('../features/campaigns/pages/campaigns-page.tsx')),
  },
  {
    path: '/admin/users',
    label: t.menu.users,
    icon: <TeamOutlined />,
    ability: 'manageUsers',
    page: lazy(() => import('../features/users/pages/users-page.tsx')),
  },
  {
    path: '/admin/units',
    label: t.menu.units,
    icon: <AppstoreOutlined />,
    ability: 'manageUnits',
    page: lazy(() => import('../features/units/pages/units-page.tsx')),
  },
  {
    path: '/admin/audit',
    label: t.menu.audit,
    icon: <AuditOutlined />,
    ability: 'viewAudit',
    page: lazy(() => import('../features/audit/pages/audit-page.tsx')),
  },
  {
    path: '/account/password',
    label: t.menu.password,
    icon: <LockOutlined />,
    ability: null,
    page: lazy(() => import('../features/auth/pages/change-password-page.tsx')),
  },
];

export const loginPage = lazy(() => import('../features/auth/pages/login-page.tsx'));

export const CHANGE_PASSWORD_PATH = '/account/password';

export function canUse(route: Pick<AppRoute, 'ability'>, abilities: Abilities): boolean {
  return route.ability === null || abilities[route.ability];
}

/** Menu key for a location: the longest route path that prefixes it. */
export function routeForPath(pathname: string): AppRoute | undefined {
  let best: AppRoute | undefined;
  for (const route of appRoutes) {
    const matches = route.path === '/' ? pathname === '/' : pathname === route.path || pathname.startsWith(`${route.path}/`);
    if (matches && (!best || route.path.length > best.path.length)) best = route;
  }
  return best;
}
