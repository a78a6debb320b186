import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitBoundRoles, type Role } from '../../../../contracts/roles.ts';
import type { ImportRowError, TemporaryPasswordResponse, UserDto, UserImportResult } from '../../../../contracts/users.ts';
import type { Page } from '../../../../contracts/common.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

let t: TestApp;
let admin: Client;
let adminId: number;
let unitId: number;
let unitCode: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.user({ roles: ['institute_admin'], username: 'users-admin' });
  adminId = a.id;
  admin = await t.login(a.username);
  unitCode = 'USR1';
  unitId = await t.unit({ code: unitCode, name: '用户测试分院', city: '徐州' });
});
afterAll(() => t.close());

const issuePaths = (res: LightMyRequestResponse): string[] => res.json().issues.map((i: { path: string }) => i.path);

/** A signed-in client for a fresh user of the given role, for the 403 cases. */
async function clientWith(role: Role): Promise<Client> {
  const u = await t.user({ roles: [role], unitId });
  return t.login(u.username);
}
const forbiddenRoles: Role[] = ['unit_officer', 'reviewer', 'mentor'];

let seq = 0;
const uniq = (prefix: string) => `${prefix}${++seq}`;

async function createUser(body: Record<string, unknown>): Promise<TemporaryPasswordResponse> {
  const res = await admin.post('/api/users', { username: uniq('made'), displayName: '新用户', roles: ['reviewer'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Signs in with a one-time password and sets a permanent one. */
async function settlePassword(username: string, temporaryPassword: string, newPassword = 'Settled-pass1'): Promise<Client> {
  const client = await t.login(username, temporaryPassword);
  expect((await client.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword })).statusCode).toBe(204);
  return client;
}

async function userTotal(): Promise<number> {
  return (await admin.get('/api/users?pageSize=1')).json<Page<UserDto>>().total;
}

describe('GET /api/users', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().get('/api/users'), 401, 'unauthenticated');
  });

  it.each(forbiddenRoles)('is refused to %s', async (role) => {
    expectError(await (await clientWith(role)).get('/api/users'), 403, 'not_institute_admin');
  });

  it('rejects bad query parameters, naming them', async () => {
    const res = await admin.get('/api/users?role=king&pageSize=0&status=gone');
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['role', 'pageSize', 'status']));
  });

  it('lists users with their unit, roles, status and what the admin may do with each', async () => {
    const { user } = await createUser({ displayName: '列表甲', roles: ['mentor', 'unit_officer'], unitId });
    const res = await admin.get(`/api/users?q=${encodeURIComponent('列表甲')}`);
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<UserDto>>();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(page.items[0]).toEqual({
      id: user.id,
      username: user.username,
      displayName: '列表甲',
      email: null,
      phone: null,
      unit: { id: unitId, name: '用户测试分院' },
      roles: ['mentor', 'unit_officer'],
      status: 'active',
      mustChangePassword: true,
      lastLoginAt: null,
      createdAt: expect.any(String),
      abilities: { update: true, disable: true, enable: false, resetPassword: true },
    });
    // The admin's own row: no disabling oneself.
    const self = (await admin.get('/api/users?q=users-admin')).json<Page<UserDto>>().items[0];
    expect(self?.abilities).toEqual({ update: true, disable: false, enable: false, resetPassword: true });
  });

  it('searches by name and by username, case-insensitively', async () => {
    const { user } = await createUser({ username: 'Search.Target', displayName: '检索对象' });
    const byName = (await admin.get(`/api/users?q=${encodeURIComponent('检索对')}`)).json<Page<UserDto>>();
    const byUsername = (await admin.get('/api/users?q=search.tar')).json<Page<UserDto>>();
    expect(byName.items.map((u) => u.id)).toEqual([user.id]);
    expect(byUsername.items.map((u) => u.id)).toEqual([user.id]);
    expect((await admin.get('/api/users?q=no-such-person')).json().total).toBe(0);
    // Wildcards are searched for literally.
    expect((await admin.get(`/api/users?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await admin.get('/api/users?q=_')).json().total).toBe(0);
  });

  it('filters by role, unit and status, and pages with a total', async () => {
    const otherUnit = await t.unit({ city: '扬州' });
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await createUser({ roles: i < 2 ? ['unit_leader'] : ['mentor'], unitId: otherUnit })).user);
    await admin.post(`/api/users/${made[4]!.id}/disable`);

    const inUnit = (await admin.get(`/api/users?unitId=${otherUnit}`)).json<Page<UserDto>>();
    expect(inUnit.total).toBe(5);
    expect(inUnit.items.map((u) => u.id)).toEqual(made.map((u) => u.id));

    const leaders = (await admin.get(`/api/users?unitId=${otherUnit}&role=unit_leader`)).json<Page<UserDto>>();
    expect(leaders.items.map((u) => u.id)).toEqual([made[0]!.id, made[1]!.id]);

    const disabled = (await admin.get(`/api/users?unitId=${otherUnit}&status=disabled`)).json<Page<UserDto>>();
    expect(disabled.items.map((u) => u.id)).toEqual([made[4]!.id]);
    expect((await admin.get(`/api/users?unitId=${otherUnit}&status=active`)).json().total).toBe(4);

    const page3 = (await admin.get(`/api/users?unitId=${otherUnit}&pageSize=2&page=3`)).json<Page<UserDto>>();
    expect(page3).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(page3.items.map((u) => u.id)).toEqual([made[4]!.id]);
  });
});

describe('POST /api/users', () => {
  it('requires a session', async () => {
    expectError(
      await t.anonymous().post('/api/users', { username: 'anon-made', displayName: 'x', roles: ['reviewer'] }),
      401,
      'unauthenticated',
    );
  });

  it.each(forbiddenRoles)('is refused to %s', async (role) => {
    const res = await (await clientWith(role)).post('/api/users', { username: uniq('by-role'), displayName: 'x', roles: ['reviewer'] });
    expectError(res, 403, 'not_institute_admin');
  });

  it('names every invalid field', async () => {
    const res = await admin.post('/api/users', { username: 'a b', displayName: '', email: 'not-an-email', phone: '12345', roles: [] });
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['username', 'displayName', 'email', 'phone', 'roles']));
    const unknownRole = await admin.post('/api/users', { username: 'okname', displayName: 'x', roles: ['emperor'] });
    expectError(unknownRole, 400, 'validation_failed');
    expect(issuePaths(unknownRole)[0]).toMatch(/^roles/);
  });

  it('returns a one-time password; the new user must change it before doing anything else', async () => {
    const res = await admin.post('/api/users', {
      username: 'first.login',
      displayName: '首次登录',
      email: 'first.login@example.edu.cn',
      phone: '13912345678',
      roles: ['institute_admin'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<TemporaryPasswordResponse>();
    expect(body.temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
    expect(body.user).toMatchObject({
      username: 'first.login',
      email: 'first.login@example.edu.cn',
      phone: '13912345678',
      roles: ['institute_admin'],
      mustChangePassword: true,
      status: 'active',
      abilities: { update: true, disable: true, enable: false, resetPassword: true },
    });

    const client = await t.login('first.login', body.temporaryPassword);
    expectError(await client.get('/api/users'), 403, 'password_change_required');
    expect(
      (await client.post('/api/auth/password', { currentPassword: body.temporaryPassword, newPassword: 'Own-password1' })).statusCode,
    ).toBe(204);
    expect((await client.get('/api/users')).statusCode).toBe(200);
  });

  it('keeps usernames unique regardless of case, and e-mails and phones unique', async () => {
    await createUser({ username: 'Wang.Li', email: 'wang.li@example.edu.cn', phone: '13700000001' });
    expectError(await admin.post('/api/users', { username: 'wang.li', displayName: '王丽', roles: ['reviewer'] }), 409, 'username_taken');
    expectError(
      await admin.post('/api/users', { username: 'wangli2', displayName: '王丽', email: 'WANG.LI@example.edu.cn', roles: ['reviewer'] }),
      409,
      'email_taken',
    );
    expectError(
      await admin.post('/api/users', { username: 'wangli3', displayName: '王丽', phone: '13700000001', roles: ['reviewer'] }),
      409,
      'phone_taken',
    );
  });

  it.each(unitBoundRoles)('requires a unit for %s', async (role) => {
    expectError(
      await admin.post('/api/users', { username: uniq('nounit'), displayName: 'x', roles: [role] }),
      400,
      'unit_required_for_role',
    );
    expectError(
      await admin.post('/api/users', { username: uniq('nounit'), displayName: 'x', roles: ['reviewer', role], unitId: null }),
      400,
      'unit_required_for_role',
    );
  });

  it('lets institute admins and reviewers exist without a unit', async () => {
    const { user } = await createUser({ roles: ['institute_admin', 'reviewer'] });
    expect(user.unit).toBeNull();
  });

  it('answers 404 for a unit that does not exist', async () => {
    expectError(
      await admin.post('/api/users', { username: uniq('ghost'), displayName: 'x', roles: ['mentor'], unitId: 999_999 }),
      404,
      'not_found',
    );
  });

  it('accepts a role listed twice as one role', async () => {
    const res = await admin.post('/api/users', { username: uniq('twice'), displayName: 'x', roles: ['mentor', 'mentor'], unitId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.roles).toEqual(['mentor']);
  });
});

describe('PATCH /api/users/:id', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().patch(`/api/users/${adminId}`, { displayName: 'x' }), 401, 'unauthenticated');
  });

  it.each(forbiddenRoles)('is refused to %s', async (role) => {
    const { user } = await createUser({});
    expectError(await (await clientWith(role)).patch(`/api/users/${user.id}`, { displayName: '改名' }), 403, 'not_institute_admin');
  });

  it('rejects an invalid id and invalid fields', async () => {
    for (const id of ['abc', '0', '-3']) {
      const res = await admin.patch(`/api/users/${id}`, { displayName: 'x' });
      expectError(res, 400, 'validation_failed');
      expect(issuePaths(res)).toContain('id');
    }
    const res = await admin.patch(`/api/users/${adminId}`, { roles: [], email: 'nope' });
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['roles', 'email']));
  });

  it('answers 404 for an unknown user', async () => {
    expectError(await admin.patch('/api/users/999999', { displayName: 'x' }), 404, 'not_found');
  });

  it('tells a non-admin no without revealing whether the user exists', async () => {
    const officer = await clientWith('unit_officer');
    for (const url of ['/api/users/999999/disable', '/api/users/999999/enable', '/api/users/999999/reset-password']) {
      expectError(await officer.post(url), 403, 'not_institute_admin');
    }
    expectError(await officer.patch('/api/users/999999', { displayName: 'x' }), 403, 'not_institute_admin');
    expectError(await officer.patch(`/api/users/${adminId}`, { displayName: 'x' }), 403, 'not_institute_admin');
  });

  it('changes roles and unit; the user sees the change at once', async () => {
    const { user, temporaryPassword } = await createUser({ roles: ['reviewer'] });
    const client = await settlePassword(user.username, temporaryPassword);
    const res = await admin.patch(`/api/users/${user.id}`, { displayName: '新名字', roles: ['unit_officer', 'mentor'], unitId });
    expect(res.statusCode).toBe(200);
    expect(res.json<UserDto>()).toMatchObject({
      displayName: '新名字',
      roles: ['mentor', 'unit_officer'],
      unit: { id: unitId },
      abilities: { update: true },
    });
    const me = (await client.get('/api/auth/me')).json().user;
    expect(me).toMatchObject({ displayName: '新名字', roles: ['mentor', 'unit_officer'], unit: { id: unitId } });
  });

  it('refuses to drop the unit of a user whose roles need one, and an unknown unit', async () => {
    const { user } = await createUser({ roles: ['mentor'], unitId });
    expectError(await admin.patch(`/api/users/${user.id}`, { unitId: null }), 400, 'unit_required_for_role');
    expectError(await admin.patch(`/api/users/${user.id}`, { unitId: 999_999 }), 404, 'not_found');
    expectError(
      await admin.patch(`/api/users/${user.id}`, { roles: ['reviewer', 'unit_leader'], unitId: null }),
      400,
      'unit_required_for_role',
    );
  });

  it('refuses an e-mail or phone another account uses', async () => {
    await createUser({ email: 'taken.mail@example.edu.cn', phone: '13600000002' });
    const { user } = await createUser({});
    expectError(await admin.patch(`/api/users/${user.id}`, { email: 'Taken.Mail@example.edu.cn' }), 409, 'email_taken');
    expectError(await admin.patch(`/api/users/${user.id}`, { phone: '13600000002' }), 409, 'phone_taken');
  });

  it('does not let an admin remove their own institute_admin role, but other edits of oneself are fine', async () => {
    expectError(await admin.patch(`/api/users/${adminId}`, { roles: ['reviewer'] }), 403, 'cannot_remove_own_admin');
    const ok = await admin.patch(`/api/users/${adminId}`, { displayName: '管理员本人', roles: ['institute_admin', 'reviewer'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['institute_admin', 'reviewer']);
    // Another admin may take the role away from someone else, whose open session loses it at once.
    const other = await t.user({ roles: ['institute_admin'] });
    const otherClient = await t.login(other.username);
    expect((await otherClient.get('/api/users')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${other.id}`, { roles: ['reviewer'] })).json().roles).toEqual(['reviewer']);
    expectError(await otherClient.get('/api/users'), 403, 'not_institute_admin');
  });
});

