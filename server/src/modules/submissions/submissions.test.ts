import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { QuotaUsageDto, SubmissionDetail, SubmissionListItem, SubmitProblem } from '../../../../contracts/submissions.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import {
  detailOf,
  eligibleStudent,
  expectError,
  files,
  patch,
  readyCase,
  readyNomination,
  seedCampaign,
  unitPeople,
  upload,
  words,
  type Fixture,
  type UnitPeople,
} from './test-fixtures.ts';

let t: TestApp;
let f: Fixture;
let p: UnitPeople;
let admin: Client;
let coordinator: Client;

const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  coordinator = await t.login(coord.username);
});
afterAll(() => t.close());

/** A fresh unit with its own people, so quota and receipt counts of one test do not leak into another. */
async function freshUnit(): Promise<{ unitId: number; people: UnitPeople }> {
  const unitId = await t.unit({ city: '南京' });
  return { unitId, people: await unitPeople(t, unitId) };
}

async function submitRes(client: Client, id: number) {
  return client.post(`/api/submissions/${id}/submit`);
}

const problemCodes = (res: { json(): unknown }) =>
  ((res.json() as { details: { problems: SubmitProblem[] } }).details.problems ?? []).map((x) => x.code);

describe('drafting inside a unit', () => {
  it('refuses a draft from roles outside units, for a closed campaign, and with a bad body', async () => {
    expectError(await t.anonymous().post('/api/submissions', { trackId: f.fz }), 401, 'unauthenticated');
    expectError(await admin.post('/api/submissions', { trackId: f.fz }), 403, 'not_unit_staff');
    expectError(await coordinator.post('/api/submissions', { trackId: f.fz }), 403, 'not_unit_staff');
    expectError(await p.mentor.post('/api/submissions', { trackId: 'FZ' }), 400, 'validation_failed');
    expectError(await p.mentor.post('/api/submissions', { trackId: 999_999 }), 404, 'not_found');
    expectError(await p.mentor.post('/api/submissions', { trackId: f.ds, subtypeId: f.subtypeId }), 400, 'subtype_invalid');
    await t.db.updateTable('campaigns').set({ status: 'draft' }).where('id', '=', f.campaignId).execute();
    try {
      expectError(await p.mentor.post('/api/submissions', { trackId: f.fz }), 409, 'campaign_not_open');
    } finally {
      await t.db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', f.campaignId).execute();
    }
  });

  it('lets a teacher start a draft in their unit, visible only inside the unit', async () => {
    const res = await p.mentor.post('/api/submissions', { trackId: f.fz, title: '草稿一' });
    expect(res.statusCode).toBe(201);
    const draft = res.json<SubmissionDetail>();
    expect(draft).toMatchObject({
      title: '草稿一',
      status: 'draft',
      unit: { id: f.unit, name: '南京工程分院' },
      track: { code: 'FZ', kind: 'case' },
      receiptNo: null,
      revision: 1,
      quota: { quota: 2, trackCode: 'FZ' },
    });
    expect(draft.template.sections.map((s) => s.title)).toEqual(['案例背景', '主要做法', '实施成效', '经验与启示']);
    expect(draft.abilities.edit).toEqual({ allowed: true, whyNot: null });
    expect(draft.abilities.select).toEqual({ allowed: false, whyNot: 'not_unit_officer' });
    expect(draft.abilities.submit).toEqual({ allowed: false, whyNot: 'not_unit_officer' });
    // The officer sees what is still missing, all at once.
    const asOfficer = await detailOf(p.officer, draft.id);
    expect(asOfficer.abilities.submit).toEqual({ allowed: false, whyNot: 'not_selected' });
    expect(asOfficer.problems!.map((x) => x.code)).toEqual(
      expect.arrayContaining(['not_selected', 'not_approved', 'subtype_missing', 'section_missing', 'attachment_missing']),
    );

    const other = await unitPeople(t, f.otherUnit);
    expectError(await other.officer.get(`/api/submissions/${draft.id}`), 403, 'not_own_unit');
    expectError(await admin.get(`/api/submissions/${draft.id}`), 403, 'draft_private');
    expectError(await coordinator.get(`/api/submissions/${draft.id}`), 403, 'draft_private');
    const reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);
    expectError(await reviewer.get(`/api/submissions/${draft.id}`), 403, 'forbidden');

    const ids = (c: Client) =>
      c
        .get(`/api/submissions?campaignId=${f.campaignId}&pageSize=200`)
        .then((r) => r.json<Page<SubmissionListItem>>().items.map((i) => i.id));
    expect(await ids(p.leader)).toContain(draft.id);
    expect(await ids(other.officer)).not.toContain(draft.id);
    expect(await ids(admin)).not.toContain(draft.id);
    expect(await ids(coordinator)).not.toContain(draft.id);
    expect(await ids(reviewer)).toEqual([]);
  });

  it('autosaves incomplete content, bumps the revision and refuses a stale one with the current revision', async () => {
    const id = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    const first = await p.mentor.patch(`/api/submissions/${id}`, { revision: 1, sections: { background: '只写了一句' } });
    expect(first.json()).toMatchObject({ revision: 2 });
    const second = await p.mentor.patch(`/api/submissions/${id}`, { revision: 2, title: '标题' });
    expect(second.json()).toMatchObject({ revision: 3 });
    // Another tab still holds revision 2.
    const stale = await p.mentor.patch(`/api/submissions/${id}`, { revision: 2, title: '旧标签页' });
    expectError(stale, 409, 'conflict');
    expect(stale.json().details).toEqual({ currentRevision: 3 });
    const d = await detailOf(p.mentor, id);
    expect(d).toMatchObject({ title: '标题', revision: 3, sections: { background: '只写了一句' } });
  });

  it('validates field shape on save: unknown sections, bad tags, bad subtype, missing revision', async () => {
    const id = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    expectError(await p.mentor.patch(`/api/submissions/${id}`, { title: 'x' }), 400, 'validation_failed');
    const unknown = await p.mentor.patch(`/api/submissions/${id}`, { revision: 1, sections: { poem: '诗' } });
    expectError(unknown, 400, 'validation_failed');
    expect(unknown.json().issues).toEqual([{ path: 'sections.poem', message: '该栏目不在本类别的申报模板中' }]);
    expectError(
      await p.mentor.patch(`/api/submissions/${id}`, { revision: 1, priorityTags: [{ tag: 'fame', justification: '' }] }),
      400,
      'validation_failed',
    );
    expectError(
      await p.mentor.patch(`/api/submissions/${id}`, {
        revision: 1,
        priorityTags: [
          { tag: 'real_hardship', justification: 'a' },
          { tag: 'real_hardship', justification: 'b' },
        ],
      }),
      400,
      'validation_failed',
    );
    expectError(await p.mentor.patch(`/api/submissions/${id}`, { revision: 1, implementation: 'maybe' }), 400, 'validation_failed');
    const dsSubtype = await t.db
      .insertInto('track_subtypes')
      .values({ track_id: f.ds, code: 'X', name: '其他类别的子类', description: null, sort_order: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    expectError(await p.mentor.patch(`/api/submissions/${id}`, { revision: 1, subtypeId: dsSubtype.id }), 400, 'subtype_invalid');
    await t.db.deleteFrom('track_subtypes').where('id', '=', dsSubtype.id).execute();
  });

  it('lets a mentor edit only their own drafts; officers and leaders edit any draft of the unit', async () => {
    const otherMentor = await t.login((await t.user({ roles: ['mentor'], unitId: f.unit })).username);
    const id = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    expectError(await otherMentor.patch(`/api/submissions/${id}`, { revision: 1, title: '别人的' }), 403, 'not_own_draft');
    expect((await detailOf(otherMentor, id)).abilities.edit).toEqual({ allowed: false, whyNot: 'not_own_draft' });
    expect((await p.officer.patch(`/api/submissions/${id}`, { revision: 1, title: '管理员改' })).statusCode).toBe(200);
    expect((await p.leader.patch(`/api/submissions/${id}`, { revision: 2, title: '领导改' })).statusCode).toBe(200);
    const other = await unitPeople(t, f.otherUnit);
    expectError(await other.officer.patch(`/api/submissions/${id}`, { revision: 3, title: '外单位' }), 403, 'not_own_unit');
  });

  it('soft-deletes a draft: gone from the unit list, 404 afterwards; only the author or a manager may', async () => {
    const id = (await p.mentor.post('/api/submissions', { trackId: f.fz, title: '要删除的' })).json<SubmissionDetail>().id;
    const otherMentor = await t.login((await t.user({ roles: ['mentor'], unitId: f.unit })).username);
    expectError(await otherMentor.delete(`/api/submissions/${id}`), 403, 'not_own_draft');
    expect((await p.mentor.delete(`/api/submissions/${id}`)).statusCode).toBe(204);
    expectError(await p.officer.get(`/api/submissions/${id}`), 404, 'not_found');
    const list = (await p.officer.get(`/api/submissions?q=${encodeURIComponent('要删除的')}`)).json<Page<SubmissionListItem>>();
    expect(list.total).toBe(0);
    const row = await t.db.selectFrom('submissions').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
  });

  it('lets only the officer select, shows quota use, and only the leader sign off', async () => {
    const { people } = await freshUnit();
    const id = (await people.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    expectError(await people.mentor.post(`/api/submissions/${id}/select`), 403, 'not_unit_officer');
    expectError(await people.leader.post(`/api/submissions/${id}/select`), 403, 'not_unit_officer');
    const selected = (await people.officer.post(`/api/submissions/${id}/select`)).json<SubmissionDetail>();
    expect(selected.selected).toBe(true);
    expect(selected.quota).toMatchObject({ quota: 2, used: 0, selected: 1, drafts: 1 });
    expectError(await people.officer.post(`/api/submissions/${id}/approve`), 403, 'not_unit_leader');
    expectError(await people.mentor.post(`/api/submissions/${id}/approve`), 403, 'not_unit_leader');
    const approved = (await people.leader.post(`/api/submissions/${id}/approve`)).json<SubmissionDetail>();
    expect(approved.approval).toMatchObject({ revision: 1, current: true });
    expect(approved.approved).toBe(true);
    // Any later edit voids the sign-off.
    await people.mentor.patch(`/api/submissions/${id}`, { revision: 1, title: '改了' });
    const after = await detailOf(people.officer, id);
    expect(after.approval).toMatchObject({ revision: 1, current: false });
    expect(after.problems!.map((x) => x.code)).toContain('approval_outdated');
    const unselected = (await people.officer.post(`/api/submissions/${id}/unselect`)).json<SubmissionDetail>();
    expect(unselected.selected).toBe(false);
    expect(unselected.events.map((e) => e.action)).toEqual(['created', 'selected', 'approved', 'unselected']);
  });
});

describe('quota usage per track', () => {
  it('is the unit’s own: quota (override or default), used, selected, drafts', async () => {
    const { unitId, people } = await freshUnit();
    await t.db.insertInto('track_quota_overrides').values({ track_id: f.ds, unit_id: unitId, quota: 5 }).execute();
    const id = await readyCase(f, people);
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
    await people.mentor.post('/api/submissions', { trackId: f.fz });
    const res = await people.mentor.get(`/api/campaigns/${f.campaignId}/quota-usage`);
    expect(res.statusCode).toBe(200);
    const usage = res.json<QuotaUsageDto[]>();
    expect(usage.find((u) => u.trackCode === 'FZ')).toEqual({
      trackId: f.fz,
      trackCode: 'FZ',
      trackName: '发展型资助育人优秀案例',
      quota: 2,
      used: 1,
      selected: 0,
      drafts: 1,
    });
    expect(usage.find((u) => u.trackCode === 'DS')).toMatchObject({ quota: 5, used: 0 });
    expectError(await coordinator.get(`/api/campaigns/${f.campaignId}/quota-usage`), 403, 'not_unit_staff');
    expectError(await people.officer.get(`/api/campaigns/${f.campaignId}/quota-usage?unitId=${f.unit}`), 403, 'not_own_unit');
    expect((await admin.get(`/api/campaigns/${f.campaignId}/quota-usage?unitId=${unitId}`)).json<QuotaUsageDto[]>()[0]!.used).toBe(1);
    expectError(await admin.get(`/api/campaigns/999999/quota-usage?unitId=${unitId}`), 404, 'not_found');
  });
});

describe('submit: every check, failing first', () => {
  let q: UnitPeople;
  beforeAll(async () => {
    q = (await freshUnit()).people;
  });

  /** A ready case with one thing broken: the submit names it first, and lists it among the problems. */
  const breakages: [string, string, number, (id: number) => Promise<unknown>][] = [
    ['not selected', 'not_selected', 409, (id) => q.officer.post(`/api/submissions/${id}/unselect`)],
    [
      'sign-off missing',
      'not_approved',
      409,
      (id) =>
        t.db
          .updateTable('submissions')
          .set({ approved_at: null, approved_by: null, approved_revision: null })
          .where('id', '=', id)
          .execute(),
    ],
    ['sign-off outdated by a later edit', 'approval_outdated', 409, (id) => patch(q.mentor, id, { summary: '签批后又改了' })],
  ];
  it.each(breakages)('%s → %s', async (_, code, status, breakIt) => {
    const id = await readyCase(f, q);
    await breakIt(id);
    const res = await submitRes(q.officer, id);
    expectError(res, status, code);
    expect(problemCodes(res)).toContain(code);
    expect((await detailOf(q.officer, id)).status).toBe('draft');
  });

  /** Content problems: the case is otherwise ready (re-approved after the breaking edit). */
  const contentBreakages: [string, string, Record<string, unknown>, RegExp][] = [
    ['no title', 'title_missing', { title: '' }, /项目名称/],
    ['no subtype', 'subtype_missing', { subtypeId: null }, /子类/],
    ['a required section empty', 'section_missing', { sections: { lessons: '' } }, /经验与启示/],
    ['a section under its minimum', 'word_limit', { sections: { practice: words(799) } }, /“主要做法”至少 800 字,现有 799 字/],
    ['a section over its maximum', 'word_limit', { sections: { background: words(1501) } }, /“案例背景”最多 1500 字,现有 1501 字/],
    ['implementation not chosen', 'implementation_missing', { implementation: null }, /已实施或尚待实施/],
    ['planned without 可行性论证', 'feasibility_missing', { implementation: 'planned' }, /可行性论证/],
    ['collective without its leader', 'collective_leader_missing', { isCollective: true, collectiveLeaderName: null }, /分管领导/],
    [
      'a priority tag without justification',
      'tag_justification_missing',
      { priorityTags: [{ tag: 'north_south_pairing', justification: ' ' }] },
      /南北结对/,
    ],
    ['no contact', 'contact_missing', { contact: { name: null, phone: null } }, /联系人/],
  ];
  it.each(contentBreakages)('%s → %s', async (_, code, changes, message) => {
    const id = await readyCase(f, q);
    expect((await patch(q.mentor, id, changes)).statusCode).toBe(200);
    await q.leader.post(`/api/submissions/${id}/approve`);
    const res = await submitRes(q.officer, id);
    expectError(res, 422, code);
    expect(res.json().message).toMatch(message);
    expect(res.json().details.problems).toHaveLength(1);
  });

  it('a planned case passes once its 可行性论证 is attached', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people, { implementation: 'planned' });
    expectError(await submitRes(people.officer, id), 422, 'feasibility_missing');
    expect(
      (await upload(people.mentor, `/api/submissions/${id}/attachments?slot=feasibility`, '可行性论证.docx', await files.docx()))
        .statusCode,
    ).toBe(201);
    await people.leader.post(`/api/submissions/${id}/approve`);
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
  });

  it('a collective project passes once it names its leader', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people, { isCollective: true });
    expectError(await submitRes(people.officer, id), 422, 'collective_leader_missing');
    await patch(people.mentor, id, { collectiveLeaderName: '赵分管' });
    await people.leader.post(`/api/submissions/${id}/approve`);
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
  });

  it('lists every problem at once for an empty draft, first the unit’s own steps', async () => {
    const id = (await q.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    const res = await submitRes(q.officer, id);
    expectError(res, 409, 'not_selected');
    expect(problemCodes(res)).toEqual([
      'not_selected',
      'not_approved',
      'title_missing',
      'subtype_missing',
      'contact_missing',
      'section_missing',
      'section_missing',
      'section_missing',
      'section_missing',
      'implementation_missing',
      'attachment_missing',
    ]);
    const fields = (res.json().details.problems as SubmitProblem[]).map((x) => x.field);
    expect(fields).toContain('sections.practice');
    expect(fields).toContain('attachments.case_document');
  });

  it('checks students: eligible (五年制高职 grades 4–5) and with consent recorded', async () => {
    const id = await readyCase(f, q);
    const { revision } = await detailOf(q.mentor, id);
    const students = [
      eligibleStudent(1),
      { ...eligibleStudent(2), grade: 3 },
      { ...eligibleStudent(3), programme: '三年制高职' },
      { ...eligibleStudent(4), consentAt: null },
    ];
    expect((await q.mentor.request('PUT', `/api/submissions/${id}/students`, { revision, students })).statusCode).toBe(200);
    await q.leader.post(`/api/submissions/${id}/approve`);
    const res = await submitRes(q.officer, id);
    expectError(res, 422, 'student_ineligible');
    const problems = res.json().details.problems as SubmitProblem[];
    expect(problems.map((x) => [x.code, x.field])).toEqual([
      ['student_ineligible', 'students.1'],
      ['student_ineligible', 'students.2'],
      ['consent_missing', 'students.3.consentAt'],
    ]);
    expect(problems[0]!.message).toContain('学生2');
    expect(problems[0]!.message).toContain('五年制高职4、5年级');
  });

  it('refuses a case track’s students list with a duplicate student number, and an ambassador nomination of two', async () => {
    const id = (await q.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    expectError(
      await q.mentor.request('PUT', `/api/submissions/${id}/students`, { revision: 1, students: [eligibleStudent(1), eligibleStudent(1)] }),
      400,
      'validation_failed',
    );
    const nomination = (await q.officer.post('/api/submissions', { trackId: f.ds })).json<SubmissionDetail>().id;
    expectError(
      await q.officer.request('PUT', `/api/submissions/${nomination}/students`, {
        revision: 1,
        students: [eligibleStudent(1), eligibleStudent(2)],
      }),
      400,
      'validation_failed',
    );
    const stale = await q.officer.request('PUT', `/api/submissions/${nomination}/students`, {
      revision: 7,
      students: [eligibleStudent(1)],
    });
    expectError(stale, 409, 'conflict');
  });

  it('checks the calendar: not yet open, deadline passed (said in Beijing time), campaign not open', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people);
    const track = await t.db.selectFrom('tracks').selectAll().where('id', '=', f.fz).executeTakeFirstOrThrow();
    try {
      await t.db
        .updateTable('tracks')
        .set({ opens_at: new Date(Date.now() + DAY) })
        .where('id', '=', f.fz)
        .execute();
      const early = await submitRes(people.officer, id);
      expectError(early, 409, 'track_not_open');
      expect(early.json().message).toMatch(/^该类别将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(early.json().message).toContain('(北京时间) 开放申报');

      await t.db
        .updateTable('tracks')
        .set({ opens_at: track.opens_at!, submission_closes_at: new Date('2024-06-30T09:00:00Z') })
        .where('id', '=', f.fz)
        .execute();
      const late = await submitRes(people.officer, id);
      expectError(late, 409, 'deadline_passed');
      expect(late.json().message).toContain('2024-06-30 17:00(北京时间)');

      await t.db.updateTable('tracks').set({ submission_closes_at: track.submission_closes_at! }).where('id', '=', f.fz).execute();
      await t.db.updateTable('campaigns').set({ status: 'reviewing' }).where('id', '=', f.campaignId).execute();
      expectError(await submitRes(people.officer, id), 409, 'campaign_not_open');
    } finally {
      await t.db
        .updateTable('tracks')
        .set({ opens_at: track.opens_at!, submission_closes_at: track.submission_closes_at! })
        .where('id', '=', f.fz)
        .execute();
      await t.db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', f.campaignId).execute();
    }
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
  });

  it('only the officer submits', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people);
    expectError(await submitRes(people.mentor, id), 403, 'not_unit_officer');
    expectError(await submitRes(people.leader, id), 403, 'not_unit_officer');
    expectError(await submitRes(admin, id), 403, 'draft_private');
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
  });
});

