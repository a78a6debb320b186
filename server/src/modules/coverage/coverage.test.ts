import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport, DrillDown } from '../../../../contracts/coverage.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';

/**
 * One school year (2025-2026, first semester) in two units written straight
 * into the tables, with the expected figures worked out by hand below. Records
 * of another year or another unit must never count.
 */
const YEAR = '2025-2026';
const q = `schoolYear=${YEAR}&semester=first`;

let t: TestApp;
let unitA: number;
let unitB: number;
let admin: Client;
let officerA: Client;
let leaderB: Client;
let mentorA: Client;
let reviewer: Client;
const ids: Record<string, number> = {};

async function identify(studentId: number, unitId: number, schoolYear: string, status: string, recheckedAt: string | null) {
  await sql`insert into identifications (student_id, unit_id, school_year, status, pledge_signed_on, stated_situation, rechecked_at)
    values (${studentId}, ${unitId}, ${schoolYear}, ${status}, ${`${schoolYear.slice(0, 4)}-09-10`}, '家庭困难', ${recheckedAt})`.execute(
    t.db,
  );
}
async function visit(studentId: number, unitId: number, visitedOn: string, completed: boolean, userId: number) {
  const year =
    Number(visitedOn.slice(5, 7)) >= 9
      ? `${visitedOn.slice(0, 4)}-${Number(visitedOn.slice(0, 4)) + 1}`
      : `${Number(visitedOn.slice(0, 4)) - 1}-${visitedOn.slice(0, 4)}`;
  await sql`insert into home_visits (student_id, unit_id, visited_on, school_year, mode, completed_at, created_by)
    values (${studentId}, ${unitId}, ${visitedOn}, ${year}, 'on_site', ${completed ? sql`now()` : null}, ${userId})`.execute(t.db);
}
async function entry(studentId: number, kind: 'aid' | 'activity' | 'note', occurredOn: string) {
  const fields = {
    aid: sql`'national_grant', 200000, null, null, null`,
    activity: sql`null, null, 'career_planning', '生涯规划讲座', null`,
    note: sql`null, null, null, null, '谈心谈话记录'`,
  }[kind];
  await sql`insert into growth_archive_entries (student_id, kind, occurred_on, aid_type, amount_fen, activity_type, title, body)
    values (${studentId}, ${kind}, ${occurredOn}, ${fields})`.execute(t.db);
}

