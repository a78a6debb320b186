import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { FormCheckCase, InboxItem, VersionDiff } from '../../../../contracts/form-check.ts';
import { splitSentences, diffText } from '../../lib/text-diff.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import {
  detailOf,
  expectError,
  patch,
  readyCase,
  seedCampaign,
  sentCase,
  unitPeople,
  words,
  type Fixture,
  type UnitPeople,
} from '../submissions/test-fixtures.ts';

let t: TestApp;
let f: Fixture;
/** People of 南京工程分院 (a unit that hosts no track). */
let p: UnitPeople;
/** People of 徐州经贸分院, the unit of the FZ coordinator. */
let host: UnitPeople;
let admin: Client;
let adminId: number;
let coordinator: Client;
/** Coordinator of the ambassador track only. */
let otherCoordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  host = await unitPeople(t, f.hostUnit);
  const a = await t.user({ roles: ['institute_admin'] });
  adminId = a.id;
  admin = await t.login(a.username);
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  coordinator = await t.login(coord.username);
  const other = await t.user({ roles: ['track_coordinator'], unitId: f.otherUnit });
  await t.db.updateTable('tracks').set({ coordinator_user_id: other.id }).where('id', '=', f.ds).execute();
  // Many cases per unit here: the quota is the submissions module's concern.
  await t.db.updateTable('tracks').set({ default_quota: 100 }).where('id', '=', f.fz).execute();
  otherCoordinator = await t.login(other.username);
});
afterAll(() => t.close());

/** Prose of n distinct sentences, long enough for the FZ template's word limits. */
const sentences = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}第${i + 1}项措施${words(12)}。`).join('');

async function inbox(client: Client, query = ''): Promise<Page<InboxItem>> {
  const res = await client.get(`/api/form-check/inbox?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<InboxItem>>();
}
const ids = (page: Page<InboxItem>) => page.items.map((i) => i.id);

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('sentence diff', () => {
  it('splits on Chinese sentence ends and line breaks without losing a character', () => {
    const text = '第一句。第二句!第三句?\n第四行没有句号';
    expect(splitSentences(text)).toEqual(['第一句。', '第二句!', '第三句?', '\n', '第四行没有句号']);
    expect(splitSentences(text).join('')).toBe(text);
  });

  it('marks the changed sentence only', () => {
    expect(diffText('甲。乙。丙。', '甲。乙改。丙。丁。')).toEqual([
      { op: 'equal', text: '甲。' },
      { op: 'delete', text: '乙。' },
      { op: 'insert', text: '乙改。' },
      { op: 'equal', text: '丙。' },
      { op: 'insert', text: '丁。' },
    ]);
  });
});