describe('quota', () => {
  it('refuses the third case of a unit whose quota is 2, and counts withdrawn ones out', async () => {
    const { people } = await freshUnit();
    const [a, b, c] = [await readyCase(f, people), await readyCase(f, people), await readyCase(f, people)];
    expect((await submitRes(people.officer, a)).statusCode).toBe(200);
    expect((await submitRes(people.officer, b)).statusCode).toBe(200);
    const full = await submitRes(people.officer, c);
    expectError(full, 409, 'quota_full');
    expect(full.json().message).toContain('(2 项)');
    expect((await people.officer.post(`/api/submissions/${a}/withdraw`)).statusCode).toBe(200);
    expect((await submitRes(people.officer, c)).statusCode).toBe(200);
  });

  it('gives exactly one of 20 simultaneous submits the last free place', async () => {
    const { unitId, people } = await freshUnit();
    await t.db.insertInto('track_quota_overrides').values({ track_id: f.fz, unit_id: unitId, quota: 1 }).execute();
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await readyCase(f, people));
    const results = await Promise.all(ids.map((id) => submitRes(people.officer, id)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.json().code)).toEqual(Array(19).fill('quota_full'));
    const usage = (await people.officer.get(`/api/campaigns/${f.campaignId}/quota-usage`)).json<QuotaUsageDto[]>();
    expect(usage.find((u) => u.trackId === f.fz)).toMatchObject({ quota: 1, used: 1 });
  }, 120_000);
});