beforeAll(async () => {
  t = await createTestApp();
  unitA = await t.unit({ name: '覆盖甲分院', city: '南京' });
  unitB = await t.unit({ name: '覆盖乙分院', city: '徐州' });
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
  const officer = await t.user({ roles: ['unit_officer'], unitId: unitA });
  officerA = await t.login(officer.username);
  leaderB = await t.login((await t.user({ roles: ['unit_leader'], unitId: unitB })).username);
  const teacher = await t.user({ roles: ['mentor'], unitId: unitA });
  mentorA = await t.login(teacher.username);
  reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);

  // Unit A: four students identified in 2025-2026 and one the year before.
  for (const name of ['甲一', '甲二', '甲三', '甲四', '甲旧']) ids[name] = (await seedStudent(t, unitA, { name })).id;
  ids.乙一 = (await seedStudent(t, unitB, { name: '乙一' })).id;
  const confirmed = '2025-10-20T02:00:00Z';
  await identify(ids.甲一!, unitA, YEAR, 'confirmed', confirmed); // visit before: counts
  await identify(ids.甲二!, unitA, YEAR, 'archived', confirmed); // visit before: counts
  await identify(ids.甲三!, unitA, YEAR, 'in_notice', confirmed); // visit only after the confirmation: missing
  await identify(ids.甲四!, unitA, YEAR, 'proposed', null); // not identified yet: not counted
  await identify(ids.甲旧!, unitA, '2024-2025', 'archived', '2024-10-20T02:00:00Z'); // last year: not counted
  await identify(ids.乙一!, unitB, YEAR, 'confirmed', confirmed); // unit B, draft visit only: missing
  await visit(ids.甲一!, unitA, '2025-10-08', true, officer.id);
  await visit(ids.甲二!, unitA, '2025-10-20', true, officer.id);
  await visit(ids.甲三!, unitA, '2025-10-28', true, officer.id);
  await visit(ids.乙一!, unitB, '2025-10-08', false, officer.id);

  // Key targets 2025-2026: 甲一 (mentored) and 甲二 (two flags, no mentor); 甲三's flag was cleared; 甲旧's is last year's.
  const flag = (studentId: number, year: string, flagName: string, cleared = false) =>
    sql`insert into key_target_flags (student_id, school_year, flag, department, cleared_at)
      values (${studentId}, ${year}, ${flagName}, '学生工作处', ${cleared ? sql`now()` : null})`.execute(t.db);
  await flag(ids.甲一!, YEAR, 'academic');
  await flag(ids.甲二!, YEAR, 'academic');
  await flag(ids.甲二!, YEAR, 'mental_health');
  await flag(ids.甲三!, YEAR, 'behaviour', true);
  await flag(ids.甲旧!, '2024-2025', 'academic');
  await t.db
    .insertInto('mentor_assignments')
    .values({ student_id: ids.甲一!, mentor_id: teacher.id, note: null, assigned_by: null })
    .execute();

  // Growth archive 2025-2026: 甲一 and 甲二 aided; only 甲一 has another entry this year (甲二's is from last year).
  await entry(ids.甲一!, 'aid', '2025-10-01');
  await entry(ids.甲一!, 'activity', '2025-11-01');
  await entry(ids.甲二!, 'aid', '2025-12-01');
  await entry(ids.甲二!, 'note', '2025-06-01');

  // Registries: A has a centre, a scheme with one award this year, and one seminar this semester; B has a scheme only.
  await sql`insert into support_centers (unit_id, name, established_on, place) values (${unitA}, '学生发展支持中心', '2023-09-01', '行政楼 201')`.execute(
    t.db,
  );
  await sql`insert into reward_schemes (unit_id, title, adopted_on) values (${unitA}, '成长奖励办法', '2024-09-01'), (${unitB}, '奖励办法', '2024-09-01')`.execute(
    t.db,
  );
  const item = await sql<{
    id: number;
  }>`insert into reward_items (unit_id, name, criteria) values (${unitA}, '自强之星', '品学兼优') returning id`.execute(t.db);
  await sql`insert into reward_awards (unit_id, item_id, student_id, awarded_on, school_year) values (${unitA}, ${item.rows[0]!.id}, ${ids.甲一!}, '2025-12-01', ${YEAR})`.execute(
    t.db,
  );
  await sql`insert into seminars (unit_id, held_on, topic, participant_count) values
    (${unitA}, '2025-11-05', '困难学生个案研讨', 8), (${unitA}, '2025-03-05', '上学年研讨', 6), (${unitB}, '2026-03-01', '下学期研讨', 5)`.execute(
    t.db,
  );
});
afterAll(() => t.close());

const rowOf = (report: CoverageReport, unitId: number) => report.rows.find((r) => r.unitId === unitId)!;

