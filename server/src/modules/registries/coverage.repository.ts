import { sql } from 'kysely';
import { schoolYearRange, type Semester } from '../../../../contracts/school-year.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { unitsWhere, type UnitSelection } from '../growth-archive/coverage.repository.ts';

/**
 * Registry coverage for the six-coverage dashboard, per unit, each one
 * set-based query; every selected unit gets a row, zeros included:
 * - 学生发展支持中心: the unit has registered its centre;
 * - 成长奖励制度: the unit has registered its scheme, and how many awards it gave in the
 *   school year (by the award's stated school year);
 * - 常态化研讨: seminars held in the semester (by their date).
 */

/** First and last day of a semester: the first runs September–January, the second February–August. */
export function semesterRange(schoolYear: string, semester: Semester): [string, string] {
  const [start, end] = schoolYearRange(schoolYear);
  const next = Number(schoolYear.slice(5, 9));
  return semester === 'first' ? [start, `${next}-01-31`] : [`${next}-02-01`, end];
}

export interface SupportCenterCoverageRow {
  unitId: number;
  hasSupportCenter: boolean;
  establishedOn: string | null;
}

export async function supportCenterCoverage(db: DbOrTrx, units: UnitSelection): Promise<SupportCenterCoverageRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  const { rows } = await sql<{ unit_id: number; established_on: string | null }>`
    select u.id as unit_id, sc.established_on
    from units u left join support_centers sc on sc.unit_id = u.id
    where ${unitsWhere(units, 'u.id')}
    order by u.id`.execute(db);
  return rows.map((r) => ({ unitId: r.unit_id, hasSupportCenter: r.established_on !== null, establishedOn: r.established_on }));
}

export interface RewardSchemeCoverageRow {
  unitId: number;
  hasRewardScheme: boolean;
  awardsInYear: number;
  studentsAwardedInYear: number;
}

export async function rewardSchemeCoverage(db: DbOrTrx, units: UnitSelection, schoolYear: string): Promise<RewardSchemeCoverageRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  const { rows } = await sql<{ unit_id: number; has_scheme: boolean; awards: string; students: string }>`
    with awards as (
      select a.unit_id, count(*) as awards, count(distinct a.student_id) as students
      from reward_awards a
      where a.school_year = ${schoolYear} and ${unitsWhere(units, 'a.unit_id')}
      group by a.unit_id
    )
    select u.id as unit_id, rs.unit_id is not null as has_scheme,
      coalesce(aw.awards, 0) as awards, coalesce(aw.students, 0) as students
    from units u
    left join reward_schemes rs on rs.unit_id = u.id
    left join awards aw on aw.unit_id = u.id
    where ${unitsWhere(units, 'u.id')}
    order by u.id`.execute(db);
  return rows.map((r) => ({
    unitId: r.unit_id,
    hasRewardScheme: Boolean(r.has_scheme),
    awardsInYear: Number(r.awards),
    studentsAwardedInYear: Number(r.students),
  }));
}

export interface SeminarCoverageRow {
  unitId: number;
  seminars: number;
  lastHeldOn: string | null;
}

export async function seminarCoverage(
  db: DbOrTrx,
  units: UnitSelection,
  schoolYear: string,
  semester: Semester,
): Promise<SeminarCoverageRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  const [from, to] = semesterRange(schoolYear, semester);
  const { rows } = await sql<{ unit_id: number; seminars: string; last_held_on: string | null }>`
    with held as (
      select s.unit_id, count(*) as seminars, max(s.held_on) as last_held_on
      from seminars s
      where s.held_on between ${from} and ${to} and ${unitsWhere(units, 's.unit_id')}
      group by s.unit_id
    )
    select u.id as unit_id, coalesce(h.seminars, 0) as seminars, h.last_held_on
    from units u left join held h on h.unit_id = u.id
    where ${unitsWhere(units, 'u.id')}
    order by u.id`.execute(db);
  return rows.map((r) => ({ unitId: r.unit_id, seminars: Number(r.seminars), lastHeldOn: r.last_held_on }));
}
