import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnitBound, roles, type Role } from '../../../contracts/roles.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';

/**
 * Who may call what. One row per endpoint, one column per role (one user
 * holding just that role), plus an admin who has not yet changed the one-time
 * password and a caller with no session. Every cell is sent for real.
 */
const matrix = `
  endpoint                                     admin  coord  review officer leader mentor pending anon
  GET    /api/users                              200    403    403    403    403    403    403    401
  POST   /api/users                              201    403    403    403    403    403    403    401
  PATCH  /api/users/:id                          200    403    403    403    403    403    403    401
  POST   /api/users/:id/disable                  200    403    403    403    403    403    403    401
  POST   /api/users/:id/enable                   200    403    403    403    403    403    403    401
  POST   /api/users/:id/reset-password           200    403    403    403    403    403    403    401
  GET    /api/users/import-template              200    403    403    403    403    403    403    401
  POST   /api/users/import                       200    403    403    403    403    403    403    401
  POST   /api/users/import/error-report          200    403    403    403    403    403    403    401
  GET    /api/units                              200    200    200    200    200    200    403    401
  POST   /api/units                              201    403    403    403    403    403    403    401
  PATCH  /api/units/:id                          200    403    403    403    403    403    403    401
  GET    /api/pairings                           200    200    200    200    200    200    403    401
  POST   /api/pairings                           201    403    403    403    403    403    403    401
  DELETE /api/pairings/:id                       204    403    403    403    403    403    403    401
  GET    /api/audit                              200    403    403    403    403    403    403    401
  GET    /api/inbox                              200    200    200    200    200    200    403    401
  GET    /api/inbox/unread-count                 200    200    200    200    200    200    403    401
  POST   /api/inbox/read-all                     200    200    200    200    200    200    403    401
  GET    /api/mails                              200    403    403    403    403    403    403    401
  GET    /api/campaigns                          200    200    200    200    200    200    403    401
`;

/** Column heading → the caller. */
const columns: Record<string, Role | 'pending' | 'anonymous'> = {
  admin: 'institute_admin',
  coord: 'track_coordinator',
  review: 'reviewer',
  officer: 'unit_officer',
  leader: 'unit_leader',
  mentor: 'mentor',
  pending: 'pending',
  anon: 'anonymous',
};
/** The reason each refusal must carry. */
const refusal = (column: string, status: number) =>
  status === 401 ? 'unauthenticated' : column === 'pending' ? 'password_change_required' : 'not_institute_admin';

const [head, ...body] = matrix.trim().split('\n');
const headings = head!.trim().split(/\s+/).slice(1);
const rows = body.map((line) => {
  const [method, path, ...cells] = line.trim().split(/\s+/);
  return {
    endpoint: `${method} ${path}`,
    expected: Object.fromEntries(headings.map((h, i) => [h, Number(cells[i])])) as Record<string, number>,
  };
});

let t: TestApp;
let unitId: number;
let admin: Client;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ city: '南京' });
  for (const [column, who] of Object.entries(columns)) {
    if (who === 'anonymous') clients[column] = t.anonymous();
    else if (who === 'pending')
      clients[column] = await t.login((await t.user({ roles: ['institute_admin'], mustChangePassword: true })).username);
    else clients[column] = await t.login((await t.user({ roles: [who], unitId: isUnitBound(who) ? unitId : null })).username);
  }
  admin = clients.admin!;
});
afterAll(() => t.close());

// Fixtures: each request gets a fresh target, so the admin's call can succeed every time.
let seq = 0;
const next = (prefix: string) => `${prefix}${++seq}`;
const freshUser = async () => (await t.user({ roles: ['reviewer'] })).id;
async function disabledUser(): Promise<number> {
  const id = await freshUser();
  await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', id).execute();
  return id;
}
async function importFile(): Promise<FormData> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('用户');
  sheet.addRow(['用户名', '姓名', '单位代码', '角色', '邮箱', '手机号']);
  sheet.addRow([next('imported'), '导入用户', '', '评审专家', '', '']);
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'users.xlsx');
  return form;
}
async function pairing(): Promise<number> {
  const res = await admin.post('/api/pairings', { kind: 'urban_rural', unitAId: await t.unit(), unitBId: await t.unit() });
  return res.json().id;
}

