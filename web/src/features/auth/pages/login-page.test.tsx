import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Providers } from '../../../app/providers.tsx';
import { queryClient } from '../../../lib/query-client.ts';
import LoginPage from './login-page.tsx';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function renderLogin(routes: Record<string, (init?: RequestInit) => Response>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://localhost').pathname;
      const handler = routes[path];
      return handler ? handler(init) : json(404, { code: 'route_not_found', message: '接口不存在' });
    }),
  );
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/admin/units', element: <p>单位页面</p> },
    ],
    { initialEntries: ['/login?next=%2Fadmin%2Funits'] },
  );
  return render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
}

const meta = {
  name: '永助',
  version: '0.1.0',
  demo: true,
  demoAccounts: [{ username: 'admin', password: 'Yongzhu2024', displayName: '王学管', roles: ['institute_admin'], unitName: '学院' }],
};

afterEach(() => {
  vi.unstubAllGlobals();
  queryClient.clear();
});

describe('LoginPage', () => {
  it('fills the form from a demo account and says until when a locked account stays locked (Beijing time)', async () => {
    renderLogin({
      '/api/meta': () => json(200, meta),
      '/api/auth/login': () =>
        json(423, { code: 'account_locked', message: '账号已暂时锁定', details: { unlockAt: '2024-05-06T06:30:00Z' } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: '填入演示用户 admin' }));
    expect(screen.getByLabelText('账号')).toHaveProperty('value', 'admin');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('账号已锁定,将于 14:30 解锁')).toBeTruthy();
  });

  it('goes on to `next` after a successful login', async () => {
    renderLogin({
      '/api/meta': () => json(200, { ...meta, demo: false, demoAccounts: [] }),
      '/api/auth/login': () =>
        json(200, {
          csrfToken: 't',
          user: {
            id: 1,
            username: 'admin',
            displayName: '王学管',
            email: null,
            phone: null,
            unit: null,
            roles: ['institute_admin'],
            mustChangePassword: false,
            abilities: { manageUsers: true, manageUnits: true, viewAudit: true, manageCampaigns: true, viewCampaigns: true },
          },
        }),
    });
    fireEvent.change(screen.getByLabelText('账号'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Yongzhu2024' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('单位页面')).toBeTruthy();
  });
});
