import { sql, type Insertable } from 'kysely';
import type { ListKeyTargetsQuery } from '../../../../contracts/key-targets.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { KeyTargetFlagsTable, MentorAssignmentsTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';
import { inStudentScope } from '../students/students.repository.ts';

/** Identification statuses that mean "identified" for the school year (confirmed at the institute re-check or later). */
export const IDENTIFIED_STATUSES = ['confirmed', 'in_notice', 'archived'] as const;

/** The level in force, when the student is identified for the school year. */
export async function identificationOf(db: DbOrTrx, studentId: number, schoolYear: string) {
  const row = await db
    .selectFrom('identifications as i')
    .leftJoin('identification_levels as l', 'l.id', 'i.level_id')
    .select(['i.id', 'l.name as level_name'])
    .where('i.student_id', '=', studentId)
    .where('i.school_year', '=', schoolYear)
    .where('i.status', 'in', IDENTIFIED_STATUSES)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertFlag(db: DbOrTrx, values: Insertable<KeyTargetFlagsTable>): Promise<number> {
  return (await db.insertInto('key_target_flags').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export function findFlag(db: DbOrTrx, id: number) {
  return db.selectFrom('key_target_flags').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function clearFlag(db: DbOrTrx, id: number, userId: number, reason: string): Promise<void> {
  await db
    .updateTable('key_target_flags')
    .set({ cleared_at: sql`now()`, cleared_by: userId, clear_reason: reason })
    .where('id', '=', id)
    .where('cleared_at', 'is', null)
    .execute();
}

/** Students with at least one active flag in the school year, within the scope, a page at a time. */
export async function listKeyTargetStudents(db: DbOrTrx, scope: StudentScope, query: ListKeyTargetsQuery) {
  let base = db
    .selectFrom('students as s')
    .where(inStudentScope(scope))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('key_target_flags as f')
          .select('f.id')
          .whereRef('f.student_id', '=', 's.id')
          .where('f.school_year', '=', query.schoolYear)
          .where('f.cleared_at', 'is', null)
          .$if(query.flag !== undefined, (qb) => qb.where('f.flag', '=', query.flag!)),
      ),
    );
  if (query.unitId) base = base.where('s.unit_id', '=', query.unitId);
  if (query.q) {
    const q = query.q;
    base = base.where((eb) =>
      eb.or([eb('s.student_no', 'like', `${q.replace(/[\\%_]/g, '\\$&')}%`), eb('s.name', 'like', containsPattern(q))]),
    );
  }
  if (query.withoutMentor) {
    base = base.where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('mentor_assignments as m').select('m.id').whereRef('m.student_id', '=', 's.id').where('m.ended_at', 'is', null)),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .leftJoin('identifications as i', (join) =>
        join.onRef('i.student_id', '=', 's.id').on('i.school_year', '=', query.schoolYear).on('i.status', 'in', IDENTIFIED_STATUSES),
      )
      .leftJoin('identification_levels as l', 'l.id', 'i.level_id')
      .select([
        's.id',
        's.student_no',
        's.name',
        's.unit_id',
        'u.name as unit_name',
        's.grade',
        's.class_name',
        'l.name as level_name',
        sql<boolean>`i.id is not null`.as('identified'),
      ])
      .orderBy('s.unit_id')
      .orderBy('s.student_no')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type KeyTargetStudentRow = Awaited<ReturnType<typeof listKeyTargetStudents>>['rows'][number];

export function activeFlagsOf(db: DbOrTrx, studentIds: number[], schoolYear: string) {
  if (studentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('key_target_flags')
    .selectAll()
    .where('student_id', 'in', studentIds)
    .where('school_year', '=', schoolYear)
    .where('cleared_at', 'is', null)
    .orderBy('flagged_at')
    .execute();
}

export type FlagRow = Awaited<ReturnType<typeof activeFlagsOf>>[number];

/** Active assignments of the students, lead first; with `history`, ended ones too. */
export function mentorAssignmentsOf(db: DbOrTrx, studentIds: number[], history = false) {
  if (studentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mentor_assignments as m')
    .innerJoin('users as u', 'u.id', 'm.mentor_id')
    .select([
      'm.id',
      'm.student_id',
      'm.mentor_id',
      'u.display_name as mentor_name',
      'm.is_lead',
      'm.note',
      'm.assigned_at',
      'm.ended_at',
      'm.end_reason',
    ])
    .where('m.student_id', 'in', studentIds)
    .$if(!history, (qb) => qb.where('m.ended_at', 'is', null))
    .orderBy('m.student_id')
    .orderBy(sql`m.ended_at is not null`)
    .orderBy('m.is_lead', 'desc')
    .orderBy('m.assigned_at')
    .execute();
}

export type MentorAssignmentRow = Awaited<ReturnType<typeof mentorAssignmentsOf>>[number];

export function findAssignment(db: DbOrTrx, id: number) {
  return db.selectFrom('mentor_assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new lead replaces the current one, who stays on the team. */
export async function insertAssignment(db: DbOrTrx, values: Insertable<MentorAssignmentsTable>): Promise<number> {
  if (values.is_lead) {
    await db
      .updateTable('mentor_assignments')
      .set({ is_lead: false })
      .where('student_id', '=', values.student_id)
      .where('ended_at', 'is', null)
      .execute();
  }
  return (await db.insertInto('mentor_assignments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function endAssignment(db: DbOrTrx, id: number, reason: string): Promise<void> {
  await db
    .updateTable('mentor_assignments')
    .set({ ended_at: sql`now()`, end_reason: reason, is_lead: false })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

export function findMentorCandidate(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.unit_id',
      'u.display_name',
      'u.disabled_at',
      sql<boolean>`exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'mentor')`.as('is_mentor'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** The unit's active teachers with how many students they mentor now, fewest first. */
export function mentorCandidates(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').on('r.role', '=', 'mentor'))
    .select([
      'u.id',
      'u.display_name',
      sql<string>`(select count(*) from mentor_assignments m where m.mentor_id = u.id and m.ended_at is null)`.as('mentee_count'),
    ])
    .where('u.unit_id', '=', unitId)
    .where('u.disabled_at', 'is', null)
    .orderBy(sql`3`)
    .orderBy('u.display_name')
    .execute();
}
