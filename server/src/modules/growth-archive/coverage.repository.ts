import { sql } from 'kysely';
import { schoolYearRange } from '../../../../contracts/school-year.ts';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Growth-archive coverage for the six-coverage dashboard (资助成长档案全覆盖),
 * per unit, in one set-based query:
 * - aided students: students with at least one aid entry (受助记录) dated in the school year;
 * - covered: those of them with at least one other entry (发展活动, 成长奖励, 导师记录,
 *   成长目标) dated in the same school year. The aid entry itself does not count: it is
 *   what makes the student aided, not their development record.
 * The unit is the student's unit. Every selected unit gets a row, zeros included.
 */

/** Which units: some by id, or every unit. */
export type UnitSelection = readonly number[] | 'all';

export interface ArchiveCoverageRow {
  unitId: number;
  aidedStudents: number;
  withArchiveEntry: number;
}

export function unitsWhere(units: UnitSelection, column: string) {
  return units === 'all' ? sql`true` : sql`${sql.ref(column)} in (${sql.join(units)})`;
}

export async function archiveCoverageByUnit(db: DbOrTrx, units: UnitSelection, schoolYear: string): Promise<ArchiveCoverageRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  // Each entry carries its student's unit and its school year (migration 2026-11-28T0910):
  // one pass over the year's entries, no join to the students.
  const { rows } = await sql<{ unit_id: number; aided: string; covered: string }>`
    with per_student as (
      -- Was the student aided this year, and did they have any other entry?
      select e.unit_id, e.student_id, bool_or(e.kind <> 'aid') as developed
      from growth_archive_entries e
      where e.school_year = ${schoolYear} and ${unitsWhere(units, 'e.unit_id')}
      group by e.unit_id, e.student_id
      having bool_or(e.kind = 'aid')
    ), per_unit as (
      select p.unit_id, count(*) as aided, count(*) filter (where p.developed) as covered
      from per_student p
      group by p.unit_id
    )
    select u.id as unit_id, coalesce(p.aided, 0) as aided, coalesce(p.covered, 0) as covered
    from units u left join per_unit p on p.unit_id = u.id
    where ${unitsWhere(units, 'u.id')}
    order by u.id`.execute(db);
  return rows.map((r) => ({ unitId: r.unit_id, aidedStudents: Number(r.aided), withArchiveEntry: Number(r.covered) }));
}

/** The drill-down: a unit's aided students of the school year without another entry that year. */
export async function aidedStudentsWithoutEntry(
  db: DbOrTrx,
  unitId: number,
  schoolYear: string,
  page: { limit: number; offset: number } = { limit: 50, offset: 0 },
) {
  const [from, to] = schoolYearRange(schoolYear);
  const base = db
    .selectFrom('students as s')
    .where('s.unit_id', '=', unitId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('growth_archive_entries as e')
          .select('e.id')
          .whereRef('e.student_id', '=', 's.id')
          .where('e.kind', '=', 'aid')
          .where('e.occurred_on', '>=', from)
          .where('e.occurred_on', '<=', to),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('growth_archive_entries as d')
            .select('d.id')
            .whereRef('d.student_id', '=', 's.id')
            .where('d.kind', '<>', 'aid')
            .where('d.occurred_on', '>=', from)
            .where('d.occurred_on', '<=', to),
        ),
      ),
    );
  const [rows, count] = await Promise.all([
    base
      .select(['s.id', 's.student_no', 's.name', 's.class_name', 's.grade'])
      .orderBy('s.student_no')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
