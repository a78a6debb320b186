import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { Role } from '../../../../contracts/roles.ts';
import type { PairingDto, UnitDto } from '../../../../contracts/units.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

let t: TestApp;
let admin: Client;
let mentor: Client;
/** Units made by the factory for pairing tests, one per region. */
let south: number;
let central: number;
let north: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
  south = await t.unit({ code: 'PS1', name: '结对苏南分院', city: '苏州' });
  central = await t.unit({ code: 'PC1', name: '结对苏中分院', city: '南通' });
  north = await t.unit({ code: 'PN1', name: '结对苏北分院', city: '宿迁' });
  mentor = await t.login((await t.user({ roles: ['mentor'], unitId: south })).username);
});
afterAll(() => t.close());

const issuePaths = (res: LightMyRequestResponse): string[] => res.json().issues.map((i: { path: string }) => i.path);

const forbiddenRoles: Role[] = ['unit_officer', 'reviewer', 'mentor'];
async function clientWith(role: Role): Promise<Client> {
  return t.login((await t.user({ roles: [role], unitId: south })).username);
}

let seq = 0;
async function createUnit(
  fields: Partial<{ code: string; name: string; kind: string; city: string; address: string }> = {},
): Promise<UnitDto> {
  seq += 1;
  const res = await admin.post('/api/units', { code: `NU${seq}`, name: `新建分院${seq}`, kind: 'branch', city: '南京', ...fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('GET /api/units', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().get('/api/units'), 401, 'unauthenticated');
  });

  it('rejects unknown filters, naming them', async () => {
    const res = await admin.get('/api/units?region=east&kind=school&pageSize=501');
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['region', 'kind', 'pageSize']));
  });

  it('shows every signed-in user the units, with user counts; only the admin may edit them', async () => {
    await t.user({ roles: ['reviewer'], unitId: north });
    const asMentor = (await mentor.get('/api/units?q=PN1')).json<Page<UnitDto>>();
    expect(asMentor.items).toEqual([
      {
        id: north,
        code: 'PN1',
        name: '结对苏北分院',
        kind: 'branch',
        city: '宿迁',
        region: 'north',
        address: null,
        userCount: 1,
        abilities: { update: false },
      },
    ]);
    const asAdmin = (await admin.get('/api/units?q=PN1')).json<Page<UnitDto>>();
    expect(asAdmin.items[0]?.abilities).toEqual({ update: true });
  });

  it('filters by region, kind and text, and pages with a total', async () => {
    const site = await createUnit({ code: 'FLT-SITE', name: '筛选办学点', kind: 'site', city: '淮安' });
    const all = (await admin.get('/api/units?pageSize=500')).json<Page<UnitDto>>();
    const northern = (await admin.get('/api/units?region=north&pageSize=500')).json<Page<UnitDto>>();
    expect(northern.items.length).toBeGreaterThan(0);
    expect(northern.items.every((u) => u.region === 'north')).toBe(true);
    expect(northern.total).toBe(all.items.filter((u) => u.region === 'north').length);

    const sites = (await admin.get('/api/units?kind=site&pageSize=500')).json<Page<UnitDto>>();
    expect(sites.items.map((u) => u.id)).toContain(site.id);
    expect(sites.items.every((u) => u.kind === 'site')).toBe(true);

    expect((await admin.get(`/api/units?q=${encodeURIComponent('筛选办')}`)).json<Page<UnitDto>>().items.map((u) => u.id)).toEqual([
      site.id,
    ]);
    expect((await admin.get('/api/units?q=flt-site')).json<Page<UnitDto>>().items.map((u) => u.id)).toEqual([site.id]);
    expect((await admin.get('/api/units?q=FLT&region=south')).json().total).toBe(0);

    const page = (await admin.get('/api/units?pageSize=2&page=2')).json<Page<UnitDto>>();
    expect(page).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(page.items.map((u) => u.id)).toEqual(all.items.slice(2, 4).map((u) => u.id));
  });
});