describe('after submission', () => {
  it('numbers receipts per track in sequence, records a version, an event, an audit row and notifications', async () => {
    const { people } = await freshUnit();
    const before = await t.db.selectFrom('tracks').select(['id', 'next_receipt_no']).where('id', 'in', [f.fz, f.ds]).execute();
    const nextFz = before.find((r) => r.id === f.fz)!.next_receipt_no;
    const nextDs = before.find((r) => r.id === f.ds)!.next_receipt_no;
    const a = await readyCase(f, people);
    const b = await readyCase(f, people);
    const n = await readyNomination(f, people, eligibleStudent(901));
    const ra = (await submitRes(people.officer, a)).json<SubmissionDetail>();
    const rb = (await submitRes(people.officer, b)).json<SubmissionDetail>();
    const rn = (await submitRes(people.officer, n)).json<SubmissionDetail>();
    const pad = (x: number) => String(x).padStart(4, '0');
    expect([ra.receiptNo, rb.receiptNo, rn.receiptNo]).toEqual([
      `2024-FZ-${pad(nextFz)}`,
      `2024-FZ-${pad(nextFz + 1)}`,
      `2024-DS-${pad(nextDs)}`,
    ]);
    expect(ra).toMatchObject({ status: 'submitted', versions: [{ versionNo: 1 }] });
    expect(ra.events.map((e) => e.action)).toEqual(['created', 'selected', 'approved', 'submitted']);
    expect(ra.abilities.edit).toEqual({ allowed: false, whyNot: 'submission_locked' });
    expect(ra.abilities.withdraw).toEqual({ allowed: true, whyNot: null });

    const version = (await people.officer.get(`/api/submissions/${a}/versions/1`)).json();
    expect(version.snapshot).toMatchObject({
      receiptNo: ra.receiptNo,
      title: '导师团队“一生一策”帮扶',
      attachments: [{ slot: 'case_document', name: '案例全文.pdf' }],
    });

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('entity_type', '=', 'submission')
      .where('entity_id', '=', a)
      .execute();
    expect(audit.map((x) => x.action)).toContain('submission.submitted');

    // The coordinator (another unit), the unit's officer and the author are told.
    const inbox = await t.db
      .selectFrom('inbox_messages')
      .select(['user_id', 'title', 'link'])
      .where('link', '=', `/submissions/${a}`)
      .execute();
    expect(new Set(inbox.map((m) => m.user_id))).toEqual(new Set([f.coordinatorId, people.officerId, people.mentorId]));
    expect(inbox[0]!.title).toContain(ra.receiptNo!);

    // Now the coordinator and the admin see it; a coordinator of another track does not.
    expect((await coordinator.get(`/api/submissions/${a}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/submissions/${a}`)).statusCode).toBe(200);
    const coordRes = await coordinator.get(`/api/submissions?trackId=${f.fz}&status=submitted&pageSize=200`);
    expect(coordRes.statusCode, coordRes.body).toBe(200);
    const coordList = coordRes.json<Page<SubmissionListItem>>();
    expect(coordList.items.map((i) => i.id)).toEqual(expect.arrayContaining([a, b]));
    expect(coordList.items.every((i) => i.status === 'submitted')).toBe(true);
    const byReceipt = (await admin.get(`/api/submissions?q=${ra.receiptNo}`)).json<Page<SubmissionListItem>>();
    expect(byReceipt.items.map((i) => i.id)).toEqual([a]);
  });

  it('a case of the coordinator’s own unit goes to the institute admins instead', async () => {
    const people = await unitPeople(t, f.hostUnit);
    const id = await readyCase(f, people);
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
    const admins = await t.db.selectFrom('user_roles').select('user_id').where('role', '=', 'institute_admin').execute();
    const inbox = await t.db.selectFrom('inbox_messages').select('user_id').where('link', '=', `/submissions/${id}`).execute();
    const told = new Set(inbox.map((m) => m.user_id));
    expect(told.has(f.coordinatorId)).toBe(false);
    for (const a of admins) expect(told.has(a.user_id)).toBe(true);
    expectError(await coordinator.get(`/api/submissions/${id}`), 403, 'own_unit_conflict');
  });

  it('is locked: no edits, students, attachments or deletion', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people);
    const submitted = (await submitRes(people.officer, id)).json<SubmissionDetail>();
    expectError(
      await people.mentor.patch(`/api/submissions/${id}`, { revision: submitted.revision, title: '改' }),
      409,
      'submission_locked',
    );
    expectError(
      await people.officer.request('PUT', `/api/submissions/${id}/students`, { revision: submitted.revision, students: [] }),
      409,
      'submission_locked',
    );
    expectError(
      await upload(people.officer, `/api/submissions/${id}/attachments?slot=evidence`, '照片.png', files.png()),
      409,
      'submission_locked',
    );
    expectError(
      await people.officer.delete(`/api/submissions/${id}/attachments/${submitted.attachments[0]!.id}`),
      409,
      'submission_locked',
    );
    expectError(await people.officer.delete(`/api/submissions/${id}`), 409, 'submission_locked');
    expectError(await people.officer.post(`/api/submissions/${id}/select`), 409, 'submission_locked');
    expectError(await submitRes(people.officer, id), 409, 'submission_locked');
  });

  it('withdraws before the deadline: a draft again, receipt kept, resubmission keeps the number and adds version 2', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people);
    const { receiptNo } = (await submitRes(people.officer, id)).json<SubmissionDetail>();
    expectError(await people.mentor.post(`/api/submissions/${id}/withdraw`), 403, 'not_unit_officer');
    const withdrawn = (await people.officer.post(`/api/submissions/${id}/withdraw`)).json<SubmissionDetail>();
    expect(withdrawn).toMatchObject({ status: 'draft', receiptNo });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(withdrawn.quota).toMatchObject({ used: 0 });
    expectError(await people.officer.post(`/api/submissions/${id}/withdraw`), 409, 'not_submitted');
    expectError(await admin.get(`/api/submissions/${id}`), 403, 'draft_private');
    const inbox = await t.db
      .selectFrom('inbox_messages')
      .select('title')
      .where('link', '=', `/submissions/${id}`)
      .where('template', '=', 'submission.withdrawn')
      .execute();
    expect(inbox.length).toBeGreaterThan(0);
    expect((await patch(people.mentor, id, { summary: '撤回后修改' })).statusCode).toBe(200);
    expectError(await submitRes(people.officer, id), 409, 'approval_outdated');
    await people.leader.post(`/api/submissions/${id}/approve`);
    const again = (await submitRes(people.officer, id)).json<SubmissionDetail>();
    expect(again).toMatchObject({ status: 'submitted', receiptNo, withdrawnAt: null });
    expect(again.versions.map((v) => v.versionNo)).toEqual([1, 2]);
  });

  it('cannot be withdrawn after the deadline', async () => {
    const { people } = await freshUnit();
    const id = await readyCase(f, people);
    expect((await submitRes(people.officer, id)).statusCode).toBe(200);
    const track = await t.db.selectFrom('tracks').select('submission_closes_at').where('id', '=', f.fz).executeTakeFirstOrThrow();
    await t.db
      .updateTable('tracks')
      .set({ submission_closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', f.fz)
      .execute();
    try {
      expect((await detailOf(people.officer, id)).abilities.withdraw).toEqual({ allowed: false, whyNot: 'deadline_passed' });
      expectError(await people.officer.post(`/api/submissions/${id}/withdraw`), 409, 'deadline_passed');
    } finally {
      await t.db.updateTable('tracks').set({ submission_closes_at: track.submission_closes_at! }).where('id', '=', f.fz).execute();
    }
  });

  it('once returned by the coordinator: editable again, resubmitted until the revision deadline, same receipt, quota counted once', async () => {
    const { unitId, people } = await freshUnit();
    await t.db.insertInto('track_quota_overrides').values({ track_id: f.fz, unit_id: unitId, quota: 1 }).execute();
    const id = await readyCase(f, people);
    const { receiptNo } = (await submitRes(people.officer, id)).json<SubmissionDetail>();
    // The coordinator's form check is another module's; its fact is returned_at after submitted_at.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.db.updateTable('submissions').set({ returned_at: new Date(), return_reasons: '请补充成效数据' }).where('id', '=', id).execute();
    const returned = await detailOf(people.officer, id);
    expect(returned.status).toBe('returned');
    expect(returned.abilities.edit.allowed).toBe(true);
    expect((await patch(people.mentor, id, { summary: '按意见补充' })).statusCode).toBe(200);
    await people.leader.post(`/api/submissions/${id}/approve`);

    const track = await t.db.selectFrom('tracks').selectAll().where('id', '=', f.fz).executeTakeFirstOrThrow();
    // The first deadline has passed but the revision deadline has not: still fine.
    await t.db
      .updateTable('tracks')
      .set({ submission_closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', f.fz)
      .execute();
    try {
      await t.db
        .updateTable('tracks')
        .set({ revision_closes_at: new Date(Date.now() - 1000) })
        .where('id', '=', f.fz)
        .execute();
      expectError(await submitRes(people.officer, id), 409, 'revision_deadline_passed');
      await t.db.updateTable('tracks').set({ revision_closes_at: track.revision_closes_at! }).where('id', '=', f.fz).execute();
      const again = await submitRes(people.officer, id);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json<SubmissionDetail>()).toMatchObject({
        status: 'submitted',
        receiptNo,
        versions: [{ versionNo: 1 }, { versionNo: 2 }],
      });
      expect(again.json<SubmissionDetail>().events.at(-1)!.action).toBe('resubmitted');
    } finally {
      await t.db
        .updateTable('tracks')
        .set({ submission_closes_at: track.submission_closes_at!, revision_closes_at: track.revision_closes_at! })
        .where('id', '=', f.fz)
        .execute();
    }
    const inbox = await t.db.selectFrom('inbox_messages').select('template').where('link', '=', `/submissions/${id}`).execute();
    expect(inbox.map((m) => m.template)).toContain('submission.resubmitted');
  });
});

describe('ambassador nominations', () => {
  it('needs exactly one nominee, eligible and consenting, nominated once per campaign', async () => {
    const { people } = await freshUnit();
    const other = (await freshUnit()).people;
    const id = (await people.officer.post('/api/submissions', { trackId: f.ds })).json<SubmissionDetail>().id;
    await patch(people.officer, id, {
      title: '宣传大使推荐',
      sections: { profile: words(200), growth: words(500), publicity: words(200) },
      contact: { name: '李老师', phone: '025-86000000' },
    });
    await people.officer.post(`/api/submissions/${id}/select`);
    await people.leader.post(`/api/submissions/${id}/approve`);
    const res = await submitRes(people.officer, id);
    expectError(res, 422, 'attachment_missing');
    expect(problemCodes(res)).toEqual(['attachment_missing', 'attachment_missing', 'nominee_missing']);
    // Implementation, collective and tags are case matters, not asked of a nomination.
    expect(problemCodes(res)).not.toContain('implementation_missing');

    const student = eligibleStudent(777);
    const first = await readyNomination(f, other, student);
    expect((await submitRes(other.officer, first)).statusCode).toBe(200);
    const second = await readyNomination(f, people, student);
    const dup = await submitRes(people.officer, second);
    expectError(dup, 409, 'nominee_duplicate');
    expect(dup.json().message).toContain(student.studentNo);
    const detail = await detailOf(people.officer, second);
    expect(detail.students).toEqual([expect.objectContaining({ role: 'nominee', studentNo: student.studentNo })]);
    // Once the other unit withdraws, the student is free again.
    await other.officer.post(`/api/submissions/${first}/withdraw`);
    expect((await submitRes(people.officer, second)).statusCode).toBe(200);
  });

  it('keeps a log of publicity activities with evidence files', async () => {
    const { people } = await freshUnit();
    const id = (await people.officer.post('/api/submissions', { trackId: f.ds })).json<SubmissionDetail>().id;
    expectError(
      await people.officer.post(`/api/submissions/${id}/activities`, {
        kind: 'party',
        title: 'x',
        heldOn: '2024-05-01',
        place: 'x',
        audience: 1,
      }),
      400,
      'validation_failed',
    );
    const created = await people.officer.post(`/api/submissions/${id}/activities`, {
      kind: 'alma_mater',
      title: '资助政策母校行',
      heldOn: '2024-05-01',
      place: '宿迁市某初级中学',
      audience: 120,
      description: '向初三学生讲解资助政策',
    });
    expect(created.statusCode).toBe(201);
    const activity = created.json<SubmissionDetail>().activities[0]!;
    expect(activity).toMatchObject({ kind: 'alma_mater', heldOn: '2024-05-01', audience: 120, evidence: [] });
    const withEvidence = await upload(
      people.officer,
      `/api/submissions/${id}/activities/${activity.id}/evidence`,
      '活动照片.png',
      files.png(),
    );
    expect(withEvidence.statusCode).toBe(201);
    const evidence = withEvidence.json<SubmissionDetail>().activities[0]!.evidence;
    expect(evidence).toEqual([expect.objectContaining({ name: '活动照片.png', kind: 'png' })]);
    const updated = await people.officer.patch(`/api/submissions/${id}/activities/${activity.id}`, {
      kind: 'village',
      title: '资助政策乡村行',
      heldOn: '2024-05-02',
      place: '村委会',
      audience: 40,
    });
    expect(updated.json<SubmissionDetail>().activities[0]).toMatchObject({ kind: 'village', audience: 40 });
    const removed = await people.officer.delete(`/api/submissions/${id}/activities/${activity.id}/evidence/${evidence[0]!.id}`);
    expect(removed.json<SubmissionDetail>().activities[0]!.evidence).toEqual([]);
    expect(await t.db.selectFrom('stored_files').select('id').where('id', '=', evidence[0]!.id).executeTakeFirst()).toBeUndefined();
    expect((await people.officer.delete(`/api/submissions/${id}/activities/${activity.id}`)).json<SubmissionDetail>().activities).toEqual(
      [],
    );

    const caseId = (await people.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    expectError(
      await people.mentor.post(`/api/submissions/${caseId}/activities`, {
        kind: 'other',
        title: 'x',
        heldOn: '2024-05-01',
        place: 'x',
        audience: 1,
      }),
      400,
      'not_ambassador_track',
    );
  });
});