describe('GET /api/form-check/inbox', () => {
  let mine: { id: number; receiptNo: string };
  let tagged: { id: number; receiptNo: string };
  let ownUnit: { id: number; receiptNo: string };
  let withdrawn: number;
  let draft: number;

  beforeAll(async () => {
    mine = await sentCase(f, p, { title: '南京工程分院一生一策' });
    tagged = await sentCase(f, p, {
      title: '南北结对研学',
      priorityTags: [{ tag: 'north_south_pairing', justification: '与徐州经贸分院结对' }],
    });
    ownUnit = await sentCase(f, host, { title: '牵头单位自己的案例' });
    const w = await sentCase(f, host, { title: '撤回的案例' });
    expect((await host.officer.post(`/api/submissions/${w.id}/withdraw`)).statusCode).toBe(200);
    withdrawn = w.id;
    draft = await readyCase(f, p, { title: '仍是草稿' });
  });

  it('requires a session', async () => {
    expectError(await t.anonymous().get('/api/form-check/inbox'), 401, 'unauthenticated');
  });

  it('is refused to unit staff and reviewers', async () => {
    expectError(await p.officer.get('/api/form-check/inbox'), 403, 'not_form_checker');
    const reviewer = await t.login((await t.user({ roles: ['reviewer'], unitId: f.unit })).username);
    expectError(await reviewer.get('/api/form-check/inbox'), 403, 'not_form_checker');
  });

  it('rejects bad filters, naming them', async () => {
    const res = await coordinator.get('/api/form-check/inbox?status=draft&tag=nothing&pageSize=0');
    expectError(res, 400, 'validation_failed');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['status', 'tag', 'pageSize']));
  });

  it('shows the coordinator the sent cases of their track, never their own unit’s, drafts or withdrawn ones', async () => {
    const page = await inbox(coordinator);
    expect(ids(page)).toEqual(expect.arrayContaining([mine.id, tagged.id]));
    expect(ids(page)).not.toContain(ownUnit.id);
    expect(ids(page)).not.toContain(withdrawn);
    expect(ids(page)).not.toContain(draft);
    const row = page.items.find((i) => i.id === mine.id)!;
    expect(row).toMatchObject({
      receiptNo: mine.receiptNo,
      title: '南京工程分院一生一策',
      status: 'submitted',
      handler: 'coordinator',
      unit: { id: f.unit, name: '南京工程分院' },
      track: { id: f.fz, code: 'FZ', name: '发展型资助育人优秀案例' },
      subtype: { id: f.subtypeId, name: '系统性发展型资助制度及其实施' },
      versionCount: 1,
      tags: ['real_hardship'],
      returnedAt: null,
      acceptedAt: null,
      abilities: { accept: { allowed: true, whyNot: null }, return: { allowed: true, whyNot: null } },
    });
    expect(row.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows a coordinator of another track none of these', async () => {
    const page = await inbox(otherCoordinator);
    expect(ids(page)).not.toContain(mine.id);
    expect(ids(page)).not.toContain(ownUnit.id);
  });

  it('puts the case of the coordinator’s own unit in the institute admin’s inbox, marked for the admin', async () => {
    const page = await inbox(admin);
    expect(ids(page)).toEqual(expect.arrayContaining([mine.id, tagged.id, ownUnit.id]));
    expect(ids(page)).not.toContain(withdrawn);
    expect(page.items.find((i) => i.id === ownUnit.id)).toMatchObject({
      handler: 'institute_admin',
      abilities: { accept: { allowed: true } },
    });
    const adminOnly = await inbox(admin, '&handler=institute_admin');
    expect(ids(adminOnly)).toContain(ownUnit.id);
    expect(ids(adminOnly)).not.toContain(mine.id);
  });

  it('filters by unit, sub-type, tag and status, and searches title, receipt number and unit name', async () => {
    expect(ids(await inbox(admin, `&unitId=${f.hostUnit}`))).toEqual([ownUnit.id]);
    expect(ids(await inbox(coordinator, `&subtypeId=${f.subtypeId}`))).toEqual(expect.arrayContaining([mine.id, tagged.id]));
    expect(ids(await inbox(coordinator, '&tag=north_south_pairing'))).toEqual([tagged.id]);
    expect(ids(await inbox(coordinator, `&q=${encodeURIComponent('一生一策')}`))).toEqual([mine.id]);
    expect(ids(await inbox(coordinator, `&q=${tagged.receiptNo}`))).toEqual([tagged.id]);
    expect(ids(await inbox(admin, `&q=${encodeURIComponent('经贸')}`))).toEqual([ownUnit.id]);
    expect(ids(await inbox(coordinator, '&status=accepted'))).not.toContain(mine.id);
    expect(ids(await inbox(coordinator, '&status=submitted'))).toEqual(expect.arrayContaining([mine.id, tagged.id]));
    expect(ids(await inbox(coordinator, `&trackId=${f.ds}`))).toEqual([]);
  });
});

