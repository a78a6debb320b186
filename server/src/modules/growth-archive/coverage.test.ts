import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntryKind } from '../../../../contracts/growth-archive.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';
import { aidedStudentsWithoutEntry, archiveCoverageByUnit } from './coverage.repository.ts';

let t: TestApp;
let a: number;
let b: number;
let c: number;
const ids: Record<string, number> = {};

/** An entry straight into the table: the coverage reads the table, whoever wrote it. */
async function entry(studentId: number, kind: ArchiveEntryKind, occurredOn: string) {
  const columns = {
    aid: { aid_type: 'national_grant', amount_fen: 100000 },
    activity: { activity_type: 'social_service', title: '志愿服务' },
    reward: { title: '进步奖' },
    note: { body: '谈心记录' },
    goal: { body: '考取证书', goal_status: 'in_progress' as const },
  }[kind];
  await t.db
    .insertInto('growth_archive_entries')
    .values({ student_id: studentId, kind, occurred_on: occurredOn, ...columns })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.unit({ name: '覆盖率甲分院' });
  b = await t.unit({ name: '覆盖率乙分院' });
  c = await t.unit({ name: '覆盖率丙分院' });
  for (const [key, unit, no] of [
    ['s1', a, 'A001'],
    ['s2', a, 'A002'],
    ['s3', a, 'A003'],
    ['s4', a, 'A004'],
    ['s5', a, 'A005'],
    ['s6', a, 'A006'],
    ['s7', a, 'A007'],
    ['b1', b, 'B001'],
  ] as const) {
    ids[key] = (await seedStudent(t, unit, { studentNo: no })).id;
  }
  // 2024-2025 runs from 2024-09-01 to 2025-08-31.
  await entry(ids.s1!, 'aid', '2024-10-01'); // aided, and
  await entry(ids.s1!, 'note', '2025-03-01'); //   covered
  await entry(ids.s2!, 'aid', '2024-09-01'); // aided on the first day, but its activity is
  await entry(ids.s2!, 'activity', '2025-09-01'); //   in the next school year: not covered
  await entry(ids.s3!, 'aid', '2025-08-31'); // aided on the last day, and
  await entry(ids.s3!, 'reward', '2024-09-01'); //   covered by a reward
  await entry(ids.s4!, 'note', '2024-12-01'); // notes without aid: not aided
  await entry(ids.s5!, 'aid', '2024-08-31'); // aided the year before: not aided this year
  await entry(ids.s5!, 'goal', '2024-10-01');
  await entry(ids.s6!, 'aid', '2024-10-01'); // aided twice, counted once; no other entry:
  await entry(ids.s6!, 'aid', '2025-01-01'); //   not covered
  await entry(ids.s7!, 'aid', '2025-09-10'); // aided in 2025-2026 only
  await entry(ids.b1!, 'aid', '2024-11-01'); // the other unit: aided and
  await entry(ids.b1!, 'goal', '2024-11-05'); //   covered
});
afterAll(() => t.close());

describe('archiveCoverageByUnit', () => {
  it('counts aided students and those with another entry in the school year, per unit', async () => {
    expect(await archiveCoverageByUnit(t.db, [a, b, c], '2024-2025')).toEqual([
      { unitId: a, aidedStudents: 4, withArchiveEntry: 2 },
      { unitId: b, aidedStudents: 1, withArchiveEntry: 1 },
      { unitId: c, aidedStudents: 0, withArchiveEntry: 0 },
    ]);
    expect(await archiveCoverageByUnit(t.db, [a], '2025-2026')).toEqual([{ unitId: a, aidedStudents: 1, withArchiveEntry: 0 }]);
    expect(await archiveCoverageByUnit(t.db, [a], '2023-2024')).toEqual([{ unitId: a, aidedStudents: 1, withArchiveEntry: 0 }]);
  });

  it('selects units: only those asked for, or every unit', async () => {
    expect(await archiveCoverageByUnit(t.db, [b], '2024-2025')).toEqual([{ unitId: b, aidedStudents: 1, withArchiveEntry: 1 }]);
    expect(await archiveCoverageByUnit(t.db, [], '2024-2025')).toEqual([]);
    const all = await archiveCoverageByUnit(t.db, 'all', '2024-2025');
    const unitCount = (await t.db.selectFrom('units').select('id').execute()).length;
    expect(all).toHaveLength(unitCount);
    expect(all.filter((r) => [a, b, c].includes(r.unitId))).toEqual([
      { unitId: a, aidedStudents: 4, withArchiveEntry: 2 },
      { unitId: b, aidedStudents: 1, withArchiveEntry: 1 },
      { unitId: c, aidedStudents: 0, withArchiveEntry: 0 },
    ]);
  });
});

describe('aidedStudentsWithoutEntry', () => {
  it('lists the aided students still missing a development entry', async () => {
    const { rows, total } = await aidedStudentsWithoutEntry(t.db, a, '2024-2025');
    expect(total).toBe(2);
    expect(rows.map((r) => r.student_no)).toEqual(['A002', 'A006']);
    expect((await aidedStudentsWithoutEntry(t.db, b, '2024-2025')).total).toBe(0);
  });
});

describe('the unit and school year each entry carries for the coverage', () => {
  it('follows a corrected date into the other school year, and the student into another unit', async () => {
    const d = await t.unit({ name: '覆盖率丁分院' });
    const e = await t.unit({ name: '覆盖率戊分院' });
    const student = (await seedStudent(t, d, { studentNo: 'D001' })).id;
    await entry(student, 'aid', '2024-10-01');
    await entry(student, 'activity', '2025-09-02');
    expect(await archiveCoverageByUnit(t.db, [d], '2024-2025')).toEqual([{ unitId: d, aidedStudents: 1, withArchiveEntry: 0 }]);

    // The activity was entered with the wrong year: corrected to 2 September 2024, it counts for 2024-2025.
    await t.db
      .updateTable('growth_archive_entries')
      .set({ occurred_on: '2024-09-02' })
      .where('student_id', '=', student)
      .where('kind', '=', 'activity')
      .execute();
    expect(await archiveCoverageByUnit(t.db, [d], '2024-2025')).toEqual([{ unitId: d, aidedStudents: 1, withArchiveEntry: 1 }]);

    // The student changes unit: the coverage counts them, and their archive, in the new one.
    await t.db.updateTable('students').set({ unit_id: e }).where('id', '=', student).execute();
    expect(await archiveCoverageByUnit(t.db, [d, e], '2024-2025')).toEqual([
      { unitId: d, aidedStudents: 0, withArchiveEntry: 0 },
      { unitId: e, aidedStudents: 1, withArchiveEntry: 1 },
    ]);
    // An entry written after the move lands in the new unit too.
    await entry(student, 'aid', '2025-10-01');
    expect(await archiveCoverageByUnit(t.db, [d, e], '2025-2026')).toEqual([
      { unitId: d, aidedStudents: 0, withArchiveEntry: 0 },
      { unitId: e, aidedStudents: 1, withArchiveEntry: 0 },
    ]);
  });
});