const send: Record<string, (c: Client) => Promise<LightMyRequestResponse>> = {
  'GET /api/users': (c) => c.get('/api/users'),
  'POST /api/users': (c) => c.post('/api/users', { username: next('created'), displayName: '新用户', roles: ['reviewer'] }),
  'PATCH /api/users/:id': async (c) => c.patch(`/api/users/${await freshUser()}`, { displayName: '改名' }),
  'POST /api/users/:id/disable': async (c) => c.post(`/api/users/${await freshUser()}/disable`),
  'POST /api/users/:id/enable': async (c) => c.post(`/api/users/${await disabledUser()}/enable`),
  'POST /api/users/:id/reset-password': async (c) => c.post(`/api/users/${await freshUser()}/reset-password`),
  'GET /api/users/import-template': (c) => c.get('/api/users/import-template'),
  'POST /api/users/import': async (c) => c.post('/api/users/import', await importFile()),
  'POST /api/users/import/error-report': (c) =>
    c.post('/api/users/import/error-report', { errors: [{ row: 2, column: '角色', message: '未知角色' }] }),
  'GET /api/units': (c) => c.get('/api/units'),
  'POST /api/units': (c) => c.post('/api/units', { code: next('M'), name: next('矩阵分院'), kind: 'branch', city: '徐州' }),
  'PATCH /api/units/:id': async (c) => c.patch(`/api/units/${await t.unit()}`, { address: '新地址' }),
  'GET /api/pairings': (c) => c.get('/api/pairings'),
  'POST /api/pairings': async (c) => c.post('/api/pairings', { kind: 'urban_rural', unitAId: await t.unit(), unitBId: await t.unit() }),
  'DELETE /api/pairings/:id': async (c) => c.delete(`/api/pairings/${await pairing()}`),
  'GET /api/audit': (c) => c.get('/api/audit'),
  'GET /api/inbox': (c) => c.get('/api/inbox'),
  'GET /api/inbox/unread-count': (c) => c.get('/api/inbox/unread-count'),
  'POST /api/inbox/read-all': (c) => c.post('/api/inbox/read-all'),
  'GET /api/mails': (c) => c.get('/api/mails'),
  'GET /api/campaigns': (c) => c.get('/api/campaigns'),
};

it('covers every role of contracts/roles.ts and every row has a request', () => {
  expect(Object.values(columns).filter((c) => c !== 'pending' && c !== 'anonymous')).toEqual([...roles]);
  expect(rows.map((r) => r.endpoint).sort()).toEqual(Object.keys(send).sort());
});

describe.each(headings)('%s', (column) => {
  it.each(rows)('$endpoint', async ({ endpoint, expected }) => {
    const status = expected[column]!;
    const res = await send[endpoint]!(clients[column]!);
    expect(res.statusCode, res.body).toBe(status);
    if (status >= 400) expect(res.json().code).toBe(refusal(column, status));
  });
});

describe('the menu (abilities from /api/auth/me) offers exactly what the matrix allows', () => {
  const menu = {
    manageUsers: 'GET /api/users',
    manageUnits: 'POST /api/units',
    viewAudit: 'GET /api/audit',
    viewMailLog: 'GET /api/mails',
    viewCampaigns: 'GET /api/campaigns',
  };
  it.each(headings.filter((h) => h !== 'pending' && h !== 'anon'))('%s', async (column) => {
    const { abilities } = (await clients[column]!.get('/api/auth/me')).json().user;
    const allowed = (endpoint: string) => rows.find((r) => r.endpoint === endpoint)!.expected[column]! < 400;
    expect(abilities).toMatchObject(Object.fromEntries(Object.entries(menu).map(([name, endpoint]) => [name, allowed(endpoint)])));
  });
});