describe('form check of one case', () => {
  it('refuses a coordinator of another track, and the coordinator of the submitting unit (the admin handles it)', async () => {
    const c = await sentCase(f, p);
    expectError(await otherCoordinator.get(`/api/form-check/submissions/${c.id}`), 403, 'not_track_coordinator');
    expectError(await otherCoordinator.post(`/api/form-check/submissions/${c.id}/accept`), 403, 'not_track_coordinator');
    expectError(await p.officer.post(`/api/form-check/submissions/${c.id}/accept`), 403, 'not_form_checker');

    const own = await sentCase(f, host);
    expectError(await coordinator.get(`/api/form-check/submissions/${own.id}`), 403, 'own_unit_conflict');
    const refused = await coordinator.post(`/api/form-check/submissions/${own.id}/return`, { reasons: '请补充佐证材料' });
    expectError(refused, 403, 'own_unit_conflict');
    expect(refused.json().message).toContain('学院管理员');
    expectError(await coordinator.post(`/api/form-check/submissions/${own.id}/accept`), 403, 'own_unit_conflict');

    const res = await admin.post(`/api/form-check/submissions/${own.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FormCheckCase>()).toMatchObject({ status: 'accepted', handler: 'institute_admin', acceptedBy: { id: adminId } });
  });

  it('404 for a missing case; 403 for a draft or a withdrawn one', async () => {
    expectError(await coordinator.get('/api/form-check/submissions/999999'), 404, 'not_found');
    const draft = await readyCase(f, p);
    expectError(await coordinator.get(`/api/form-check/submissions/${draft}`), 403, 'draft_private');
    const w = await sentCase(f, p);
    expect((await p.officer.post(`/api/submissions/${w.id}/withdraw`)).statusCode).toBe(200);
    expectError(await coordinator.post(`/api/form-check/submissions/${w.id}/accept`), 403, 'draft_private');
  });

  it('shows the case as submitted, with versions, events and what the coordinator may do', async () => {
    const c = await sentCase(f, p, { title: '查看用案例' });
    const res = await coordinator.get(`/api/form-check/submissions/${c.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<FormCheckCase>();
    expect(body).toMatchObject({
      receiptNo: c.receiptNo,
      status: 'submitted',
      unit: { name: '南京工程分院' },
      versionNo: 1,
      content: {
        title: '查看用案例',
        contact: { name: '李老师', phone: '025-86000000' },
        attachments: [{ slot: 'case_document', name: '案例全文.pdf' }],
      },
      versions: [{ versionNo: 1 }],
      abilities: { accept: { allowed: true }, return: { allowed: true } },
    });
    expect(body.template.sections.map((s) => s.title)).toEqual(['案例背景', '主要做法', '实施成效', '经验与启示']);
    expect(body.events.map((e) => e.action)).toEqual(['created', 'selected', 'approved', 'submitted']);
    // The attachment downloads for the coordinator.
    const file = await coordinator.get(`/api/files/${body.content!.attachments[0]!.fileId}`);
    expect(file.statusCode).toBe(200);
  });

  it('refuses a return without reasons, or with reasons too short to act on', async () => {
    const c = await sentCase(f, p);
    expectError(await coordinator.post(`/api/form-check/submissions/${c.id}/return`, {}), 400, 'validation_failed');
    const short = await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '  不行  ' });
    expectError(short, 400, 'validation_failed');
    expect(short.json().issues[0]).toMatchObject({ path: 'reasons' });
    expect((await detailOf(p.officer, c.id)).status).toBe('submitted');
  });

  it('returns a case: the unit is told why and by when, edits and resubmits; version 2 and a diff of what changed', async () => {
    const c = await sentCase(f, p, {
      sections: {
        background: sentences('背景', 30),
        practice: sentences('做法', 70),
        outcomes: sentences('成效', 30),
        lessons: sentences('经验', 20),
      },
    });
    const reasons = '“主要做法”缺少量化数据,请补充第3项措施的实施人数。';
    const res = await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FormCheckCase>()).toMatchObject({
      status: 'returned',
      returnReasons: reasons,
      abilities: { accept: { allowed: false, whyNot: 'already_returned' }, return: { allowed: false, whyNot: 'already_returned' } },
    });
    expectError(await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons }), 409, 'already_returned');
    expectError(await coordinator.post(`/api/form-check/submissions/${c.id}/accept`), 409, 'already_returned');

    // The unit's officer and the author are told, with the reasons and the revision deadline.
    const told = await t.db
      .selectFrom('inbox_messages')
      .select(['user_id', 'body'])
      .where('template', '=', 'submission.returned')
      .where('link', '=', `/submissions/${c.id}`)
      .execute();
    expect(new Set(told.map((m) => m.user_id))).toEqual(new Set([p.officerId, p.mentorId]));
    expect(told[0]!.body).toContain(reasons);
    expect(told[0]!.body).toMatch(/并在 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.北京时间.前重新提交/);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'submission.returned')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit).toHaveLength(1);

    // The unit sees it returned, edits and resubmits (the leader signs the new revision off again).
    const returned = await detailOf(p.officer, c.id);
    expect(returned).toMatchObject({ status: 'returned', returnReasons: reasons, abilities: { edit: { allowed: true } } });
    const practice = sentences('做法', 70).replace('做法第3项措施', '做法第3项措施覆盖学生120人');
    expect((await patch(p.mentor, c.id, { sections: { practice } })).statusCode).toBe(200);
    expect((await p.leader.post(`/api/submissions/${c.id}/approve`)).statusCode).toBe(200);
    const again = await p.officer.post(`/api/submissions/${c.id}/submit`);
    expect(again.statusCode, again.body).toBe(200);

    // The coordinator is told of the resubmission and sees it as such.
    const resubmitted = await t.db
      .selectFrom('inbox_messages')
      .select('user_id')
      .where('template', '=', 'submission.resubmitted')
      .where('link', '=', `/submissions/${c.id}`)
      .execute();
    expect(resubmitted.map((m) => m.user_id)).toContain(f.coordinatorId);
    const row = (await inbox(coordinator, '&status=resubmitted')).items.find((i) => i.id === c.id);
    expect(row).toMatchObject({ status: 'resubmitted', versionCount: 2, abilities: { accept: { allowed: true } } });

    const view = (await coordinator.get(`/api/form-check/submissions/${c.id}`)).json<FormCheckCase>();
    expect(view).toMatchObject({ versionNo: 2, versions: [{ versionNo: 1 }, { versionNo: 2 }] });
    expect(view.content!.sections.practice).toContain('覆盖学生120人');
    expect(view.events.map((e) => e.action)).toEqual(expect.arrayContaining(['returned', 'resubmitted']));

    const diffRes = await coordinator.get(`/api/form-check/submissions/${c.id}/versions/1/diff/2`);
    expect(diffRes.statusCode, diffRes.body).toBe(200);
    const diff = diffRes.json<VersionDiff>();
    const changed = diff.texts.filter((x) => x.changed);
    expect(changed.map((x) => [x.field, x.label])).toEqual([['sections.practice', '主要做法']]);
    const ops = changed[0]!.ops.filter((o) => o.op !== 'equal');
    expect(ops).toEqual([
      { op: 'delete', text: `做法第3项措施${words(12)}。` },
      { op: 'insert', text: `做法第3项措施覆盖学生120人${words(12)}。` },
    ]);
    expect(diff).toMatchObject({
      from: { versionNo: 1 },
      to: { versionNo: 2 },
      values: [],
      students: { added: [], removed: [] },
      attachments: { added: [], removed: [] },
      tags: { added: [], removed: [] },
    });
    expectError(await coordinator.get(`/api/form-check/submissions/${c.id}/versions/1/diff/9`), 404, 'not_found');
    expectError(await otherCoordinator.get(`/api/form-check/submissions/${c.id}/versions/1/diff/2`), 403, 'not_track_coordinator');
    expectError(await coordinator.get(`/api/form-check/submissions/${c.id}/versions/x/diff/2`), 400, 'validation_failed');
  });

  it('accepts once: the unit is told; a second accept or a return afterwards is a 409', async () => {
    const c = await sentCase(f, p);
    const res = await coordinator.post(`/api/form-check/submissions/${c.id}/accept`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FormCheckCase>()).toMatchObject({
      status: 'accepted',
      acceptedBy: { id: f.coordinatorId },
      abilities: { accept: { allowed: false, whyNot: 'already_accepted' } },
    });
    expectError(await coordinator.post(`/api/form-check/submissions/${c.id}/accept`), 409, 'already_accepted');
    expectError(
      await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '再看一下附件格式' }),
      409,
      'already_accepted',
    );
    expect((await detailOf(p.officer, c.id)).status).toBe('accepted');
    const told = await t.db
      .selectFrom('inbox_messages')
      .select('user_id')
      .where('template', '=', 'submission.accepted')
      .where('link', '=', `/submissions/${c.id}`)
      .execute();
    expect(new Set(told.map((m) => m.user_id))).toEqual(new Set([p.officerId, p.mentorId]));
    const events = await t.db.selectFrom('submission_events').select('action').where('submission_id', '=', c.id).execute();
    expect(events.map((e) => e.action)).toContain('accepted');
    const audit = await t.db
      .selectFrom('audit_events')
      .select('actor_user_id')
      .where('action', '=', 'submission.accepted')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit).toEqual([{ actor_user_id: f.coordinatorId }]);
  });

  it('two simultaneous accepts: exactly one succeeds', async () => {
    const c = await sentCase(f, p);
    const results = await Promise.all([1, 2, 3].map(() => coordinator.post(`/api/form-check/submissions/${c.id}/accept`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('does not return a case once the revision deadline has passed (the unit could not resubmit)', async () => {
    const c = await sentCase(f, p);
    const track = await t.db.selectFrom('tracks').select(['revision_closes_at']).where('id', '=', f.fz).executeTakeFirstOrThrow();
    await t.db
      .updateTable('tracks')
      .set({ revision_closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', f.fz)
      .execute();
    try {
      const view = (await coordinator.get(`/api/form-check/submissions/${c.id}`)).json<FormCheckCase>();
      expect(view.abilities.return).toEqual({ allowed: false, whyNot: 'return_after_revision_deadline' });
      expectError(
        await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '请补充材料后再提交' }),
        409,
        'return_after_revision_deadline',
      );
      expect((await coordinator.post(`/api/form-check/submissions/${c.id}/accept`)).statusCode).toBe(200);
    } finally {
      await t.db.updateTable('tracks').set({ revision_closes_at: track.revision_closes_at! }).where('id', '=', f.fz).execute();
    }
  });

  it('a withdrawn case leaves the inbox even after it had been returned once', async () => {
    const c = await sentCase(f, p);
    await tick();
    expect((await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '请补充成效数据' })).statusCode).toBe(200);
    expect(ids(await inbox(coordinator, '&status=returned'))).toContain(c.id);
    expect((await p.officer.post(`/api/submissions/${c.id}/withdraw`)).statusCode).toBe(200);
    expect(ids(await inbox(coordinator))).not.toContain(c.id);
    expect(ids(await inbox(admin))).not.toContain(c.id);
  });
});

describe('permission matrix of the form check', () => {
  it('each role × each endpoint', async () => {
    const c = await sentCase(f, p);
    const own = await sentCase(f, host);
    const reviewer = await t.login((await t.user({ roles: ['reviewer'], unitId: f.otherUnit })).username);
    const clients: Record<string, Client> = {
      anonymous: t.anonymous(),
      institute_admin: admin,
      coordinator,
      other_coordinator: otherCoordinator,
      unit_officer: p.officer,
      unit_leader: p.leader,
      mentor: p.mentor,
      host_officer: host.officer,
      reviewer,
    };
    const endpoints: Record<string, (cl: Client) => Promise<{ statusCode: number }>> = {
      inbox: (cl) => cl.get('/api/form-check/inbox'),
      case: (cl) => cl.get(`/api/form-check/submissions/${c.id}`),
      ownUnitCase: (cl) => cl.get(`/api/form-check/submissions/${own.id}`),
      diff: (cl) => cl.get(`/api/form-check/submissions/${c.id}/versions/1/diff/1`),
    };
    const expected: Record<string, Record<string, number>> = {
      anonymous: { inbox: 401, case: 401, ownUnitCase: 401, diff: 401 },
      institute_admin: { inbox: 200, case: 200, ownUnitCase: 200, diff: 200 },
      coordinator: { inbox: 200, case: 200, ownUnitCase: 403, diff: 200 },
      other_coordinator: { inbox: 200, case: 403, ownUnitCase: 403, diff: 403 },
      unit_officer: { inbox: 403, case: 403, ownUnitCase: 403, diff: 403 },
      unit_leader: { inbox: 403, case: 403, ownUnitCase: 403, diff: 403 },
      mentor: { inbox: 403, case: 403, ownUnitCase: 403, diff: 403 },
      host_officer: { inbox: 403, case: 403, ownUnitCase: 403, diff: 403 },
      reviewer: { inbox: 403, case: 403, ownUnitCase: 403, diff: 403 },
    };
    const actual: Record<string, Record<string, number>> = {};
    for (const [who, client] of Object.entries(clients)) {
      actual[who] = {};
      for (const [name, call] of Object.entries(endpoints)) actual[who][name] = (await call(client)).statusCode;
    }
    expect(actual).toEqual(expected);

    // Deciding: only the coordinator (for another unit's case) and the admin; everyone else is refused before any change.
    for (const who of ['other_coordinator', 'unit_officer', 'unit_leader', 'mentor', 'host_officer', 'reviewer']) {
      expect((await clients[who]!.post(`/api/form-check/submissions/${c.id}/accept`)).statusCode, who).toBe(403);
      expect((await clients[who]!.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '请补充佐证材料' })).statusCode, who).toBe(
        403,
      );
    }
    expect((await t.anonymous().post(`/api/form-check/submissions/${c.id}/accept`)).statusCode).toBe(401);
    expect((await detailOf(p.officer, c.id)).status).toBe('submitted');
  });
});
