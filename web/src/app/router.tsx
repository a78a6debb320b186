import { Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useRouteError, useSearchParams } from 'react-router';
import { Button, Result } from 'antd';
import { setApiHooks } from '../lib/api-client.ts';
import { queryClient } from '../lib/query-client.ts';
import { endedByLogout, forgetSession, sessionKey, useMe, useSession } from '../lib/session.tsx';
import { safeNextPath } from '../lib/safe-next.ts';
import { PageLoading } from '../components/page-loading.tsx';
import { ForbiddenResult } from '../components/forbidden-result.tsx';
import { NotFoundResult } from '../components/not-found-result.tsx';
import { t } from '../locales/zh-CN.ts';
import { AppLayout } from './layout.tsx';
import {
  appRoutes,
  canUse,
  CHANGE_PASSWORD_PATH,
  loginPage as LoginPage,
  publicNoticePage as PublicNoticePage,
  type AppRoute,
} from './routes.tsx';

// A 401 anywhere means the session is gone: forget it, and the guard below sends
// the user to the login page with `next` set to where they were.
setApiHooks({
  onUnauthenticated: () => forgetSession(queryClient),
  onPasswordChangeRequired: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
});

function loginPathFor(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

function SessionError({ onRetry }: { onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title="无法连接服务器"
      subTitle="请检查网络连接后重试。"
      extra={
        <Button type="primary" onClick={onRetry}>
          {t.retry}
        </Button>
      }
    />
  );
}

/** Everything except the login page: needs a session, and a changed password. */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) return <SessionError onRetry={() => void session.refetch()} />;
  if (!session.data) {
    return <Navigate to={endedByLogout() ? '/login' : loginPathFor(location.pathname, location.search)} replace />;
  }
  if (session.data.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <AppLayout />;
}

/** A page whose ability the user lacks shows 403 (the server would refuse its data anyway). */
function Guarded({ route }: { route: AppRoute }) {
  const me = useMe();
  if (!canUse(route, me.abilities)) return <ForbiddenResult />;
  const Page = route.page;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

function LoginRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.isPending) return <PageLoading />;
  // Already logged in (or just now): continue to where the user was going.
  if (session.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return (
    <Suspense fallback={<PageLoading />}>
      <LoginPage />
    </Suspense>
  );
}

/** A page's code that no longer exists on the server: the platform was updated while this tab was open. */
const isStaleChunk = (error: unknown) =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(error.message);
const RELOADED_KEY = 'yz-reloaded-for-update';

/** Instead of a stack trace: reload once for a new version, otherwise say what happened and offer a way back. */
function RouteError() {
  const error = useRouteError();
  if (isStaleChunk(error) && !sessionStorage.getItem(RELOADED_KEY)) {
    sessionStorage.setItem(RELOADED_KEY, '1');
    window.location.reload();
    return <PageLoading />;
  }
  sessionStorage.removeItem(RELOADED_KEY);
  return (
    <Result
      status="error"
      title={isStaleChunk(error) ? '平台已更新' : '页面出现错误'}
      subTitle={isStaleChunk(error) ? '请刷新页面以载入新版本,已填写的草稿会自动保存。' : '请刷新页面重试;如果问题仍然存在,请联系管理员。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    // 公示 of a campaign's recommended cases: public, no session needed.
    path: '/gongshi/:id',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicNoticePage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      ...appRoutes.map((route) => ({ path: route.path, element: <Guarded route={route} /> })),
      { path: '/403', element: <ForbiddenResult /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