describe('POST /api/units', () => {
  it('requires a session', async () => {
    expectError(
      await t.anonymous().post('/api/units', { code: 'ANON', name: '匿名分院', kind: 'branch', city: '南京' }),
      401,
      'unauthenticated',
    );
  });

  it.each(forbiddenRoles)('is refused to %s', async (role) => {
    const res = await (await clientWith(role)).post('/api/units', { code: `R-${role}`, name: `角色${role}`, kind: 'branch', city: '南京' });
    expectError(res, 403, 'not_institute_admin');
  });

  it('names every invalid field', async () => {
    const res = await admin.post('/api/units', { code: '代码 1', name: 'x', kind: 'campus', city: '' });
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['code', 'name', 'kind', 'city']));
  });

  it.each([
    ['南京', 'south'],
    ['镇江', 'south'],
    ['扬州', 'central'],
    ['泰州', 'central'],
    ['徐州', 'north'],
    ['连云港', 'north'],
  ])('derives the region from the city: %s → %s', async (city, region) => {
    const unit = await createUnit({ city, address: '某路 1 号' });
    expect(unit).toMatchObject({ city, region, address: '某路 1 号', userCount: 0, abilities: { update: true } });
  });

  it.each(['上海', '昆山', 'Nanjing'])('refuses a city outside the list of Jiangsu prefectures: %s', async (city) => {
    expectError(await admin.post('/api/units', { code: 'CITY1', name: '城市测试', kind: 'branch', city }), 400, 'unknown_city');
  });

  it('keeps codes and names unique', async () => {
    await createUnit({ code: 'DUP1', name: '重复测试分院' });
    expectError(await admin.post('/api/units', { code: 'DUP1', name: '另一个名字', kind: 'branch', city: '南京' }), 409, 'unit_code_taken');
    expectError(await admin.post('/api/units', { code: 'DUP2', name: '重复测试分院', kind: 'site', city: '徐州' }), 409, 'unit_name_taken');
  });
});

describe('PATCH /api/units/:id', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().patch(`/api/units/${south}`, { name: '改名' }), 401, 'unauthenticated');
  });

  it.each(forbiddenRoles)('is refused to %s', async (role) => {
    expectError(await (await clientWith(role)).patch(`/api/units/${south}`, { name: '改个名字' }), 403, 'not_institute_admin');
  });

  it('rejects an invalid id and invalid fields', async () => {
    const badId = await admin.patch('/api/units/abc', { name: '改个名字' });
    expectError(badId, 400, 'validation_failed');
    expect(issuePaths(badId)).toContain('id');
    const badBody = await admin.patch(`/api/units/${south}`, { kind: 'campus', code: '' });
    expectError(badBody, 400, 'validation_failed');
    expect(issuePaths(badBody)).toEqual(expect.arrayContaining(['kind', 'code']));
  });

  it('answers 404 for an unknown unit', async () => {
    expectError(await admin.patch('/api/units/999999', { name: '不存在' }), 404, 'not_found');
  });

  it('updates a unit; a new city moves it to that region', async () => {
    const unit = await createUnit({ city: '南京' });
    const res = await admin.patch(`/api/units/${unit.id}`, { name: '改名后的分院', city: '盐城', kind: 'site' });
    expect(res.statusCode).toBe(200);
    expect(res.json<UnitDto>()).toMatchObject({
      id: unit.id,
      code: unit.code,
      name: '改名后的分院',
      city: '盐城',
      region: 'north',
      kind: 'site',
    });
    const listed = (await admin.get(`/api/units?q=${encodeURIComponent('改名后的分院')}`)).json<Page<UnitDto>>().items;
    expect(listed.map((u) => u.region)).toEqual(['north']);
  });

  it('refuses an unknown city and a name or code already used', async () => {
    const unit = await createUnit();
    expectError(await admin.patch(`/api/units/${unit.id}`, { city: '杭州' }), 400, 'unknown_city');
    expectError(await admin.patch(`/api/units/${unit.id}`, { name: '结对苏南分院' }), 409, 'unit_name_taken');
    expectError(await admin.patch(`/api/units/${unit.id}`, { code: 'PS1' }), 409, 'unit_code_taken');
  });
});