describe('the six coverages', () => {
  it('counts each measure by hand-checked figures, per unit, and grades them', async () => {
    const report = (await admin.get(`/api/coverage?${q}`)).json<CoverageReport>();
    const a = rowOf(report, unitA);
    expect(a.cells.supportCenter).toMatchObject({ grade: 'green', text: '已建立' });
    expect(a.cells.visitFirst).toMatchObject({ grade: 'red', covered: 2, total: 3 });
    expect(a.cells.growthArchive).toMatchObject({ grade: 'red', covered: 1, total: 2 });
    expect(a.cells.rewardScheme).toMatchObject({ grade: 'green', text: '本学年奖励 1 人次' });
    expect(a.cells.mentors).toMatchObject({ grade: 'red', covered: 1, total: 2, text: '1/2(50%)' });
    expect(a.cells.seminars).toMatchObject({ grade: 'amber', covered: 1, total: 2, text: '1/2 次' });
    expect(a.greenCount).toBe(2);

    const b = rowOf(report, unitB);
    expect(b.cells.supportCenter.grade).toBe('red');
    expect(b.cells.visitFirst).toMatchObject({ grade: 'red', covered: 0, total: 1 });
    expect(b.cells.growthArchive).toMatchObject({ grade: 'none', total: 0 });
    expect(b.cells.rewardScheme).toMatchObject({ grade: 'amber', text: '已有制度,本学年未奖励' });
    expect(b.cells.mentors.grade).toBe('none');
    expect(b.cells.seminars).toMatchObject({ grade: 'red', covered: 0 });
    // The total adds students up over units, not percentages.
    expect(report.total!.cells.visitFirst).toMatchObject({ covered: 2, total: 4 });
    expect(report.total!.cells.supportCenter.text).toBe(`1/${report.rows.length} 个单位`);
  });

  it('grades against the admin’s settings: two seminars a semester by default, then one', async () => {
    expectError(
      await officerA.request('PUT', '/api/coverage/settings', { seminarsPerSemester: 1, amberFromPercent: 50 }),
      403,
      'not_institute_admin',
    );
    expectError(
      await admin.request('PUT', '/api/coverage/settings', { seminarsPerSemester: 0, amberFromPercent: 50 }),
      400,
      'validation_failed',
    );
    expect((await admin.request('PUT', '/api/coverage/settings', { seminarsPerSemester: 1, amberFromPercent: 50 })).statusCode).toBe(200);
    const a = rowOf((await admin.get(`/api/coverage?${q}`)).json<CoverageReport>(), unitA);
    expect(a.cells.seminars.grade).toBe('green');
    expect(a.cells.mentors.grade).toBe('amber');
    expect(a.cells.visitFirst.grade).toBe('amber');
    await admin.request('PUT', '/api/coverage/settings', { seminarsPerSemester: 2, amberFromPercent: 80 });
  });

  it('turns green when the missing student is covered', async () => {
    await t.db
      .insertInto('mentor_assignments')
      .values({ student_id: ids.甲二!, mentor_id: (await t.user({ roles: ['mentor'], unitId: unitA })).id, note: null, assigned_by: null })
      .execute();
    const a = rowOf((await officerA.get(`/api/coverage?${q}`)).json<CoverageReport>(), unitA);
    expect(a.cells.mentors).toMatchObject({ grade: 'green', covered: 2, total: 2 });
    await t.db.deleteFrom('mentor_assignments').where('student_id', '=', ids.甲二!).execute();
  });

  it('drills down to the students still missing, by 学号, name and class only', async () => {
    const visits = (await officerA.get(`/api/coverage/units/${unitA}/missing?${q}&measure=visitFirst`)).json<DrillDown>();
    expect(visits.students.map((s) => s.name)).toEqual(['甲三']);
    expect(Object.keys(visits.students[0]!).sort()).toEqual(['className', 'grade', 'id', 'name', 'note', 'studentNo']);
    const mentors = (await officerA.get(`/api/coverage/units/${unitA}/missing?${q}&measure=mentors`)).json<DrillDown>();
    expect(mentors.students.map((s) => s.name)).toEqual(['甲二']);
    const archive = (await officerA.get(`/api/coverage/units/${unitA}/missing?${q}&measure=growthArchive`)).json<DrillDown>();
    expect(archive.students.map((s) => s.name)).toEqual(['甲二']);
    const seminars = (await officerA.get(`/api/coverage/units/${unitA}/missing?${q}&measure=seminars`)).json<DrillDown>();
    expect(seminars.items).toEqual(['本学期研讨 1/2 次,目标为每学期 2 次。']);
    const center = (await admin.get(`/api/coverage/units/${unitB}/missing?${q}&measure=supportCenter`)).json<DrillDown>();
    expect(center.items[0]).toContain('尚未登记学生发展支持中心');
  });

  it('shows a unit only its own row; teachers and reviewers nothing', async () => {
    const own = (await leaderB.get(`/api/coverage?${q}`)).json<CoverageReport>();
    expect(own.rows.map((r) => r.unitId)).toEqual([unitB]);
    expect(own.total).toBeNull();
    expectError(await leaderB.get(`/api/coverage/units/${unitA}/missing?${q}&measure=mentors`), 403, 'not_own_unit');
    expectError(await mentorA.get(`/api/coverage?${q}`), 403, 'coverage_not_allowed');
    expectError(await reviewer.get(`/api/coverage?${q}`), 403, 'coverage_not_allowed');
    expectError(await admin.get(`/api/coverage?schoolYear=2025&semester=first`), 400, 'validation_failed');
  });

  it('exports the dashboard as a workbook that reads back, coloured like the screen', async () => {
    const res = await admin.get(`/api/coverage/export?${q}&region=south`);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('2025-2026 学年第一学期');
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['单位', '先家访后认定', '达标项数']));
    const names = [];
    for (let r = 4; r <= sheet.rowCount; r++) names.push(String(sheet.getCell(r, 1).value));
    expect(names).toContain('覆盖甲分院');
    expect(names).not.toContain('覆盖乙分院'); // 徐州 is 苏北
    const aRow = names.indexOf('覆盖甲分院') + 4;
    expect(sheet.getCell(aRow, 4).value).toBe('2/3(66%)');
    expect((sheet.getCell(aRow, 4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFCCC7');
  });
});
