import { sql } from 'kysely';
import type { CoverageSettings } from '../../../../contracts/coverage.ts';
import type { Region } from '../../../../contracts/regions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { unitsWhere } from '../growth-archive/coverage.repository.ts';
import { IDENTIFIED_STATUSES } from '../key-targets/key-targets.repository.ts';

const identified = sql.join(IDENTIFIED_STATUSES.map((s) => sql.lit(s)));

/** The units a coverage report covers: branches and sites (not the institute itself), in code order. */
export function coverageUnits(db: DbOrTrx, filter: { unitId?: number; region?: Region }) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'region'])
    .where('kind', '<>', 'institute')
    .$if(filter.unitId !== undefined, (qb) => qb.where('id', '=', filter.unitId!))
    .$if(filter.region !== undefined, (qb) => qb.where('region', '=', filter.region!))
    .orderBy('code')
    .execute();
}

/**
 * 先家访后认定: students identified for the school year (confirmed at the
 * re-check or later), and how many of them had a completed home visit in that
 * school year dated on or before the day of the institute's confirmation.
 */
export async function visitFirstCoverage(db: DbOrTrx, unitIds: readonly number[], schoolYear: string) {
  if (unitIds.length === 0) return [];
  // A semi-join from the selected units' identifications to the year's completed visits:
  // a hash over the visits for the whole institute, an index probe per student for one
  // unit (not a lookup per identification over the whole college, nor every visit of
  // the college grouped first).
  const { rows } = await sql<{ unit_id: number; identified: string; visited: string }>`
    with ident as materialized (
      select i.unit_id, i.student_id, ${confirmedDay} as confirmed_on
      from identifications i
      where i.school_year = ${schoolYear} and i.status in (${identified}) and ${unitsWhere(unitIds, 'i.unit_id')}
    ), visited as (
      select d.unit_id, count(*) as n from ident d
      where exists (select 1 from home_visits v
        where v.student_id = d.student_id and v.school_year = ${schoolYear} and v.completed_at is not null
          and v.visited_on <= d.confirmed_on)
      group by d.unit_id
    ), totals as (
      select d.unit_id, count(*) as n from ident d group by d.unit_id
    )
    select t.unit_id, t.n as identified, coalesce(v.n, 0) as visited
    from totals t left join visited v on v.unit_id = t.unit_id`.execute(db);
  return rows.map((r) => ({ unitId: r.unit_id, total: Number(r.identified), covered: Number(r.visited) }));
}

/** The day the institute confirmed the identification (Beijing time); today while it has not. */
const confirmedDay = sql`coalesce((i.rechecked_at at time zone 'Asia/Shanghai')::date, current_date)`;
const priorVisit = sql`select 1 from home_visits v
  where v.student_id = i.student_id and v.school_year = i.school_year and v.completed_at is not null
    and v.visited_on <= ${confirmedDay}`;

export function identifiedWithoutPriorVisit(db: DbOrTrx, unitId: number, schoolYear: string, limit: number) {
  return sql<{ id: number; student_no: string; name: string; grade: number; class_name: string | null }>`
    select s.id, s.student_no, s.name, s.grade, s.class_name
    from identifications i join students s on s.id = i.student_id
    where i.unit_id = ${unitId} and i.school_year = ${schoolYear} and i.status in (${identified})
      and not exists (${priorVisit})
    order by s.student_no limit ${limit}`
    .execute(db)
    .then((r) => r.rows);
}

/** Key targets of the school year (an active flag) and how many have an active mentor. */
export async function mentorCoverage(db: DbOrTrx, unitIds: readonly number[], schoolYear: string) {
  if (unitIds.length === 0) return [];
  // A few thousand key targets: their unit is looked up by primary key, one each, rather
  // than hashing all the students of the college to join them (70 → 18 ms at 200 000).
  const { rows } = await sql<{ unit_id: number; targets: string; mentored: string }>`
    with targets as (
      select f.student_id, (select s.unit_id from students s where s.id = f.student_id) as unit_id
      from key_target_flags f
      where f.school_year = ${schoolYear} and f.cleared_at is null
      group by f.student_id
    ), mentored as (
      select distinct m.student_id from mentor_assignments m where m.ended_at is null
    )
    select t.unit_id, count(*) as targets, count(m.student_id) as mentored
    from targets t left join mentored m on m.student_id = t.student_id
    where ${unitsWhere(unitIds, 't.unit_id')}
    group by t.unit_id`.execute(db);
  return rows.map((r) => ({ unitId: r.unit_id, total: Number(r.targets), covered: Number(r.mentored) }));
}

export function keyTargetsWithoutMentor(db: DbOrTrx, unitId: number, schoolYear: string, limit: number) {
  return sql<{ id: number; student_no: string; name: string; grade: number; class_name: string | null }>`
    select s.id, s.student_no, s.name, s.grade, s.class_name from students s
    where s.unit_id = ${unitId}
      and exists (select 1 from key_target_flags f where f.student_id = s.id and f.school_year = ${schoolYear} and f.cleared_at is null)
      and not exists (select 1 from mentor_assignments m where m.student_id = s.id and m.ended_at is null)
    order by s.student_no limit ${limit}`
    .execute(db)
    .then((r) => r.rows);
}

export async function coverageSettings(db: DbOrTrx): Promise<CoverageSettings> {
  const row = await db.selectFrom('coverage_settings').select(['seminars_per_semester', 'amber_from_percent']).executeTakeFirstOrThrow();
  return { seminarsPerSemester: row.seminars_per_semester, amberFromPercent: row.amber_from_percent };
}

export async function updateCoverageSettings(db: DbOrTrx, input: CoverageSettings, userId: number): Promise<void> {
  await db
    .updateTable('coverage_settings')
    .set({
      seminars_per_semester: input.seminarsPerSemester,
      amber_from_percent: input.amberFromPercent,
      updated_by: userId,
      updated_at: sql`now()`,
    })
    .where('id', '=', 1)
    .execute();
}