describe('pairings', () => {
  async function pair(kind: 'north_south' | 'urban_rural', unitAId: number, unitBId: number, client: Client = admin) {
    return client.post('/api/pairings', { kind, unitAId, unitBId });
  }

  it('require a session for every verb', async () => {
    expectError(await t.anonymous().get('/api/pairings'), 401, 'unauthenticated');
    expectError(await pair('urban_rural', south, north, t.anonymous()), 401, 'unauthenticated');
    expectError(await t.anonymous().delete('/api/pairings/1'), 401, 'unauthenticated');
  });

  it.each(forbiddenRoles)('may be listed but not changed by %s', async (role) => {
    const client = await clientWith(role);
    expect((await client.get('/api/pairings')).statusCode).toBe(200);
    expectError(await pair('urban_rural', south, central, client), 403, 'not_institute_admin');
    const made = await pair('urban_rural', central, north);
    expectError(await client.delete(`/api/pairings/${made.json().id}`), 403, 'not_institute_admin');
    await admin.delete(`/api/pairings/${made.json().id}`);
  });

  it('reject invalid input, naming the fields', async () => {
    const res = await admin.post('/api/pairings', { kind: 'east_west', unitAId: 'one', startedOn: '2026/09/01' });
    expectError(res, 400, 'validation_failed');
    expect(issuePaths(res)).toEqual(expect.arrayContaining(['kind', 'unitAId', 'unitBId', 'startedOn']));
    const badId = await admin.delete('/api/pairings/zero');
    expectError(badId, 400, 'validation_failed');
    expect(issuePaths(badId)).toContain('id');
  });

  it('pair a 苏南 unit with a 苏北 unit north–south, in either order', async () => {
    const res = await admin.post('/api/pairings', {
      kind: 'north_south',
      unitAId: north,
      unitBId: south,
      startedOn: '2026-09-01',
      note: '南北结对',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<PairingDto>()).toEqual({
      id: expect.any(Number),
      kind: 'north_south',
      unitA: { id: north, name: '结对苏北分院', region: 'north' },
      unitB: { id: south, name: '结对苏南分院', region: 'south' },
      startedOn: '2026-09-01',
      note: '南北结对',
      abilities: { delete: true },
    });
    const listed = (await mentor.get('/api/pairings')).json<PairingDto[]>().find((p) => p.id === res.json().id);
    expect(listed).toMatchObject({ startedOn: '2026-09-01', abilities: { delete: false } });
    await admin.delete(`/api/pairings/${res.json().id}`);
  });

  it('refuse a north–south pairing that does not join 苏南 and 苏北', async () => {
    expectError(await pair('north_south', south, central), 400, 'pairing_not_north_south');
    expectError(await pair('north_south', central, north), 400, 'pairing_not_north_south');
    const otherSouth = await t.unit({ city: '无锡' });
    expectError(await pair('north_south', south, otherSouth), 400, 'pairing_not_north_south');
  });

  it('refuse a unit paired with itself, and an unknown unit', async () => {
    expectError(await pair('urban_rural', south, south), 400, 'pairing_same_unit');
    expectError(await pair('north_south', north, north), 400, 'pairing_same_unit');
    expectError(await pair('urban_rural', south, 999_999), 404, 'not_found');
  });

  it('refuse the same pair twice, in either order, but allow the other kind', async () => {
    const a = await t.unit({ city: '常州' });
    const b = await t.unit({ city: '淮安' });
    const first = await pair('north_south', a, b);
    expect(first.statusCode).toBe(201);
    expectError(await pair('north_south', a, b), 409, 'pairing_exists');
    expectError(await pair('north_south', b, a), 409, 'pairing_exists');
    expect((await pair('urban_rural', b, a)).statusCode).toBe(201);
    expectError(await pair('urban_rural', a, b), 409, 'pairing_exists');
  });

  it('pair any two units urban–rural, whatever their regions', async () => {
    const a = await t.unit({ city: '南京' });
    const b = await t.unit({ city: '苏州' });
    const c = await t.unit({ city: '泰州' });
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
    ] as const) {
      expect((await pair('urban_rural', x, y)).statusCode).toBe(201);
    }
  });

  it('delete a pairing: it leaves the list and may be made again', async () => {
    const a = await t.unit({ city: '镇江' });
    const b = await t.unit({ city: '盐城' });
    const made = (await pair('north_south', a, b)).json<PairingDto>();
    const res = await admin.delete(`/api/pairings/${made.id}`);
    expect(res.statusCode).toBe(204);
    expect((await admin.get('/api/pairings')).json<PairingDto[]>().map((p) => p.id)).not.toContain(made.id);
    expectError(await admin.delete(`/api/pairings/${made.id}`), 404, 'not_found');
    expect((await pair('north_south', b, a)).statusCode).toBe(201);
  });
});
