import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonCodes } from '../../../../contracts/reasons.ts';
import type { SubmissionDetail } from '../../../../contracts/submissions.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { eligibleStudent, files, readyCase, seedCampaign, unitPeople, upload, type Fixture, type UnitPeople } from './test-fixtures.ts';

/**
 * Who may call what on a case of 南京工程分院 written by its mentor. Columns:
 * admin, the track's coordinator (another unit), a reviewer, the unit's
 * officer, leader, the mentor who wrote it, another mentor of the unit, an
 * officer of another unit, no session. Every cell is sent for real, each to a
 * fresh target.
 */
const matrix = `
  endpoint                                                    admin coord review officer leader mentor mentor2 other anon
  POST   /api/submissions                                       403   403    403     201    201    201     201   201  401
  GET    /api/submissions                                       200   200    200     200    200    200     200   200  401
  GET    /api/submissions/:draft                                403   403    403     200    200    200     200   403  401
  PATCH  /api/submissions/:draft                                403   403    403     200    200    200     403   403  401
  DELETE /api/submissions/:draft                                403   403    403     204    204    204     403   403  401
  PUT    /api/submissions/:draft/students                       403   403    403     200    200    200     403   403  401
  POST   /api/submissions/:draft/attachments                    403   403    403     201    201    201     403   403  401
  POST   /api/submissions/:nomination/activities                403   403    403     201    201    201     403   403  401
  POST   /api/submissions/:piiDraft/pii-acknowledgements        403   403    403     200    200    200     403   403  401
  DELETE /api/submissions/:piiAcked/pii-acknowledgements/ack    403   403    403     200    200    200     403   403  401
  POST   /api/submissions/:draft/select                         403   403    403     200    403    403     403   403  401
  POST   /api/submissions/:draft/unselect                       403   403    403     200    403    403     403   403  401
  POST   /api/submissions/:draft/approve                        403   403    403     403    200    403     403   403  401
  POST   /api/submissions/:ready/submit                         403   403    403     200    403    403     403   403  401
  POST   /api/submissions/:sent/withdraw                        403   403    403     200    403    403     403   403  401
  GET    /api/submissions/:sent                                 200   200    403     200    200    200     200   403  401
  GET    /api/campaigns/:campaign/quota-usage                   403   403    403     200    200    200     200   200  401
  GET    /api/files/:draftFile                                  403   403    403     200    200    200     200   403  401
`;

const [head, ...body] = matrix.trim().split('\n');
const headings = head!.trim().split(/\s+/).slice(1);
const rows = body.map((line) => {
  const [method, url, ...cells] = line.trim().split(/\s+/);
  return {
    method: method!,
    url: url!,
    expected: Object.fromEntries(headings.map((h, i) => [h, Number(cells[i])])) as Record<string, number>,
  };
});

let t: TestApp;
let f: Fixture;
let p: UnitPeople;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  Object.assign(clients, {
    admin: await t.login((await t.user({ roles: ['institute_admin'] })).username),
    coord: await t.login(coord.username),
    review: await t.login((await t.user({ roles: ['reviewer'] })).username),
    officer: p.officer,
    leader: p.leader,
    mentor: p.mentor,
    mentor2: await t.login((await t.user({ roles: ['mentor'], unitId: f.unit })).username),
    other: await t.login((await t.user({ roles: ['unit_officer'], unitId: f.otherUnit })).username),
    anon: t.anonymous(),
  });
  // Plenty of places: the matrix is about who, not how many.
  await t.db.updateTable('tracks').set({ default_quota: 1000 }).execute();
});
afterAll(() => t.close());

const newDraft = async (trackId = f.fz) => (await p.mentor.post('/api/submissions', { trackId })).json<SubmissionDetail>();

/** A draft whose title holds a mobile number: the privacy check's finding, by case. */
const piiFingerprints = new Map<number, string>();
const acknowledgementIds = new Map<number, number>();
async function draftWithPhone(): Promise<number> {
  const { id, revision } = await newDraft();
  expect((await p.mentor.patch(`/api/submissions/${id}`, { revision, title: '联系电话13812345678' })).statusCode).toBe(200);
  const detail = (await p.mentor.get(`/api/submissions/${id}`)).json<SubmissionDetail>();
  piiFingerprints.set(id, detail.privacy!.findings[0]!.fingerprint);
  return id;
}

/** A fresh target for each placeholder. */
const targets: Record<string, () => Promise<number>> = {
  draft: async () => (await newDraft()).id,
  nomination: async () => (await newDraft(f.ds)).id,
  ready: () => readyCase(f, p),
  sent: async () => {
    const id = await readyCase(f, p);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    return id;
  },
  piiDraft: draftWithPhone,
  piiAcked: async () => {
    const id = await draftWithPhone();
    const res = await p.mentor.post(`/api/submissions/${id}/pii-acknowledgements`, {
      fingerprint: piiFingerprints.get(id),
      reason: '学校公开电话',
    });
    acknowledgementIds.set(id, res.json<SubmissionDetail>().privacy!.findings[0]!.acknowledgement!.id);
    return id;
  },
  campaign: async () => f.campaignId,
  draftFile: async () => {
    const { id } = await newDraft();
    const res = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例.pdf', files.pdf());
    return res.json<SubmissionDetail>().attachments[0]!.file.id;
  },
};

async function send(client: Client, method: string, url: string): Promise<LightMyRequestResponse> {
  let resolved = url;
  let targetId: number | null = null;
  // Longest names first: ':draftFile' is not ':draft'.
  for (const [name, make] of Object.entries(targets).sort(([a], [b]) => b.length - a.length)) {
    if (resolved.includes(`:${name}`)) {
      targetId = await make();
      resolved = resolved.replace(`:${name}`, String(targetId));
    }
  }
  if (method === 'POST' && resolved.endsWith('/attachments')) {
    return upload(client, `${resolved}?slot=evidence`, '照片.png', files.png());
  }
  if (method === 'PUT' && resolved.endsWith('/students')) {
    return client.request('PUT', resolved, { revision: 1, students: [eligibleStudent()] });
  }
  if (method === 'PATCH') return client.patch(resolved, { revision: 1, title: '改' });
  if (method === 'POST' && resolved.endsWith('/activities')) {
    return client.post(resolved, { kind: 'policy_talk', title: '资助政策我来说', heldOn: '2024-05-01', place: '报告厅', audience: 50 });
  }
  if (method === 'POST' && resolved.endsWith('/unselect')) {
    await p.officer.post(resolved.replace('/unselect', '/select'));
  }
  if (method === 'POST' && resolved === '/api/submissions') return client.post(resolved, { trackId: f.fz });
  if (method === 'POST' && resolved.endsWith('/pii-acknowledgements')) {
    return client.post(resolved, { fingerprint: piiFingerprints.get(targetId!), reason: '该电话为学校公开办公电话' });
  }
  if (resolved.endsWith('/pii-acknowledgements/ack')) {
    return client.delete(resolved.replace(/ack$/, String(acknowledgementIds.get(targetId!))));
  }
  return client.request(method as 'GET', resolved, method === 'GET' || method === 'DELETE' ? undefined : {});
}

describe('submissions permission matrix', () => {
  const cells = rows.flatMap((r) => headings.map((h) => [`${r.method} ${r.url}`, h, r.expected[h]!, r] as const));
  it.each(cells)('%s as %s → %i', async (_, column, status, row) => {
    const res = await send(clients[column]!, row.method, row.url);
    expect(res.statusCode, res.body).toBe(status);
    if (status >= 400) expect(reasonCodes).toContain(res.json().code);
  });
});
