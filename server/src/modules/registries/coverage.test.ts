import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';
import { rewardSchemeCoverage, seminarCoverage, semesterRange, supportCenterCoverage } from './coverage.repository.ts';

let t: TestApp;
let a: number;
let b: number;
let c: number;

async function seminar(unitId: number, heldOn: string) {
  await t.db.insertInto('seminars').values({ unit_id: unitId, held_on: heldOn, topic: '个案研讨', participant_count: 5 }).execute();
}

async function center(unitId: number, establishedOn: string) {
  await t.db
    .insertInto('support_centers')
    .values({ unit_id: unitId, name: '学生发展支持中心', established_on: establishedOn, place: '学生活动中心' })
    .execute();
}

async function scheme(unitId: number) {
  await t.db.insertInto('reward_schemes').values({ unit_id: unitId, title: '成长奖励办法', adopted_on: '2023-09-01' }).execute();
}

async function item(unitId: number, name: string) {
  return (
    await t.db.insertInto('reward_items').values({ unit_id: unitId, name, criteria: '学期表现' }).returning('id').executeTakeFirstOrThrow()
  ).id;
}

async function award(unitId: number, itemId: number, studentId: number, awardedOn: string, schoolYear: string) {
  await t.db
    .insertInto('reward_awards')
    .values({ unit_id: unitId, item_id: itemId, student_id: studentId, awarded_on: awardedOn, school_year: schoolYear })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.unit({ name: '台账覆盖甲分院' });
  b = await t.unit({ name: '台账覆盖乙分院' });
  c = await t.unit({ name: '台账覆盖丙分院' });
  const s1 = (await seedStudent(t, a)).id;
  const s2 = (await seedStudent(t, a)).id;
  const bStudent = (await seedStudent(t, b)).id;

  // Unit A: a centre, a scheme with two awards to one student in 2024-2025 and one the year before;
  // seminars on both edges of the first semester, one in the second, one the year before.
  await center(a, '2022-03-01');
  await scheme(a);
  const progress = await item(a, '学业进步奖');
  const service = await item(a, '志愿服务奖');
  await award(a, progress, s1, '2024-12-20', '2024-2025');
  await award(a, service, s1, '2025-06-20', '2024-2025');
  // Handed out in September, for the year just ended: counts by its stated school year.
  await award(a, progress, s2, '2024-09-10', '2023-2024');
  await seminar(a, '2024-09-01');
  await seminar(a, '2025-01-31');
  await seminar(a, '2025-02-01');
  await seminar(a, '2024-08-31');

  // Unit B: a scheme without awards this year, one seminar, no centre.
  await scheme(b);
  const bItem = await item(b, '学业进步奖');
  await award(b, bItem, bStudent, '2024-06-01', '2023-2024');
  await seminar(b, '2024-10-10');

  // Unit C: a centre only.
  await center(c, '2024-05-01');
});
afterAll(() => t.close());

describe('semesterRange', () => {
  it('runs the first semester September–January and the second February–August', () => {
    expect(semesterRange('2024-2025', 'first')).toEqual(['2024-09-01', '2025-01-31']);
    expect(semesterRange('2024-2025', 'second')).toEqual(['2025-02-01', '2025-08-31']);
  });
});

describe('supportCenterCoverage', () => {
  it('says per unit whether it has registered its centre', async () => {
    expect(await supportCenterCoverage(t.db, [a, b, c])).toEqual([
      { unitId: a, hasSupportCenter: true, establishedOn: '2022-03-01' },
      { unitId: b, hasSupportCenter: false, establishedOn: null },
      { unitId: c, hasSupportCenter: true, establishedOn: '2024-05-01' },
    ]);
    expect(await supportCenterCoverage(t.db, [])).toEqual([]);
    const all = await supportCenterCoverage(t.db, 'all');
    expect(all.filter((r) => r.hasSupportCenter).map((r) => r.unitId)).toEqual([a, c]);
  });
});

describe('rewardSchemeCoverage', () => {
  it('counts each unit’s awards of the school year only', async () => {
    expect(await rewardSchemeCoverage(t.db, [a, b, c], '2024-2025')).toEqual([
      { unitId: a, hasRewardScheme: true, awardsInYear: 2, studentsAwardedInYear: 1 },
      { unitId: b, hasRewardScheme: true, awardsInYear: 0, studentsAwardedInYear: 0 },
      { unitId: c, hasRewardScheme: false, awardsInYear: 0, studentsAwardedInYear: 0 },
    ]);
    expect(await rewardSchemeCoverage(t.db, [a, b], '2023-2024')).toEqual([
      { unitId: a, hasRewardScheme: true, awardsInYear: 1, studentsAwardedInYear: 1 },
      { unitId: b, hasRewardScheme: true, awardsInYear: 1, studentsAwardedInYear: 1 },
    ]);
    const all = await rewardSchemeCoverage(t.db, 'all', '2024-2025');
    expect(all.find((r) => r.unitId === a)).toEqual({ unitId: a, hasRewardScheme: true, awardsInYear: 2, studentsAwardedInYear: 1 });
  });
});

describe('seminarCoverage', () => {
  it('counts seminars held in the semester, per unit', async () => {
    expect(await seminarCoverage(t.db, [a, b, c], '2024-2025', 'first')).toEqual([
      { unitId: a, seminars: 2, lastHeldOn: '2025-01-31' },
      { unitId: b, seminars: 1, lastHeldOn: '2024-10-10' },
      { unitId: c, seminars: 0, lastHeldOn: null },
    ]);
    expect(await seminarCoverage(t.db, [a, b], '2024-2025', 'second')).toEqual([
      { unitId: a, seminars: 1, lastHeldOn: '2025-02-01' },
      { unitId: b, seminars: 0, lastHeldOn: null },
    ]);
    expect(await seminarCoverage(t.db, [a], '2023-2024', 'second')).toEqual([{ unitId: a, seminars: 1, lastHeldOn: '2024-08-31' }]);
    const all = await seminarCoverage(t.db, 'all', '2024-2025', 'first');
    expect(all.filter((r) => r.seminars > 0).map((r) => [r.unitId, r.seminars])).toEqual([
      [a, 2],
      [b, 1],
    ]);
  });
});
