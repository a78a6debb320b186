import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { prepareInitialData } from './initial-data.ts';
import { demoAccountSpecs, DEMO_PASSWORD } from './demo-accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoData: true });
  await prepareInitialData(t.db, t.config, t.app.log);
});
afterAll(() => t.close());

describe('demo data', () => {
  it('lists a demo account for every role on the login page, and each logs in', async () => {
    const meta = (await t.anonymous().get('/api/meta')).json();
    expect(meta.demo).toBe(true);
    const roles = new Set(meta.demoAccounts.flatMap((a: { roles: string[] }) => a.roles));
    expect([...roles].sort()).toEqual(['institute_admin', 'mentor', 'reviewer', 'track_coordinator', 'unit_leader', 'unit_officer']);
    for (const account of demoAccountSpecs) {
      const me = (await (await t.login(account.username, DEMO_PASSWORD)).get('/api/auth/me')).json();
      expect(me.user.roles).toEqual([...account.roles].sort());
    }
  });

  it('has the notice’s four host units and at least 12 more across 苏南/苏中/苏北', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const units = (await admin.get('/api/units?pageSize=500')).json().items as { name: string; region: string; kind: string }[];
    for (const host of ['徐州经贸分院', '南京卫生分院', '宜兴分院', '扬州分院']) expect(units.map((u) => u.name)).toContain(host);
    const members = units.filter((u) => u.kind !== 'institute');
    expect(members.length).toBeGreaterThanOrEqual(16);
    expect(new Set(members.map((u) => u.region))).toEqual(new Set(['south', 'central', 'north']));
  });

  it('has the 2024 campaign skeleton: four tracks, three sub-types, the host units', async () => {
    const campaigns = (await (await t.login('officer', DEMO_PASSWORD)).get('/api/campaigns')).json();
    const c2024 = campaigns.find((c: { year: number }) => c.year === 2024);
    expect(c2024.tracks.map((tr: { name: string; hostUnit: { name: string } }) => [tr.name, tr.hostUnit.name])).toEqual([
      ['发展型资助育人优秀案例', '徐州经贸分院'],
      ['生涯规划指导优秀案例', '南京卫生分院'],
      ['研学实践优秀案例', '宜兴分院'],
      ['江苏学生资助宣传大使', '扬州分院'],
    ]);
    expect(c2024.tracks[0].subtypes).toHaveLength(3);
  });

  it('carries no real person’s contacts: no mobile numbers, and mailboxes only at example.edu.cn', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const everything = JSON.stringify([
      (await admin.get('/api/campaigns')).json(),
      (await admin.get('/api/users?pageSize=200')).json(),
      (await t.anonymous().get('/api/meta')).json(),
    ]);
    // The notice printed its contacts' personal mobiles and mailboxes; the demo must not.
    expect(everything.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g)).toBeNull();
    const domains = new Set([...everything.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)].map((m) => m[1]));
    expect([...domains]).toEqual(['example.edu.cn']);
  });

  it('does nothing on a database that already has users', async () => {
    const before = (await (await t.login('admin', DEMO_PASSWORD)).get('/api/units?pageSize=500')).json().total;
    await prepareInitialData(t.db, t.config, t.app.log);
    expect((await (await t.login('admin', DEMO_PASSWORD)).get('/api/units?pageSize=500')).json().total).toBe(before);
  });
});
