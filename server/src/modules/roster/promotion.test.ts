import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionPreviewDto, PromotionResultDto } from '../../../../contracts/roster.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';

let t: TestApp;
let unitId: number;
let officer: Client;
const year = schoolYearOf(new Date());
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ name: '升级测试分院' });
  officer = await t.login((await t.user({ roles: ['unit_officer'], unitId })).username);
  for (const grade of [1, 2, 3, 4, 5]) ids[`g${grade}`] = (await seedStudent(t, unitId, { grade })).id;
  ids.g5b = (await seedStudent(t, unitId, { grade: 5 })).id;
  // A three-year programme: its third-graders leave now.
  ids.three = (await seedStudent(t, unitId, { grade: 3 })).id;
  await t.db.updateTable('students').set({ schooling: '三年制' }).where('id', '=', ids.three).execute();
  // Students who have left are not moved.
  ids.left = (await seedStudent(t, unitId, { grade: 2 })).id;
  await t.db.updateTable('students').set({ status: 'left' }).where('id', '=', ids.left).execute();
  // Another unit's students are not moved either.
  ids.other = (await seedStudent(t, await t.unit(), { grade: 1 })).id;
});
afterAll(() => t.close());

async function studentRow(id: number) {
  return t.db.selectFrom('students').select(['grade', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('GET /api/roster/promotion', () => {
  it('requires the unit’s aid officer', async () => {
    expectError(await t.anonymous().get('/api/roster/promotion'), 401, 'unauthenticated');
    const leader = await t.login((await t.user({ roles: ['unit_leader'], unitId })).username);
    expectError(await leader.get('/api/roster/promotion'), 403, 'not_roster_manager');
    const mentor = await t.login((await t.user({ roles: ['mentor'], unitId })).username);
    expectError(await mentor.get('/api/roster/promotion'), 403, 'not_roster_manager');
  });

  it('previews who moves up and who graduates, by grade and 学制', async () => {
    const preview = (await officer.get('/api/roster/promotion')).json<PromotionPreviewDto>();
    expect(preview).toMatchObject({ schoolYear: year, promote: 4, graduate: 3, done: null, abilities: { run: { allowed: true } } });
    expect(preview.byGrade).toEqual([
      { grade: 1, promote: 1, graduate: 0 },
      { grade: 2, promote: 1, graduate: 0 },
      { grade: 3, promote: 1, graduate: 1 },
      { grade: 4, promote: 1, graduate: 0 },
      { grade: 5, promote: 0, graduate: 2 },
    ]);
    // Nothing moved yet.
    expect(await studentRow(ids.g1!)).toEqual({ grade: 1, status: 'enrolled' });
  });
});

describe('POST /api/roster/promotion', () => {
  it('refuses a school year other than the current one', async () => {
    expectError(await officer.post('/api/roster/promotion', { schoolYear: '2001-2002' }), 409, 'promotion_wrong_year');
    expectError(await officer.post('/api/roster/promotion', { schoolYear: '2001' }), 400, 'validation_failed');
    const leader = await t.login((await t.user({ roles: ['unit_leader'], unitId })).username);
    expectError(await leader.post('/api/roster/promotion', { schoolYear: year }), 403, 'not_roster_manager');
  });

  it('moves everyone up one grade and graduates the last grade, once', async () => {
    const res = await officer.post('/api/roster/promotion', { schoolYear: year });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PromotionResultDto>()).toEqual({ schoolYear: year, promoted: 4, graduated: 3 });
    expect(await studentRow(ids.g1!)).toEqual({ grade: 2, status: 'enrolled' });
    expect(await studentRow(ids.g4!)).toEqual({ grade: 5, status: 'enrolled' });
    expect(await studentRow(ids.g5!)).toEqual({ grade: 5, status: 'graduated' });
    expect(await studentRow(ids.three!)).toEqual({ grade: 3, status: 'graduated' });
    expect(await studentRow(ids.left!)).toEqual({ grade: 2, status: 'left' });
    expect(await studentRow(ids.other!)).toEqual({ grade: 1, status: 'enrolled' });

    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'roster.promoted').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toEqual({ after: { schoolYear: year, promoted: 4, graduated: 3 } });
  });

  it('refuses to run twice in the same school year, and says so before anyone tries', async () => {
    expectError(await officer.post('/api/roster/promotion', { schoolYear: year }), 409, 'promotion_already_done');
    expect(await studentRow(ids.g1!)).toEqual({ grade: 2, status: 'enrolled' });
    const preview = (await officer.get('/api/roster/promotion')).json<PromotionPreviewDto>();
    expect(preview.done).toMatchObject({ promoted: 4, graduated: 3 });
    expect(preview.abilities.run).toEqual({ allowed: false, whyNot: 'promotion_already_done' });
  });

  it('has nothing to do in a unit without enrolled students', async () => {
    const empty = await t.unit();
    const emptyOfficer = await t.login((await t.user({ roles: ['unit_officer'], unitId: empty })).username);
    expectError(await emptyOfficer.post('/api/roster/promotion', { schoolYear: year }), 422, 'promotion_nothing_to_do');
  });
});
