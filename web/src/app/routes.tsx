/**
 * The route table: each page, its menu entry and the ability it needs.
 * The menu and the route guards are both derived from this list, and both
 * only read `Me.abilities` — the rules themselves live on the server.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AppstoreOutlined, AuditOutlined, DashboardOutlined, FlagOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import { BellOutlined, HeartOutlined, MailOutlined, PieChartOutlined } from '@ant-design/icons';
import { FileTextOutlined } from '@ant-design/icons';
import { HomeOutlined, NotificationOutlined, OrderedListOutlined, SolutionOutlined } from '@ant-design/icons';
import { BookOutlined } from '@ant-design/icons';
import { IdcardOutlined } from '@ant-design/icons';
import { ClusterOutlined } from '@ant-design/icons';
import { TrophyOutlined } from '@ant-design/icons';
import type { Abilities } from '../../../contracts/auth.ts';
import { t } from '../locales/zh-CN.ts';

/** Where an entry sits in the menu; entries without a group stand at the top. */
export type MenuGroup = 'campaign' | 'records' | 'admin' | 'account';

export const menuGroupLabels: Record<MenuGroup, string> = {
  campaign: '主题活动',
  records: '资助育人记录',
  admin: '系统管理',
  account: '个人',
};

export type AppRoute = {
  path: string;
  label: string;
  group?: MenuGroup;
  icon: ReactNode;
  /** null: every logged-in user. */
  ability: keyof Abilities | null;
  page: LazyExoticComponent<ComponentType>;
  /** A page reached from another page (e.g. one case), not from the menu. */
  hideInMenu?: boolean;
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
    group: 'campaign',
    icon: <FlagOutlined />,
    ability: 'viewCampaigns',
    page: lazy(() => import('../features/campaigns/pages/campaigns-page.tsx')),
  },
  {
    path: '/submissions',
    label: t.menu.submissions,
    group: 'campaign',
    icon: <FileTextOutlined />,
    ability: 'draftSubmissions',
    page: lazy(() => import('../features/submissions/pages/submissions-page.tsx')),
  },
  {
    // One case: the unit edits it; coordinators and admins reach it from notifications (the server decides who sees it).
    path: '/submissions/:id',
    label: t.menu.submissions,
    icon: <FileTextOutlined />,
    ability: null,
    hideInMenu: true,
    page: lazy(() => import('../features/submissions/pages/submission-page.tsx')),
  },
  {
    path: '/coverage',
    label: '六个全覆盖',
    group: 'records',
    icon: <PieChartOutlined />,
    ability: 'viewCoverage',
    page: lazy(() => import('../features/coverage/pages/coverage-page.tsx')),
  },
  {
    path: '/key-targets',
    label: '重点帮扶',
    group: 'records',
    icon: <HeartOutlined />,
    ability: 'viewStudents',
    page: lazy(() => import('../features/key-targets/pages/key-targets-page.tsx')),
  },
  {
    // 家访记录: a teacher's phone form (draft autosaved, then 完成).
    path: '/home-visits',
    label: '家访记录',
    group: 'records',
    icon: <HomeOutlined />,
    ability: 'homeVisits',
    page: lazy(() => import('../features/home-visits/pages/home-visits-page.tsx')),
  },
  {
    path: '/home-visits/:id',
    label: '家访记录',
    icon: <HomeOutlined />,
    ability: 'homeVisits',
    hideInMenu: true,
    page: lazy(() => import('../features/home-visits/pages/home-visit-page.tsx')),
  },
  {
    // 家庭经济困难认定 per school year: the pipeline with each step's action.
    path: '/identifications',
    label: '困难认定',
    group: 'records',
    icon: <SolutionOutlined />,
    ability: 'identifications',
    page: lazy(() => import('../features/identifications/pages/identifications-page.tsx')),
  },
  {
    path: '/notices',
    label: '认定公示',
    group: 'records',
    icon: <NotificationOutlined />,
    ability: 'viewNotices',
    page: lazy(() => import('../features/identifications/pages/notices-page.tsx')),
  },
  {
    path: '/notices/:id',
    label: '认定公示',
    icon: <NotificationOutlined />,
    ability: 'viewNotices',
    hideInMenu: true,
    page: lazy(() => import('../features/identifications/pages/notice-page.tsx')),
  },
  {
    path: '/admin/identification-levels',
    label: '困难等级设置',
    group: 'records',
    icon: <OrderedListOutlined />,
    ability: 'manageIdentificationLevels',
    page: lazy(() => import('../features/identifications/pages/levels-page.tsx')),
  },
  {
    path: '/form-check',
    label: '形式审查',
    group: 'campaign',
    icon: <AuditOutlined />,
    ability: 'formCheck',
    page: lazy(() => import('../features/form-check/pages/inbox-page.tsx')),
  },
  {
    path: '/form-check/:id',
    label: '形式审查',
    icon: <AuditOutlined />,
    ability: 'formCheck',
    hideInMenu: true,
    page: lazy(() => import('../features/form-check/pages/case-page.tsx')),
  },
  {
    // 评审管理: a track's review settings and rubric, reviewer pool, conflicts and assignment (admin, the track's coordinator).
    path: '/review-admin',
    label: '评审管理',
    group: 'campaign',
    icon: <ClusterOutlined />,
    ability: 'manageReviews',
    page: lazy(() => import('../features/review-admin/pages/review-admin-page.tsx')),
  },
  {
    // 评审任务: the reviewer's assigned cases; each opens the case and the review form.
    path: '/reviews',
    label: '评审任务',
    group: 'campaign',
    icon: <SolutionOutlined />,
    ability: 'reviewCases',
    page: lazy(() => import('../features/reviews/pages/my-reviews-page.tsx')),
  },
  {
    path: '/reviews/:submissionId',
    label: '评审任务',
    icon: <SolutionOutlined />,
    ability: 'reviewCases',
    hideInMenu: true,
    page: lazy(() => import('../features/reviews/pages/review-page.tsx')),
  },
  {
    // 评审排名: a track's ranking by normalised score, flags, per-reviewer scores, the thread, the scores workbook.
    path: '/review-ranking',
    label: '评审排名',
    group: 'campaign',
    icon: <OrderedListOutlined />,
    ability: 'viewRankings',
    page: lazy(() => import('../features/reviews/pages/ranking-page.tsx')),
  },
  {
    // 评审结果与推荐 (decisions): outcomes within the 推荐省级 quota, release, 公示 and the upward package.
    path: '/decisions',
    label: '评审结果与推荐',
    group: 'campaign',
    icon: <TrophyOutlined />,
    ability: 'decideReviews',
    page: lazy(() => import('../features/decisions/pages/decisions-page.tsx')),
  },
  {
    // A unit's released results (outcome and note, never scores); the release mail links here.
    path: '/review-results',
    label: '评审结果',
    group: 'campaign',
    icon: <TrophyOutlined />,
    ability: 'viewReviewResults',
    page: lazy(() => import('../features/decisions/pages/review-results-page.tsx')),
  },
  {
    // 统计表与总结报告 (附件5): the unit files it; the institute sees all units, reminds, exports and sets the columns.
    path: '/statistics',
    label: '统计表与总结',
    group: 'campaign',
    icon: <FileTextOutlined />,
    ability: 'statistics',
    page: lazy(() => import('../features/statistics/pages/statistics-page.tsx')),
  },
  {
    // 单位工作台账: support centre, reward scheme and awards, seminars.
    path: '/registries',
    label: '单位工作台账',
    group: 'records',
    icon: <BookOutlined />,
    ability: 'viewRegistries',
    page: lazy(() => import('../features/registries/pages/registries-page.tsx')),
  },
  {
    // 学生名册: search, filters, masked fields; import, class teachers and grade promotion for the aid officer.
    path: '/students',
    label: '学生名册',
    group: 'records',
    icon: <IdcardOutlined />,
    ability: 'viewStudents',
    page: lazy(() => import('../features/students/pages/students-page.tsx')),
  },
  {
    path: '/students/import',
    label: '学生名册',
    icon: <IdcardOutlined />,
    ability: 'manageRoster',
    hideInMenu: true,
    page: lazy(() => import('../features/students/pages/roster-import-page.tsx')),
  },
  {
    // One student: masked fields with 查看 (a reason, audited) per field.
    path: '/students/:id',
    label: '学生名册',
    icon: <IdcardOutlined />,
    ability: 'viewStudents',
    hideInMenu: true,
    page: lazy(() => import('../features/students/pages/student-page.tsx')),
  },
  {
    // One student's growth archive on its own page; the student page embeds the same panel.
    path: '/students/:id/archive',
    label: '资助成长档案',
    icon: <BookOutlined />,
    ability: 'viewStudents',
    hideInMenu: true,
    page: lazy(() => import('../features/growth-archive/pages/student-archive-page.tsx')),
  },
  {
    path: '/admin/campaigns',
    label: '活动管理',
    group: 'campaign',
    icon: <FlagOutlined />,
    ability: 'manageCampaigns',
    page: lazy(() => import('../features/campaigns/pages/campaign-admin-page.tsx')),
  },
  {
    // One campaign's settings (基本信息 / 类别设置 / 名额 / 表单模板 / 进度), reached from 活动管理.
    path: '/admin/campaigns/:id',
    label: '活动管理',
    icon: <FlagOutlined />,
    ability: 'manageCampaigns',
    hideInMenu: true,
    page: lazy(() => import('../features/campaigns/pages/campaign-settings-page.tsx')),
  },
  {
    path: '/admin/users',
    label: t.menu.users,
    group: 'admin',
    icon: <TeamOutlined />,
    ability: 'manageUsers',
    page: lazy(() => import('../features/users/pages/users-page.tsx')),
  },
  {
    path: '/admin/units',
    label: t.menu.units,
    group: 'admin',
    icon: <AppstoreOutlined />,
    ability: 'manageUnits',
    page: lazy(() => import('../features/units/pages/units-page.tsx')),
  },
  {
    path: '/admin/audit',
    label: t.menu.audit,
    group: 'admin',
    icon: <AuditOutlined />,
    ability: 'viewAudit',
    page: lazy(() => import('../features/audit/pages/audit-page.tsx')),
  },
  {
    path: '/inbox',
    label: t.menu.inbox,
    group: 'account',
    icon: <BellOutlined />,
    ability: null,
    page: lazy(() => import('../features/notifications/pages/inbox-page.tsx')),
  },
  {
    path: '/admin/mails',
    label: t.menu.mails,
    group: 'admin',
    icon: <MailOutlined />,
    ability: 'viewMailLog',
    page: lazy(() => import('../features/notifications/pages/mail-log-page.tsx')),
  },
  {
    path: '/account/password',
    label: t.menu.password,
    group: 'account',
    icon: <LockOutlined />,
    ability: null,
    page: lazy(() => import('../features/auth/pages/change-password-page.tsx')),
  },
];

export const loginPage = lazy(() => import('../features/auth/pages/login-page.tsx'));

/** The campaign's 公示, public (no login): registered outside the session guard in router.tsx. */
export const publicNoticePage = lazy(() => import('../features/decisions/pages/public-notice-page.tsx'));

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