describe('disable and enable', () => {
  it.each(['disable', 'enable'])('%s: requires a session, an admin, a valid id and an existing user', async (verb) => {
    const { user } = await createUser({});
    expectError(await t.anonymous().post(`/api/users/${user.id}/${verb}`), 401, 'unauthenticated');
    for (const role of forbiddenRoles)
      expectError(await (await clientWith(role)).post(`/api/users/${user.id}/${verb}`), 403, 'not_institute_admin');
    const bad = await admin.post(`/api/users/x1/${verb}`);
    expectError(bad, 400, 'validation_failed');
    expect(issuePaths(bad)).toContain('id');
    expectError(await admin.post(`/api/users/999999/${verb}`), 404, 'not_found');
  });

  it('does not let an admin disable themself', async () => {
    expectError(await admin.post(`/api/users/${adminId}/disable`), 403, 'cannot_disable_self');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('ends the sessions of a disabled user at once, refuses their login, and lets them back in when enabled', async () => {
    const { user, temporaryPassword } = await createUser({ roles: ['reviewer'] });
    const client = await settlePassword(user.username, temporaryPassword, 'Before-disable1');
    expect((await client.get('/api/units')).statusCode).toBe(200);

    const disabled = await admin.post(`/api/users/${user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json<UserDto>()).toMatchObject({ status: 'disabled', abilities: { disable: false, enable: true } });
    expectError(await client.get('/api/units'), 401, 'unauthenticated');
    expectError(
      await t.anonymous().post('/api/auth/login', { login: user.username, password: 'Before-disable1' }),
      403,
      'account_disabled',
    );
    expectError(await admin.post(`/api/users/${user.id}/disable`), 409, 'already_disabled');

    const enabled = await admin.post(`/api/users/${user.id}/enable`);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json<UserDto>()).toMatchObject({ status: 'active', abilities: { disable: true, enable: false } });
    const again = await t.login(user.username, 'Before-disable1');
    expect((await again.get('/api/units')).statusCode).toBe(200);
    expectError(await admin.post(`/api/users/${user.id}/enable`), 409, 'already_enabled');
  });
});

describe('POST /api/users/:id/reset-password', () => {
  it('requires a session, an admin, a valid id and an existing user', async () => {
    const { user } = await createUser({});
    expectError(await t.anonymous().post(`/api/users/${user.id}/reset-password`), 401, 'unauthenticated');
    for (const role of forbiddenRoles)
      expectError(await (await clientWith(role)).post(`/api/users/${user.id}/reset-password`), 403, 'not_institute_admin');
    const bad = await admin.post('/api/users/1.5/reset-password');
    expectError(bad, 400, 'validation_failed');
    expect(issuePaths(bad)).toContain('id');
    expectError(await admin.post('/api/users/999999/reset-password'), 404, 'not_found');
  });

  it('gives a new one-time password: the old one stops working, the user is signed out and must change it', async () => {
    const { user, temporaryPassword } = await createUser({ roles: ['reviewer'] });
    const client = await settlePassword(user.username, temporaryPassword, 'Old-password1');

    const res = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const body = res.json<TemporaryPasswordResponse>();
    expect(body.user).toMatchObject({ id: user.id, mustChangePassword: true });
    expect(body.temporaryPassword).not.toBe(temporaryPassword);

    expectError(await client.get('/api/units'), 401, 'unauthenticated');
    expectError(
      await t.anonymous().post('/api/auth/login', { login: user.username, password: 'Old-password1' }),
      401,
      'invalid_credentials',
    );
    const fresh = await t.login(user.username, body.temporaryPassword);
    expectError(await fresh.get('/api/units'), 403, 'password_change_required');
    expect(
      (await fresh.post('/api/auth/password', { currentPassword: body.temporaryPassword, newPassword: 'New-password2' })).statusCode,
    ).toBe(204);
    expect((await fresh.get('/api/units')).statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------------------
// Import from .xlsx

const header = ['用户名', '姓名', '单位代码', '角色', '邮箱', '手机号'];

async function workbook(rows: (string | number | null)[][], options: { title?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('用户');
  if (options.title) sheet.addRow([options.title]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(client: Client, file: Buffer, fileName = 'users.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  return client.post('/api/users/import', form);
}

async function readWorkbook(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('GET /api/users/import-template', () => {
  it('requires a session and an admin', async () => {
    expectError(await t.anonymous().get('/api/users/import-template'), 401, 'unauthenticated');
    expectError(await (await clientWith('unit_officer')).get('/api/users/import-template'), 403, 'not_institute_admin');
  });

  it('is a real workbook whose header row is the import columns', async () => {
    const res = await admin.get('/api/users/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('用户导入模板.xlsx'));
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual(['用户名', '姓名', '单位代码', '角色', '邮箱', '手机号']);
  });
});

describe('POST /api/users/import', () => {
  it('requires a session and an admin', async () => {
    const file = await workbook([['imp-anon', '匿名', '', '评审专家', '', '']]);
    expectError(await upload(t.anonymous(), file), 401, 'unauthenticated');
    for (const role of forbiddenRoles) expectError(await upload(await clientWith(role), file), 403, 'not_institute_admin');
  });

  it('asks for a file when none is sent', async () => {
    expectError(await admin.post('/api/users/import', {}), 400, 'file_required');
    const form = new FormData();
    form.append('note', 'no file here');
    expectError(await admin.post('/api/users/import', form), 400, 'file_required');
  });

  it('judges the file by its content, not its name', async () => {
    expectError(await upload(admin, Buffer.from('用户名,姓名\nzhangsan,张三\n'), 'users.xlsx'), 415, 'file_type_not_allowed');
  });

  it('imports every row of a good file; each account signs in with its one-time password', async () => {
    const before = await userTotal();
    const file = await workbook([
      ['imp.one', '导入一', unitCode, '育人导师/班主任', 'imp.one@example.edu.cn', 13800000011],
      ['imp.two', '导入二', unitCode, '单位资助管理员、mentor、育人导师/班主任', '', ''],
      ['imp.three', '导入三', '', 'reviewer', '', '13800000013'],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<UserImportResult>();
    expect(result.created).toBe(3);
    expect(result.accounts.map((a) => a.username)).toEqual(['imp.one', 'imp.two', 'imp.three']);
    expect(await userTotal()).toBe(before + 3);

    for (const account of result.accounts) {
      const client = await t.login(account.username, account.temporaryPassword);
      expect((await client.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    }
    const two = (await admin.get('/api/users?q=imp.two')).json<Page<UserDto>>().items[0];
    expect(two).toMatchObject({ unit: { id: unitId }, roles: ['mentor', 'unit_officer'], phone: null });
    const one = (await admin.get('/api/users?q=imp.one')).json<Page<UserDto>>().items[0];
    expect(one).toMatchObject({ roles: ['mentor'], phone: '13800000011', email: 'imp.one@example.edu.cn' });
  });

  it('reads unit codes in any case and e-mails typed as Excel hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('用户');
    sheet.addRow(header);
    sheet.addRow([
      'imp.link',
      '链接邮箱',
      unitCode.toLowerCase(),
      '单位资助管理员',
      { text: 'imp.link@example.edu.cn', hyperlink: 'mailto:imp.link@example.edu.cn' },
      '',
    ]);
    const res = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const user = (await admin.get('/api/users?q=imp.link')).json<Page<UserDto>>().items[0];
    expect(user).toMatchObject({ email: 'imp.link@example.edu.cn', unit: { id: unitId } });
  });

  it('finds the header below a title row', async () => {
    const file = await workbook([['imp.titled', '标题下', '', '评审专家', '', '']], { title: '2026 年用户导入' });
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UserImportResult>().accounts.map((a) => a.username)).toEqual(['imp.titled']);
  });

  it('imports nothing when any row is bad, and names each bad row and column as Excel shows them', async () => {
    await createUser({ username: 'imp.existing' });
    const before = await userTotal();
    const file = await workbook(
      [
        ['imp.good', '好的一行', unitCode, '评审专家', '', ''], // row 3
        ['imp.role', '未知角色', unitCode, '校长', '', ''], // row 4
        ['imp.unit', '未知单位', 'NOPE', '育人导师/班主任', '', ''], // row 5
        ['imp.dup', '重复甲', '', '评审专家', '', ''], // row 6
        ['IMP.DUP', '重复乙', '', '评审专家', '', ''], // row 7
        ['imp.existing', '已有账号', '', '评审专家', '', ''], // row 8
        ['imp.mail', '坏邮箱', '', '评审专家', 'not-a-mail', ''], // row 9
        ['imp.noname', '', '', '评审专家', '', ''], // row 10
      ],
      { title: '含错误行' },
    );
    const res = await upload(admin, file);
    expectError(res, 422, 'import_has_errors');
    const errors = res.json().details.errors as ImportRowError[];
    const where = errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(['4:角色', '5:单位代码', '7:用户名', '8:用户名', '9:邮箱', '10:姓名']));
    expect(where.filter((w) => w.startsWith('3:') || w.startsWith('6:'))).toEqual([]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    // The errors go straight into the downloadable report.
    const report = await admin.post('/api/users/import/error-report', { errors });
    expect((await readWorkbook(report.rawPayload)).slice(1)).toEqual(errors.map((e) => [String(e.row), e.column, e.message]));
    expect(await userTotal()).toBe(before);
    expectError(await t.anonymous().post('/api/auth/login', { login: 'imp.good', password: 'whatever1' }), 401, 'invalid_credentials');
  });

  it('requires a unit code for unit-bound roles and refuses a file without data rows or headers', async () => {
    const noUnit = await upload(admin, await workbook([['imp.nounit', '无单位', '', '分管领导', '', '']]));
    expectError(noUnit, 422, 'import_has_errors');
    expect(noUnit.json().details.errors).toEqual([expect.objectContaining({ row: 2, column: '单位代码' })]);
    expectError(await upload(admin, await workbook([])), 422, 'import_empty');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名字', '电话']);
    const noHeader = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expectError(noHeader, 422, 'import_has_errors');
    expect(noHeader.json().details.errors[0]).toMatchObject({ row: 1 });
  });
});

describe('POST /api/users/import/error-report', () => {
  const errors = [
    { row: 4, column: '角色', message: '未知角色“校长”' },
    { row: 9, column: '邮箱', message: '邮箱格式不正确' },
  ];

  it('requires a session and an admin, and a list of errors', async () => {
    expectError(await t.anonymous().post('/api/users/import/error-report', { errors }), 401, 'unauthenticated');
    expectError(await (await clientWith('mentor')).post('/api/users/import/error-report', { errors }), 403, 'not_institute_admin');
    const bad = await admin.post('/api/users/import/error-report', { errors: [{ row: 'four' }] });
    expectError(bad, 400, 'validation_failed');
    expect(issuePaths(bad).some((p) => p.startsWith('errors'))).toBe(true);
  });

  it('returns a workbook with the rows posted', async () => {
    const res = await admin.post('/api/users/import/error-report', { errors });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(await readWorkbook(res.rawPayload)).toEqual([
      ['行号', '列', '问题'],
      ...errors.map((e) => [String(e.row), e.column, e.message]),
    ]);
  });
});
