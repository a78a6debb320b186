import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ lockout: { threshold: 3, minutes: 15 } });
});
afterAll(() => t.close());

describe('login', () => {
  it('rejects a malformed body with a Chinese validation message', async () => {
    const res = await t.anonymous().post('/api/auth/login', { login: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['login', 'password']));
  });

  it('gives one generic message for an unknown account and for a wrong password', async () => {
    const { username } = await t.user({ roles: ['mentor'], unitId: await t.unit() });
    const unknown = await t.anonymous().post('/api/auth/login', { login: 'nobody-here', password: 'x' });
    const wrong = await t.anonymous().post('/api/auth/login', { login: username, password: 'wrong-password1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({ code: 'invalid_credentials', message: '账号或密码错误。' });
  });

  it('accepts username, e-mail or phone, case-insensitively, and sets an httpOnly SameSite=Lax cookie', async () => {
    const { username } = await t.user({ roles: ['reviewer'], email: 'Zhou.Ping@Example.edu.cn' });
    for (const login of [username.toUpperCase(), 'zhou.ping@example.edu.cn']) {
      const res = await t.anonymous().post('/api/auth/login', { login, password: TEST_PASSWORD });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'yz_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      expect(res.json().user.username).toBe(username);
      expect(res.json().csrfToken).toMatch(/.{20,}/);
    }
  });

  it('locks the account after repeated failures and says when it unlocks', async () => {
    const { username } = await t.user({ roles: ['reviewer'] });
    const attempt = (password: string) => t.anonymous().post('/api/auth/login', { login: username, password });
    expect((await attempt('bad-1')).statusCode).toBe(401);
    expect((await attempt('bad-2')).statusCode).toBe(401);
    const third = await attempt('bad-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('account_locked');
    const unlockAt = new Date(third.json().details.unlockAt).getTime();
    expect(unlockAt - Date.now()).toBeGreaterThan(14 * 60_000);
    // Even the right password is refused while locked.
    const right = await attempt(TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
  });

  it('refuses a disabled account', async () => {
    const admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
    const target = await t.user({ roles: ['reviewer'] });
    expect((await admin.post(`/api/users/${target.id}/disable`)).statusCode).toBe(200);
    const res = await t.anonymous().post('/api/auth/login', { login: target.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('account_disabled');
  });

  it('rate-limits login attempts per address', async () => {
    const limited = await createTestApp({ loginRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.anonymous().post('/api/auth/login', { login: 'x', password: 'y' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await limited.anonymous().post('/api/auth/login', { login: 'x', password: 'y' });
      expect(res.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('session', () => {
  it('returns 401 without a session and the current user with one', async () => {
    expect((await t.anonymous().get('/api/auth/me')).statusCode).toBe(401);
    const { username } = await t.user({ roles: ['unit_officer'], unitId: await t.unit({ name: '会话测试分院' }) });
    const me = await (await t.login(username)).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      username,
      roles: ['unit_officer'],
      unit: { name: '会话测试分院' },
      abilities: { manageUsers: false, viewCampaigns: true },
    });
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const { username } = await t.user({ roles: ['reviewer'] });
    const client = await t.login(username);
    const noToken = await client.request(
      'POST',
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass1' },
      { 'x-csrf-token': '' },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_invalid');
  });

  it('logs out: the cookie no longer works', async () => {
    const { username } = await t.user({ roles: ['reviewer'] });
    const client = await t.login(username);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('forces a first-login change before anything else, then lets the user in', async () => {
    const { username } = await t.user({ roles: ['institute_admin'], mustChangePassword: true });
    const client = await t.login(username);
    const blocked = await client.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);

    const weak = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrong = await client.post('/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'NewPassw0rd-1' });
    expect(wrong.json().code).toBe('wrong_current_password');
    const reused = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(reused.json().code).toBe('password_reused');

    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd-1' })).statusCode).toBe(
      204,
    );
    expect((await client.get('/api/users')).statusCode).toBe(200);
    await expect(t.login(username)).rejects.toThrow(/401/);
    await t.login(username, 'NewPassw0rd-1');
  });

  it('ends the other sessions of the user', async () => {
    const { username } = await t.user({ roles: ['reviewer'] });
    const first = await t.login(username);
    const second = await t.login(username);
    expect((await first.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Changed-pass9' })).statusCode).toBe(204);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('errors never leak internals', () => {
  it('answers malformed JSON, unknown routes and oversized bodies with a reason code', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(malformed.json()).toMatchObject({ code: 'malformed_json' });
    const unknown = await t.anonymous().get('/api/no-such-thing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('route_not_found');
    const huge = await t.anonymous().post('/api/units', { name: 'y'.repeat(t.config.bodyLimitBytes) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
    expect(huge.body).not.toMatch(/at .*\.ts/);
  });
});

describe('system', () => {
  it('reports health and serves the OpenAPI document', async () => {
    const health = await t.anonymous().get('/api/health');
    expect(health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    const openapi = await t.anonymous().get('/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/units']));
    expect((await t.anonymous().get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('hides demo accounts unless in demo mode', async () => {
    expect((await t.anonymous().get('/api/meta')).json()).toMatchObject({ demo: false, demoAccounts: [] });
  });
});
