import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilingDto, FilingVersionDto, GridDto, LayoutDto } from '../../../../contracts/statistics.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';
import { seedStudent } from '../students/test-fixtures.ts';
import { files, seedCampaign, upload, type Fixture } from '../submissions/test-fixtures.ts';
import { Readable } from 'node:stream';
import { newStorageKey } from '../../storage/local-disk-storage.ts';
import { computeColumns } from './metrics.ts';
import { reportsZip } from './statistics.export.ts';
import { findCampaign } from './statistics.repository.ts';
import { loadCampaign } from './statistics.service.ts';
import { runStatisticsReminders } from './statistics.reminders.ts';

let t: TestApp;
let f: Fixture;
let admin: Client;
let officer: Client;
let leader: Client;
let otherOfficer: Client;
let mentor: Client;
let sy: number;

async function submission(
  trackId: number,
  unitId: number,
  state: { accepted?: boolean; withdrawn?: boolean; draft?: boolean; campaignId?: number },
) {
  const creator = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
  return (
    await t.db
      .insertInto('submissions')
      .values({
        campaign_id: state.campaignId ?? f.campaignId,
        track_id: trackId,
        unit_id: unitId,
        created_by: creator,
        sections: '{}',
        priority_tags: '[]',
        submitted_at: state.draft ? null : new Date(),
        accepted_at: state.accepted ? new Date() : null,
        withdrawn_at: state.withdrawn ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function decide(submissionId: number, trackId: number, outcome: 'provincial' | 'excellent', released: boolean) {
  await t.db
    .insertInto('review_decisions')
    .values({ submission_id: submissionId, track_id: trackId, outcome, released_at: released ? new Date() : null })
    .execute();
}

async function named(submissionId: number, studentNo: string, role: 'involved' | 'nominee' = 'involved') {
  await t.db
    .insertInto('submission_students')
    .values({ submission_id: submissionId, role, name: '学生', student_no: studentNo, programme: '五年制高职', grade: 4 })
    .execute();
}

async function activity(submissionId: number, kind: 'policy_talk' | 'village', audience: number) {
  await t.db
    .insertInto('ambassador_activities')
    .values({ submission_id: submissionId, kind, title: '宣讲', held_on: '2024-05-01', place: '礼堂', audience, evidence_file_ids: '[]' })
    .execute();
}

async function aid(studentId: number, on: string, fen: number, type = 'national_grant') {
  await t.db
    .insertInto('growth_archive_entries')
    .values({ student_id: studentId, kind: 'aid', occurred_on: on, aid_type: type, amount_fen: fen })
    .execute();
}

async function identify(
  studentId: number,
  unitId: number,
  schoolYear: string,
  levelId: number,
  status: 'confirmed' | 'applied' = 'confirmed',
) {
  await t.db
    .insertInto('identifications')
    .values({
      student_id: studentId,
      unit_id: unitId,
      school_year: schoolYear,
      status,
      pledge_signed_on: '2023-09-10',
      stated_situation: '家庭困难',
      level_id: levelId,
    })
    .execute();
}

const compute = async (metric: string, param?: string) =>
  (
    await computeColumns(t.db, { campaignId: f.campaignId, schoolYear: '2023-2024', unitIds: [f.unit, f.otherUnit] }, [
      { key: 'x', metric, ...(param ? { param } : {}) },
    ])
  ).get('x')!;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  sy = (
    await t.db
      .insertInto('tracks')
      .values({
        campaign_id: f.campaignId,
        code: 'SY',
        name: '生涯规划指导优秀案例',
        kind: 'case',
        form_template: '{"sections":[],"attachmentSlots":[]}',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await t.user({ roles: ['institute_admin'], username: 'stat-admin' });
  const o = await t.user({ roles: ['unit_officer'], unitId: f.unit, username: 'stat-officer', email: 'officer@example.cn' });
  await t.user({ roles: ['unit_leader'], unitId: f.unit, username: 'stat-leader' });
  await t.user({ roles: ['unit_officer'], unitId: f.otherUnit, username: 'stat-other', email: 'other@example.cn' });
  await t.user({ roles: ['mentor'], unitId: f.unit, username: 'stat-mentor' });
  void o;
  admin = await t.login('stat-admin');
  officer = await t.login('stat-officer');
  leader = await t.login('stat-leader');
  otherOfficer = await t.login('stat-other');
  mentor = await t.login('stat-mentor');

  // Campaign records: unit — FZ: 2 submitted (1 accepted), 1 withdrawn, 1 draft; SY: 1 submitted; DS: 2 nominations.
  const a = await submission(f.fz, f.unit, { accepted: true });
  const b = await submission(f.fz, f.unit, {});
  await submission(f.fz, f.unit, { withdrawn: true });
  await submission(f.fz, f.unit, { draft: true });
  const c = await submission(sy, f.unit, { accepted: true });
  await named(a, 'S1');
  await named(a, 'S2');
  await named(b, 'S2'); // the same student in two cases counts once
  await named(c, 'S3');
  const n1 = await submission(f.ds, f.unit, {});
  const n2 = await submission(f.ds, f.unit, {});
  await activity(n1, 'policy_talk', 120);
  await activity(n1, 'village', 80);
  await activity(n2, 'policy_talk', 30);
  // The other unit: 1 FZ submitted with 1 student, 1 nomination with an activity.
  const d = await submission(f.fz, f.otherUnit, {});
  await named(d, 'S9');
  const n3 = await submission(f.ds, f.otherUnit, {});
  await activity(n3, 'policy_talk', 999);
  // Another year's campaign never counts.
  const old = await t.db
    .insertInto('campaigns')
    .values({ year: 2023, title: '2023年活动', settings: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const oldCase = await submission(f.fz, f.unit, { campaignId: old.id });
  // The institute's decisions (issue 4): only released 推荐省级 count. Unit — FZ a: provincial, released;
  // FZ b: provincial, staged (not released); SY c: 学院优秀, released; DS n1: provincial, released.
  // The other unit's d: provincial, released. The old campaign's case: provincial, released.
  await decide(a, f.fz, 'provincial', true);
  await decide(b, f.fz, 'provincial', false);
  await decide(c, sy, 'excellent', true);
  await decide(n1, f.ds, 'provincial', true);
  await decide(d, f.fz, 'provincial', true);
  await decide(oldCase, f.fz, 'provincial', true);

  // Year-round records of school year 2023-2024.
  const levels = await t.db.selectFrom('identification_levels').select(['id', 'name']).orderBy('sort_order').execute();
  const s1 = (await seedStudent(t, f.unit)).id;
  const s2 = (await seedStudent(t, f.unit)).id;
  const s3 = (await seedStudent(t, f.unit)).id;
  const s9 = (await seedStudent(t, f.otherUnit)).id;
  await identify(s1, f.unit, '2023-2024', levels[0]!.id);
  await identify(s2, f.unit, '2023-2024', levels[1]!.id);
  await identify(s3, f.unit, '2023-2024', levels[1]!.id, 'applied'); // not yet confirmed
  await identify(s3, f.unit, '2022-2023', levels[0]!.id); // another year
  await identify(s9, f.otherUnit, '2023-2024', levels[0]!.id);
  // s1 visited (completed, before the re-check); s2 visited after its confirmation date does not count.
  const creator = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
  const visit = (studentId: number, on: string) =>
    t.db
      .insertInto('home_visits')
      .values({
        student_id: studentId,
        unit_id: f.unit,
        visited_on: on,
        school_year: '2023-2024',
        mode: 'on_site',
        completed_at: new Date(`${on}T12:00:00+08:00`),
        completed_by: creator,
        created_by: creator,
      })
      .execute();
  await visit(s1, '2023-10-01');
  await visit(s2, '2024-06-01');
  await t.db
    .updateTable('identifications')
    .set({ rechecked_at: new Date('2024-03-01T10:00:00+08:00') })
    .where('school_year', '=', '2023-2024')
    .execute();
  await aid(s1, '2023-10-01', 150_000);
  await aid(s1, '2024-03-01', 150_000, 'work_study');
  await aid(s2, '2024-08-31', 50_050);
  await aid(s2, '2024-09-01', 99_999_00); // next school year
  await aid(s9, '2024-01-01', 77_700);
  await t.db
    .insertInto('growth_archive_entries')
    .values({ student_id: s1, kind: 'activity', occurred_on: '2024-04-01', activity_type: 'study_practice', title: '研学' })
    .execute();
  await t.db
    .insertInto('seminars')
    .values({ unit_id: f.unit, held_on: '2023-10-10', topic: '研讨', participant_count: 5, participant_names: '[]' })
    .execute();
  await t.db
    .insertInto('seminars')
    .values({ unit_id: f.unit, held_on: '2024-04-10', topic: '研讨', participant_count: 5, participant_names: '[]' })
    .execute();
  await t.db
    .insertInto('seminars')
    .values({ unit_id: f.unit, held_on: '2024-10-10', topic: '下一学年', participant_count: 5, participant_names: '[]' })
    .execute();
  await t.db
    .insertInto('seminars')
    .values({ unit_id: f.otherUnit, held_on: '2024-04-10', topic: '研讨', participant_count: 5, participant_names: '[]' })
    .execute();
  await t.db
    .insertInto('support_centers')
    .values({ unit_id: f.unit, name: '学生发展支持中心', established_on: '2023-09-01', place: '行政楼', staff: '[]', services: '[]' })
    .execute();
  await t.db.insertInto('reward_schemes').values({ unit_id: f.unit, title: '成长奖励办法', adopted_on: '2023-09-01' }).execute();
  const item = await t.db
    .insertInto('reward_items')
    .values({ unit_id: f.unit, name: '进步奖', criteria: '进步明显' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('reward_awards')
    .values({ unit_id: f.unit, item_id: item.id, student_id: s1, awarded_on: '2024-05-01', school_year: '2023-2024' })
    .execute();
  await t.db
    .insertInto('reward_awards')
    .values({ unit_id: f.unit, item_id: item.id, student_id: s2, awarded_on: '2022-05-01', school_year: '2021-2022' })
    .execute();
  await t.db
    .insertInto('key_target_flags')
    .values({ student_id: s1, school_year: '2023-2024', flag: 'academic', department: '护理系' })
    .execute();
  await t.db
    .insertInto('key_target_flags')
    .values({ student_id: s2, school_year: '2023-2024', flag: 'mental_health', department: '护理系' })
    .execute();
  const mentorId = (await t.db.selectFrom('users').select('id').where('username', '=', 'stat-mentor').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('mentor_assignments').values({ student_id: s1, mentor_id: mentorId }).execute();
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('metrics, each against a hand-counted fixture (unit vs other unit; other years excluded)', () => {
  const cases: [string, string | undefined, number | null, number | null][] = [
    // metric, param, unit, other unit
    ['cases_submitted', 'FZ', 2, 1],
    ['cases_submitted', 'SY', 1, 0],
    ['cases_submitted', 'all', 3, 1],
    ['cases_accepted', 'FZ', 1, 0],
    ['cases_accepted', 'all', 2, 0],
    ['cases_recommended', 'FZ', 1, 1],
    ['cases_recommended', 'SY', 0, 0],
    ['cases_recommended', 'DS', 1, 0],
    ['cases_recommended', 'all', 1, 1],
    ['students_named', undefined, 3, 1],
    ['ambassadors_nominated', undefined, 2, 1],
    ['activities_held', 'all', 3, 1],
    ['activities_held', 'village', 1, 0],
    ['activity_audience', 'all', 230, 999],
    ['activity_audience', 'policy_talk', 150, 999],
    ['identified_students', 'all', 2, 1],
    ['archive_aided', undefined, 2, 1],
    ['archive_rate', undefined, 50, 0],
    ['key_targets', undefined, 2, 0],
    ['key_targets_mentored', undefined, 1, 0],
    ['mentor_rate', undefined, 50, null],
    ['seminars_held', undefined, 2, 1],
    ['support_center', undefined, 1, 0],
    ['reward_scheme', undefined, 1, 0],
    ['awards_given', undefined, 1, 0],
    ['aid_amount', 'all', 3500.5, 777],
    ['aid_amount', 'work_study', 1500, 0],
    ['visit_first_covered', undefined, 1, 0],
    ['visit_first_rate', undefined, 50, 0],
  ];
  it.each(cases)('%s(%s): unit %s, other unit %s', async (metric, param, mine, other) => {
    const values = await compute(metric, param);
    expect(values.get(f.unit)).toBe(mine);
    expect(values.get(f.otherUnit)).toBe(other);
  });

  it('counts identified students per level', async () => {
    const levels = await t.db.selectFrom('identification_levels').select('id').orderBy('sort_order').execute();
    expect((await compute('identified_students', String(levels[0]!.id))).get(f.unit)).toBe(1);
    expect((await compute('identified_students', String(levels[1]!.id))).get(f.unit)).toBe(1);
  });
});

/** A cell note read back by exceljs: a string, or rich-text runs. */
function noteText(note: ExcelJS.Cell['note']): string | undefined {
  if (note === undefined || typeof note === 'string') return note;
  return (note.texts ?? []).map((x) => x.text).join('');
}

const base = () => `/api/statistics/campaigns/${f.campaignId}`;
const mine = () => `${base()}/filings/${f.unit}`;

describe('layout', () => {
  it('refuses anonymous users, mentors and non-admin edits; bad layouts are 400', async () => {
    await expectError(await t.anonymous().get(`${base()}/layout`), 401, 'unauthenticated');
    await expectError(await mentor.get(`${base()}/layout`), 403, 'statistics_forbidden');
    const layout = (await officer.get(`${base()}/layout`)).json() as LayoutDto;
    await expectError(
      await officer.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: layout.deadlineAt }),
      403,
      'not_institute_admin',
    );
    await expectError(
      await admin.request('PUT', `${base()}/layout`, {
        columns: [{ key: 'a', group: '', header: 'A', kind: 'computed', metric: 'nope' }],
        deadlineAt: layout.deadlineAt,
      }),
      400,
      'statistics_metric_unknown',
    );
    await expectError(
      await admin.request('PUT', `${base()}/layout`, { columns: [], deadlineAt: layout.deadlineAt }),
      400,
      'validation_failed',
    );
  });

  it('creates the default layout on first open, with the deadline 9月20日 23:59 Beijing time', async () => {
    const layout = (await admin.get(`${base()}/layout`)).json() as LayoutDto;
    expect(layout.deadlineAt).toBe('2024-09-20T15:59:00.000Z');
    expect(layout.schoolYear).toBe('2023-2024');
    expect(new Set(layout.columns.map((c) => c.group))).toEqual(
      new Set([
        '发展型资助育人优秀案例',
        '生涯规划指导优秀案例',
        '研学实践优秀案例',
        '江苏学生资助宣传大使',
        '六个全覆盖',
        '学生资助',
        '单位填报',
      ]),
    );
    expect(layout.columns.filter((c) => c.metric === 'cases_recommended').map((c) => c.param)).toEqual(['FZ', 'SY', 'YX', 'DS']);
    expect(layout.metrics.find((m) => m.key === 'cases_recommended')?.note).toBeNull();
  });
});

describe('a unit files its table', () => {
  const future = new Date(Date.now() + 10 * 24 * 3600_000).toISOString();
  beforeAll(async () => {
    const layout = (await admin.get(`${base()}/layout`)).json() as LayoutDto;
    const res = await admin.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: future });
    expect(res.statusCode).toBe(200);
  });

  it('shows computed values pre-filled; another unit cannot see it', async () => {
    await expectError(await otherOfficer.get(mine()), 403, 'not_own_unit');
    const dto = (await officer.get(mine())).json() as FilingDto;
    expect(dto.state).toBe('not_started');
    expect(dto.cells.find((c) => c.key === 'fz_submitted')).toMatchObject({ computed: 2, value: 2, override: null });
    expect(dto.abilities.submit).toBe(false);
  });

  it('overrides only with a reason, keeping both values; only the officer edits', async () => {
    await expectError(await officer.request('PUT', `${mine()}/overrides/fz_submitted`, { value: 3 }), 400, 'validation_failed');
    await expectError(
      await officer.request('PUT', `${mine()}/overrides/remarks`, { value: 3, reason: '补充说明理由' }),
      400,
      'statistics_column_not_computed',
    );
    await expectError(
      await leader.request('PUT', `${mine()}/overrides/fz_submitted`, { value: 3, reason: '线下报送一项' }),
      403,
      'statistics_not_officer',
    );
    // The reason goes upward (a note in the exported table): it may not carry a student's phone number.
    const leaking = await officer.request('PUT', `${mine()}/overrides/fz_submitted`, { value: 3, reason: '学生电话 13912345678 核实' });
    await expectError(leaking, 422, 'text_contains_pii');
    expect(leaking.body).not.toContain('13912345678');
    const res = await officer.request('PUT', `${mine()}/overrides/fz_submitted`, { value: 3, reason: '另有一项线下报送' });
    expect(res.statusCode).toBe(200);
    const cell = (res.json() as FilingDto).cells.find((c) => c.key === 'fz_submitted')!;
    expect(cell).toMatchObject({ computed: 2, value: 3, override: { value: 3, computedAtOverride: 2, reason: '另有一项线下报送' } });
  });

  it('refuses to submit without report, entries and sign-off, then submits and locks', async () => {
    await expectError(await officer.post(`${mine()}/submit`), 422, 'statistics_report_missing');
    const pii = await officer.request('PUT', `${mine()}/report`, {
      sections: [{ title: '一、活动开展情况', body: '受助学生电话 13912345678。' }],
    });
    await expectError(pii, 422, 'text_contains_pii');
    expect(pii.body).not.toContain('13912345678');
    await officer.request('PUT', `${mine()}/report`, { sections: [{ title: '一、活动开展情况', body: '本单位开展了系列活动。' }] });
    await expectError(await officer.post(`${mine()}/submit`), 422, 'statistics_entries_missing');
    await officer.request('PUT', `${mine()}/values`, { values: { other_activities: 4, remarks: '无' } });
    await expectError(await officer.post(`${mine()}/submit`), 422, 'statistics_not_signed_off');
    await expectError(await officer.post(`${mine()}/sign-off`), 403, 'statistics_not_leader');
    expect((await leader.post(`${mine()}/sign-off`)).statusCode).toBe(200);
    // A change after sign-off needs a new sign-off.
    await officer.request('PUT', `${mine()}/values`, { values: { other_activities: 5 } });
    await expectError(await officer.post(`${mine()}/submit`), 422, 'statistics_not_signed_off');
    await leader.post(`${mine()}/sign-off`);
    const res = await officer.post(`${mine()}/submit`);
    expect(res.statusCode).toBe(200);
    const dto = res.json() as FilingDto;
    expect(dto.state).toBe('submitted');
    expect(dto.versions).toHaveLength(1);
    await expectError(
      await officer.request('PUT', `${mine()}/values`, { values: { other_activities: 6 } }),
      409,
      'statistics_filing_locked',
    );
  });

  it('keeps submitted values and shows where today differs', async () => {
    await submission(f.fz, f.unit, {}); // a new case after submission
    const dto = (await officer.get(mine())).json() as FilingDto;
    const cell = dto.cells.find((c) => c.key === 'fz_submitted')!;
    expect(cell).toMatchObject({ computed: 3, value: 3, differsFromToday: true });
    expect(dto.cells.find((c) => c.key === 'fz_accepted')!.differsFromToday).toBe(false);
  });

  it('the institute sees the grid with totals, overrides and who has not filed', async () => {
    await expectError(await officer.get(`${base()}/grid`), 403, 'not_institute_admin');
    await expectError(await admin.get(`${base()}/grid?region=east`), 400, 'validation_failed');
    const grid = (await admin.get(`${base()}/grid`)).json() as GridDto;
    const k = grid.columns.findIndex((c) => c.key === 'fz_submitted');
    const row = grid.rows.find((r) => r.unit.id === f.unit)!;
    expect(row.state).toBe('submitted');
    expect(row.overrides[k]).toEqual({ computed: 2, reason: '另有一项线下报送' });
    expect(row.overrides[k + 1]).toBeNull();
    expect(grid.totals[k]).toBe(grid.rows.reduce((s, r) => s + Number(r.values[k] ?? 0), 0));
    expect(grid.notFiled.map((u) => u.id)).toContain(f.otherUnit);
    expect(grid.notFiled.map((u) => u.id)).not.toContain(f.unit);
    const south = (await admin.get(`${base()}/grid?region=north`)).json() as GridDto;
    expect(south.rows.map((r) => r.unit.id)).toEqual([f.hostUnit]);
  });

  it("counts the records of the school year the institute chose (the campaign year's by default)", async () => {
    const identifiedOfOther = async () => {
      const grid = (await admin.get(`${base()}/grid`)).json() as GridDto;
      const k = grid.columns.findIndex((c) => c.key === 'identified_all');
      return grid.rows.find((r) => r.unit.id === f.otherUnit)!.values[k];
    };
    const layout = (await admin.get(`${base()}/layout`)).json() as LayoutDto;
    expect(layout.schoolYear).toBe('2023-2024');
    // The other unit (not filed, so live figures) identified one student in 2023-2024, none in 2022-2023.
    expect(await identifiedOfOther()).toBe(1);
    await expectError(
      await admin.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: layout.deadlineAt, schoolYear: '2022-2024' }),
      400,
      'validation_failed',
    );
    const changed = await admin.request('PUT', `${base()}/layout`, {
      columns: layout.columns,
      deadlineAt: layout.deadlineAt,
      schoolYear: '2022-2023',
    });
    expect(changed.statusCode).toBe(200);
    expect(((await admin.get(`${base()}/layout`)).json() as LayoutDto).schoolYear).toBe('2022-2023');
    expect(await identifiedOfOther()).toBe(0);
    await admin.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: layout.deadlineAt, schoolYear: '2023-2024' });
    expect(await identifiedOfOther()).toBe(1);
  });

  it('reminds late units by mail and inbox, once a day', async () => {
    await expectError(await officer.post(`${base()}/reminders`, {}), 403, 'not_institute_admin');
    const res = await admin.post(`${base()}/reminders`, {});
    // Late: the other unit (has an officer) and the host unit (no officer: said so, by name).
    expect(res.json()).toEqual({ units: 1, alreadyReminded: 0, withoutOfficer: ['徐州经贸分院'] });
    // Again the same day: nothing is sent twice, and the answer says so.
    expect((await admin.post(`${base()}/reminders`, {})).json()).toEqual({
      units: 0,
      alreadyReminded: 1,
      withoutOfficer: ['徐州经贸分院'],
    });
    const inbox = await t.db.selectFrom('inbox_messages').select(['user_id', 'title']).where('title', 'like', '统计表报送提醒%').execute();
    expect(inbox).toHaveLength(1);
    const mails = await t.db.selectFrom('outbox_emails').select('to_address').where('template', '=', 'statistics.reminder').execute();
    expect(mails.map((m) => m.to_address)).toEqual(['other@example.cn']);
  });

  it('exports the aggregate with merged group headers and totals equal to the sum of rows', async () => {
    await expectError(await officer.get(`${base()}/aggregate.xlsx`), 403, 'not_institute_admin');
    const res = await admin.get(`${base()}/aggregate.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // 发展型资助育人优秀案例 spans its three columns (D2:F2) above 报送数 / 通过形式审查 / 推荐省级.
    expect(merges).toContain('D2:F2');
    expect(ws.getCell('D2').value).toBe('发展型资助育人优秀案例');
    expect(ws.getCell('D3').value).toBe('报送数');
    expect(ws.getCell('F3').value).toBe('推荐省级');
    const units = 3;
    const totalsRow = ws.getRow(3 + units + 1);
    expect(totalsRow.getCell(1).value).toBe('合计');
    let sum = 0;
    for (let r = 4; r < 4 + units; r++) sum += Number(ws.getRow(r).getCell(4).value ?? 0);
    expect(totalsRow.getCell(4).value).toBe(sum);
    expect(sum).toBe(3 + 1);
    // The unit's override is marked: a fill, and a note with the computed figure and the reason; other cells are plain.
    const unitRow = [4, 5, 6].map((r) => ws.getRow(r)).find((r) => r.getCell(2).value === '南京工程分院')!;
    const overridden = unitRow.getCell(4);
    expect(overridden.value).toBe(3);
    expect(overridden.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7BA' } });
    expect(noteText(overridden.note)).toBe('单位更正。系统统计:2;更正理由:另有一项线下报送');
    expect(unitRow.getCell(5).note).toBeUndefined();
    expect(unitRow.getCell(5).fill).not.toMatchObject({ pattern: 'solid' });
    expect(String(ws.getRow(totalsRow.number + 1).getCell(1).value)).toContain('底色标出的数值为单位更正后的数值');
    // The unit's own table marks it the same way.
    const own = new ExcelJS.Workbook();
    await own.xlsx.load((await officer.get(`${mine()}/table.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(noteText(own.worksheets[0]!.getRow(4).getCell(4).note)).toContain('更正理由:另有一项线下报送');
  });

  it('exports the reports as .zip and a .docx digest, and the unit its own table', async () => {
    await expectError(await officer.get(`${base()}/reports.zip`), 403, 'not_institute_admin');
    const zip = await admin.get(`${base()}/reports.zip`);
    expect(zip.statusCode).toBe(200);
    // Streamed with its size announced (so the browser shows progress); the Chinese names carry the UTF-8 flag (bit 11).
    expect(Number(zip.headers['content-length'])).toBe(zip.rawPayload.length);
    expect(zip.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.rawPayload.readUInt16LE(6) & 0x0800).toBe(0x0800);
    const archive = await JSZip.loadAsync(zip.rawPayload);
    const report = Object.keys(archive.files).find((n) => n.endsWith('/总结报告.txt'))!;
    expect(report).toContain('南京工程分院');
    expect(await archive.file(report)!.async('string')).toContain('本单位开展了系列活动。');
    expect(await archive.file('未提交总结报告的单位.txt')!.async('string')).toContain('苏州分院');
    const docx = await admin.get(`${base()}/digest.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('本单位开展了系列活动。');
    expect(xml).toContain('苏州分院');
    const own = await officer.get(`${mine()}/table.xlsx`);
    expect(own.statusCode).toBe(200);
    await expectError(await otherOfficer.get(`${mine()}/table.xlsx`), 403, 'not_own_unit');
  });

  it('the institute reopens a submitted filing with a reason; the other unit past the deadline is refused', async () => {
    await expectError(await officer.post(`${mine()}/reopen`, { reason: 'data_error' }), 403, 'not_institute_admin');
    await expectError(await admin.post(`${mine()}/reopen`, { reason: 'because' }), 400, 'validation_failed');
    const res = await admin.post(`${mine()}/reopen`, { reason: 'data_error', note: '数字有误' });
    expect((res.json() as FilingDto).state).toBe('draft');
    // The unit's officer and leader are told why (inbox + mail), nobody else.
    const told = await t.db
      .selectFrom('inbox_messages as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.username', 'm.body'])
      .where('m.template', '=', 'statistics.reopened')
      .execute();
    expect(told.map((m) => m.username).sort()).toEqual(['stat-leader', 'stat-officer']);
    expect(told[0]!.body).toContain('数据有误需重报(数字有误)');
    expect((await officer.request('PUT', `${mine()}/values`, { values: { other_activities: 7 } })).statusCode).toBe(200);

    const layout = (await admin.get(`${base()}/layout`)).json() as LayoutDto;
    await admin.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: new Date(Date.now() - 3600_000).toISOString() });
    const other = `${base()}/filings/${f.otherUnit}`;
    await expectError(
      await otherOfficer.request('PUT', `${other}/values`, { values: { other_activities: 1 } }),
      409,
      'statistics_deadline_passed',
    );
    // The reopened unit may still work past the deadline.
    expect((await officer.request('PUT', `${mine()}/values`, { values: { other_activities: 8 } })).statusCode).toBe(200);
  });

  it('uploads a report file (.docx/.pdf only)', async () => {
    await expectError(await upload(officer, `${mine()}/report-file`, 'x.png', files.png()), 415, 'file_type_not_allowed');
    const leaking = await upload(officer, `${mine()}/report-file`, '总结报告.docx', await files.docx('联系受助学生,电话 13912345678'));
    await expectError(leaking, 422, 'text_contains_pii');
    expect(leaking.body).not.toContain('13912345678');
    expect((await officer.get(mine())).json().reportFile).toBeNull();
    const res = await upload(officer, `${mine()}/report-file`, '总结报告.pdf', files.pdf());
    expect(res.statusCode).toBe(200);
    expect((res.json() as FilingDto).reportFile?.name).toBe('总结报告.pdf');
    // The institute's zip carries the uploaded file, byte for byte, under the unit's folder.
    const archive = await JSZip.loadAsync((await admin.get(`${base()}/reports.zip`)).rawPayload);
    const name = Object.keys(archive.files).find((n) => n.includes('南京工程分院') && n.endsWith('/总结报告.pdf'))!;
    expect(Buffer.from(await archive.file(name)!.async('uint8array')).equals(files.pdf())).toBe(true);
  });

  it('a reopened and resubmitted filing keeps the earlier version: who, when, its figures and its report', async () => {
    await expectError(await officer.get(`${mine()}/versions/1`), 404, 'not_found');
    await expectError(await otherOfficer.get(`${mine()}/versions/1`), 403, 'not_own_unit');
    await leader.post(`${mine()}/sign-off`);
    expect((await officer.post(`${mine()}/submit`)).statusCode).toBe(200);
    const dto = (await admin.get(mine())).json() as FilingDto;
    expect(dto.versions).toHaveLength(2);
    const [first, second] = dto.versions;
    expect(first).toMatchObject({ by: expect.any(String), signedOff: { by: expect.any(String) } });
    expect(first!.by).toBeTruthy();
    expect(second!.version).toBeGreaterThan(first!.version);
    const earlier = (await admin.get(`${mine()}/versions/${first!.version}`)).json() as FilingVersionDto;
    const later = (await officer.get(`${mine()}/versions/${second!.version}`)).json() as FilingVersionDto;
    const k = earlier.columns.findIndex((c) => c.key === 'other_activities');
    expect(earlier.values[k]).toBe(5);
    expect(later.values[k]).toBe(8);
    expect(earlier.overrides[earlier.columns.findIndex((c) => c.key === 'fz_submitted')]).toEqual({
      computed: 2,
      reason: '另有一项线下报送',
    });
    expect(earlier.reportSections[0]?.body).toBe('本单位开展了系列活动。');
    expect(earlier.reportFile).toBeNull();
    expect(later.reportFile?.name).toBe('总结报告.pdf');
    await expectError(await admin.get(`${mine()}/versions/${first!.version}/report-file`), 404, 'not_found');
    const file = await admin.get(`${mine()}/versions/${second!.version}/report-file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(files.pdf())).toBe(true);
  });
});

describe('all reports as one streamed .zip', () => {
  it('closes the stored file it was reading when the download is cut short', async () => {
    // The other unit's report: a 6 MB file, stored for real.
    const key = newStorageKey('pdf');
    const bytes = files.pdf(6 * 1024 * 1024);
    await t.app.storage.put(key, Readable.from([bytes]));
    const file = await t.db
      .insertInto('stored_files')
      .values({
        storage_key: key,
        original_name: '报告.pdf',
        mime_type: 'application/pdf',
        extension: 'pdf',
        size_bytes: bytes.length,
        sha256: '0'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('statistics_filings')
      .values({ campaign_id: f.campaignId, unit_id: f.otherUnit, report_file_id: file.id })
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doUpdateSet({ report_file_id: file.id }))
      .execute();
    const opened: Readable[] = [];
    const storage = {
      ...t.app.storage,
      exists: (k: string) => t.app.storage.exists(k),
      createReadStream: (k: string) => {
        const r = t.app.storage.createReadStream(k);
        opened.push(r);
        return r;
      },
    };
    const campaign = (await findCampaign(t.db, f.campaignId))!;
    const zip = await reportsZip(t.db, storage as typeof t.app.storage, await loadCampaign(t.db, campaign));
    expect(zip.size).toBeGreaterThan(bytes.length);
    // Read until the big file is being sent, then go away as a closed browser would.
    let received = 0;
    for await (const chunk of zip.stream) {
      received += (chunk as Buffer).length;
      if (received > 1024 * 1024) break; // breaking out of for-await destroys the stream
    }
    await new Promise((r) => setTimeout(r, 100));
    const big = opened.find((r) => (r as unknown as { path?: string }).path?.endsWith(key.split('/').pop()!));
    expect(big).toBeDefined();
    expect(big!.destroyed).toBe(true);
  });
});

describe('automatic reminders 7 days and 1 day before the deadline', () => {
  it('sends each window once to units not submitted', async () => {
    const layout = (await admin.get(`${base()}/layout`)).json() as LayoutDto;
    const deadline = new Date(Date.now() + 5 * 24 * 3600_000);
    await admin.request('PUT', `${base()}/layout`, { columns: layout.columns, deadlineAt: deadline.toISOString() });
    const before = await t.db.selectFrom('inbox_messages').select('id').where('title', 'like', '统计表报送提醒%').execute();
    // Late with an officer: only the other unit (the unit has resubmitted; the host unit has no officer).
    expect(await runStatisticsReminders(t.db)).toBe(1);
    expect(await runStatisticsReminders(t.db)).toBe(0); // the same window again: nothing new
    const after = await t.db.selectFrom('inbox_messages').select('id').where('title', 'like', '统计表报送提醒%').execute();
    expect(after.length - before.length).toBe(1);
    expect(await runStatisticsReminders(t.db, new Date(deadline.getTime() - 3600_000))).toBe(1); // the 1-day window
    expect(await runStatisticsReminders(t.db, new Date(deadline.getTime() - 10 * 24 * 3600_000))).toBe(0);
  });
});
