import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../../../contracts/audit.ts';
import type { Page } from '../../../../contracts/common.ts';
import { roles, type Role } from '../../../../contracts/roles.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

let t: TestApp;
let admin: Client;
let adminId: number;
let unitId: number;

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.user({ roles: ['institute_admin'], username: 'audit-admin' });
  adminId = a.id;
  admin = await t.login(a.username);
  unitId = await t.unit({ city: '南京' });
});
afterAll(() => t.close());

async function audit(query: Record<string, string | number>): Promise<Page<AuditEventDto>> {
  const res = await admin.get(`/api/audit?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The newest event of an action on an entity. */
async function lastEvent(action: string, entityId: number): Promise<AuditEventDto> {
  const page = await audit({ action, entityId });
  expect(page.items.length, `${action} #${entityId} not in the audit log`).toBeGreaterThan(0);
  return page.items[0]!;
}

/** Done by the admin from the test client's address. */
const byAdmin = () => ({ actor: { id: adminId, username: 'audit-admin', displayName: expect.any(String) }, ip: '127.0.0.1' });

async function newUser(roles: Role[] = ['reviewer']) {
  const res = await admin.post('/api/users', {
    username: `audited${Math.random().toString(36).slice(2, 8)}`,
    displayName: '被审计者',
    roles,
    unitId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ user: { id: number; username: string }; temporaryPassword: string }>();
}

describe('GET /api/audit', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().get('/api/audit'), 401, 'unauthenticated');
  });

  it.each(roles.filter((r) => r !== 'institute_admin'))('is refused to %s', async (role) => {
    const u = await t.user({ roles: [role], unitId });
    expectError(await (await t.login(u.username)).get('/api/audit'), 403, 'not_institute_admin');
  });

  it('rejects bad filters, naming them', async () => {
    const res = await admin.get('/api/audit?actorId=abc&from=yesterday&to=2026-13-01&entityId=-1');
    expectError(res, 400, 'validation_failed');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['actorId', 'from', 'to', 'entityId']));
  });

  it('pages newest first with a total', async () => {
    const all = await audit({ pageSize: 200 });
    const second = await audit({ pageSize: 2, page: 2 });
    expect(second).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('every state change is recorded with who, where and what', () => {
  it('user.created', async () => {
    const { user } = await newUser(['mentor']);
    expect(await lastEvent('user.created', user.id)).toMatchObject({
      ...byAdmin(),
      entityType: 'user',
      entityId: user.id,
      summary: { after: { username: user.username, displayName: '被审计者', unitId, roles: ['mentor'] } },
    });
  });

  it('user.updated, with before and after', async () => {
    const { user } = await newUser(['reviewer']);
    expect((await admin.patch(`/api/users/${user.id}`, { displayName: '改名后', roles: ['reviewer', 'mentor'] })).statusCode).toBe(200);
    const event = await lastEvent('user.updated', user.id);
    expect(event).toMatchObject({ ...byAdmin(), entityType: 'user' });
    expect(event.summary.before).toMatchObject({ displayName: '被审计者', roles: ['reviewer'] });
    expect(event.summary.after).toMatchObject({ displayName: '改名后', roles: ['mentor', 'reviewer'] });
  });

  it('user.disabled, user.enabled and user.password_reset', async () => {
    const { user } = await newUser();
    expect((await admin.post(`/api/users/${user.id}/disable`)).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${user.id}/enable`)).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${user.id}/reset-password`)).statusCode).toBe(200);
    for (const action of ['user.disabled', 'user.enabled', 'user.password_reset']) {
      expect(await lastEvent(action, user.id)).toMatchObject({ ...byAdmin(), action, entityType: 'user', entityId: user.id });
    }
    // The one-time password itself is never written to the log.
    const { temporaryPassword } = (await admin.post(`/api/users/${user.id}/reset-password`)).json();
    expect(JSON.stringify((await audit({ entityId: user.id, entityType: 'user' })).items)).not.toContain(temporaryPassword);
  });

  it('unit.created and unit.updated, with before and after', async () => {
    const created = await admin.post('/api/units', { code: 'AUD1', name: '审计分院', kind: 'branch', city: '扬州' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(await lastEvent('unit.created', id)).toMatchObject({
      ...byAdmin(),
      entityType: 'unit',
      summary: { after: { code: 'AUD1', name: '审计分院', city: '扬州' } },
    });

    expect((await admin.patch(`/api/units/${id}`, { name: '审计分院(新)' })).statusCode).toBe(200);
    expect(await lastEvent('unit.updated', id)).toMatchObject({
      ...byAdmin(),
      entityType: 'unit',
      summary: { before: { name: '审计分院' }, after: { name: '审计分院(新)' } },
    });
  });

  it('pairing.created and pairing.deleted', async () => {
    const a = await t.unit({ name: '审计苏南', city: '常州' });
    const b = await t.unit({ name: '审计苏北', city: '宿迁' });
    const created = await admin.post('/api/pairings', { kind: 'north_south', unitAId: a, unitBId: b });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(await lastEvent('pairing.created', id)).toMatchObject({
      ...byAdmin(),
      entityType: 'pairing',
      summary: { after: { kind: 'north_south', unitA: '审计苏南', unitB: '审计苏北' } },
    });
    expect((await admin.delete(`/api/pairings/${id}`)).statusCode).toBe(204);
    expect(await lastEvent('pairing.deleted', id)).toMatchObject({
      ...byAdmin(),
      entityType: 'pairing',
      summary: { before: { kind: 'north_south', unitA: '审计苏南', unitB: '审计苏北' } },
    });
  });

  it('auth.login, auth.login_failed and auth.password_changed, attributed to the user', async () => {
    const u = await t.user({ roles: ['reviewer'], username: 'audit-login' });
    const self = { actor: { id: u.id, username: 'audit-login' }, ip: '127.0.0.1', entityType: 'user', entityId: u.id };

    expect((await t.anonymous().post('/api/auth/login', { login: 'audit-login', password: 'wrong-password-1' })).statusCode).toBe(401);
    expect(await lastEvent('auth.login_failed', u.id)).toMatchObject({ ...self, summary: { after: { failures: 1 } } });

    const client = await t.login('audit-login');
    expect(await lastEvent('auth.login', u.id)).toMatchObject(self);

    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Changed-pass2' })).statusCode).toBe(
      204,
    );
    const changed = await lastEvent('auth.password_changed', u.id);
    expect(changed).toMatchObject(self);
    expect(JSON.stringify(changed)).not.toContain('Changed-pass2');
  });
});

describe('filters', () => {
  it('by actor: only what that person did', async () => {
    const other = await t.user({ roles: ['institute_admin'] });
    const otherClient = await t.login(other.username);
    const made = await otherClient.post('/api/units', { code: 'AUD-ACT', name: '按操作人筛选', kind: 'site', city: '徐州' });
    expect(made.statusCode).toBe(201);

    const page = await audit({ actorId: other.id, pageSize: 200 });
    expect(page.items.map((e) => e.action).sort()).toEqual(['auth.login', 'unit.created']);
    expect(page.items.every((e) => e.actor?.id === other.id)).toBe(true);
    expect((await audit({ actorId: adminId, pageSize: 200 })).items.map((e) => e.entityId)).not.toContain(made.json().id);
  });

  it('by action, entity type and entity id', async () => {
    const { user } = await newUser();
    await admin.patch(`/api/users/${user.id}`, { displayName: '筛选一' });
    await admin.patch(`/api/users/${user.id}`, { displayName: '筛选二' });

    const updates = await audit({ action: 'user.updated', pageSize: 200 });
    expect(updates.items.every((e) => e.action === 'user.updated')).toBe(true);
    expect(updates.items.filter((e) => e.entityId === user.id)).toHaveLength(2);

    const units = await audit({ entityType: 'unit', pageSize: 200 });
    expect(units.items.length).toBeGreaterThan(0);
    expect(units.items.every((e) => e.entityType === 'unit')).toBe(true);

    const history = await audit({ entityType: 'user', entityId: user.id });
    expect(history.items.map((e) => e.action)).toEqual(['user.updated', 'user.updated', 'user.created']);
    expect(history.items[0]?.summary.after).toMatchObject({ displayName: '筛选二' });
  });

  it('by time: from and to bound the window', async () => {
    const first = (await newUser()).user;
    const firstAt = new Date((await lastEvent('user.created', first.id)).at).getTime();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = (await newUser()).user;
    const secondAt = new Date((await lastEvent('user.created', second.id)).at).getTime();
    expect(secondAt).toBeGreaterThan(firstAt);

    const between = new Date((firstAt + secondAt) / 2).toISOString();
    const ids = async (query: Record<string, string>) =>
      (await audit({ action: 'user.created', pageSize: 200, ...query })).items.map((e) => e.entityId);
    expect(await ids({ from: between })).toContain(second.id);
    expect(await ids({ from: between })).not.toContain(first.id);
    expect(await ids({ to: between })).toContain(first.id);
    expect(await ids({ to: between })).not.toContain(second.id);
    // An offset other than Z means the same instant.
    const beijing = new Date(firstAt + 8 * 3600_000 - 5).toISOString().replace('Z', '+08:00');
    expect(await ids({ from: beijing, to: between })).toEqual([first.id]);
    expect(await ids({ from: new Date(Date.now() + 3600_000).toISOString() })).toEqual([]);
  });
});
