import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../db/migrations/2026-11-28T0910-coverage-speed.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { archiveCoverageByUnit } from '../growth-archive/coverage.repository.ts';
import { seedStudent } from '../students/test-fixtures.ts';

/**
 * The upgrade of a database that already holds archive entries: the migration
 * fills in each entry's unit and school year, so the growth-archive coverage
 * reads the same after the upgrade as before it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('migration 2026-11-28T0910-coverage-speed', () => {
  it('gives entries written before it their student’s unit and school year', async () => {
    const a = await t.unit({ name: '升级甲分院' });
    const b = await t.unit({ name: '升级乙分院' });
    const inA = (await seedStudent(t, a, { studentNo: 'UA01' })).id;
    const inB = (await seedStudent(t, b, { studentNo: 'UB01' })).id;

    await down(t.db); // the database as it was before the upgrade
    await sql`insert into growth_archive_entries (student_id, kind, occurred_on, aid_type, amount_fen, body) values
      (${inA}, 'aid', '2025-09-01', 'national_grant', 100000, null),
      (${inA}, 'note', '2026-08-31', null, null, '谈心记录'),
      (${inB}, 'aid', '2025-08-31', 'national_grant', 100000, null)`.execute(t.db);
    await up(t.db);

    const entries = await t.db
      .selectFrom('growth_archive_entries')
      .select(['student_id', 'unit_id', 'school_year', 'occurred_on'])
      .where('student_id', 'in', [inA, inB])
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { student_id: inA, unit_id: a, school_year: '2025-2026', occurred_on: '2025-09-01' },
      { student_id: inA, unit_id: a, school_year: '2025-2026', occurred_on: '2026-08-31' },
      { student_id: inB, unit_id: b, school_year: '2024-2025', occurred_on: '2025-08-31' },
    ]);
    expect(await archiveCoverageByUnit(t.db, [a, b], '2025-2026')).toEqual([
      { unitId: a, aidedStudents: 1, withArchiveEntry: 1 },
      { unitId: b, aidedStudents: 0, withArchiveEntry: 0 },
    ]);
  });
});
