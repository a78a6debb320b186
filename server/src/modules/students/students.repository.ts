import { sql, type Expression, type Insertable, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import type { ListStudentsQuery } from '../../../../contracts/students.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { StudentsTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';

/**
 * `<alias>` (a students row) is within the scope: the one SQL form of
 * policies/student-policy.ts, for every query that lists students or their records.
 */
export function inStudentScope(scope: StudentScope, alias = 's'): Expression<SqlBool> {
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'unit') return sql<SqlBool>`${s('unit_id')} = ${scope.unitId}`;
  return sql<SqlBool>`${s('unit_id')} = ${scope.unitId} and ${ownStudentOf(scope.userId, alias)}`;
}

/** The user heads the student's class or mentors the student (an active assignment). */
export function ownStudentOf(userId: number, alias = 's'): RawBuilder<boolean> {
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<boolean>`(exists (select 1 from class_teachers ct
      where ct.unit_id = ${s('unit_id')} and ct.class_name = ${s('class_name')} and ct.user_id = ${userId})
    or exists (select 1 from mentor_assignments ma
      where ma.student_id = ${s('id')} and ma.mentor_id = ${userId} and ma.ended_at is null))`;
}

function selectStudents(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('students as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.unit_id',
      'u.name as unit_name',
      's.student_no',
      's.name',
      's.gender',
      's.department',
      's.programme',
      's.schooling',
      's.grade',
      's.class_name',
      's.origin',
      's.hukou_city',
      's.status',
      's.id_number_masked',
      's.phone_masked',
      's.address_masked',
      's.birth_date_masked',
      's.bank_card_masked',
      's.updated_at',
      ownStudentOf(userId).as('own_student'),
    ]);
}

export type StudentRow = Awaited<ReturnType<ReturnType<typeof selectStudents>['executeTakeFirstOrThrow']>>;

export async function listStudents(db: DbOrTrx, scope: StudentScope, userId: number, query: ListStudentsQuery) {
  let base = db.selectFrom('students as s').where(inStudentScope(scope));
  if (query.q) {
    const q = query.q;
    // 学号 by prefix (an index serves it), names anywhere. A name contains the text only if it
    // contains each of its characters: the GIN index on the name's characters (migration
    // 2026-11-27T1920) narrows to those rows, so both sides of the OR use an index (bench/README.md).
    const prefix = `${q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) =>
      eb.or([
        eb('s.student_no', 'like', prefix),
        eb.and([sql<SqlBool>`string_to_array(s.name, null) @> string_to_array(${q}, null)`, eb('s.name', 'like', containsPattern(q))]),
      ]),
    );
  }
  if (query.unitId) base = base.where('s.unit_id', '=', query.unitId);
  if (query.grade) base = base.where('s.grade', '=', query.grade);
  if (query.className) base = base.where('s.class_name', '=', query.className);
  base = base.where('s.status', '=', query.status ?? 'enrolled');
  const offset = (query.page - 1) * query.pageSize;
  // With a search text, the matches are found first (by the indexes above) and then sorted:
  // left to itself the planner may walk the whole (unit, 学号) index for the first 20 matches.
  const pageIds = query.q
    ? db
        .with(
          (cte) => cte('matches').materialized(),
          () => base.select(['s.id', 's.unit_id', 's.student_no']),
        )
        .selectFrom('matches')
        .select('matches.id')
        .orderBy('matches.unit_id')
        .orderBy('matches.student_no')
        .limit(query.pageSize)
        .offset(offset)
    : base.select('s.id').orderBy('s.unit_id').orderBy('s.student_no').limit(query.pageSize).offset(offset);
  const [rows, count] = await Promise.all([
    selectStudents(db, userId).where('s.id', 'in', pageIds).orderBy('s.unit_id').orderBy('s.student_no').execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findStudentById(db: DbOrTrx, id: number, userId: number) {
  return selectStudents(db, userId).where('s.id', '=', id).executeTakeFirst();
}

export function findSealedField(db: DbOrTrx, id: number, column: `${string}_sealed`) {
  return db
    .selectFrom('students')
    .select(sql<string | null>`${sql.ref(column)}`.as('sealed'))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertStudent(db: DbOrTrx, values: Insertable<StudentsTable>): Promise<number> {
  const row = await db.insertInto('students').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStudent(db: DbOrTrx, id: number, values: Updateable<StudentsTable>): Promise<void> {
  await db
    .updateTable('students')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
