import { sql, type Insertable, type Updateable } from 'kysely';
import type { RosterRowError } from '../../../../contracts/roster.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { RosterImportsTable, StudentsTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';
import { inStudentScope } from '../students/students.repository.ts';

// ---- imports -------------------------------------------------------------------

function selectImports(db: DbOrTrx) {
  return db
    .selectFrom('roster_imports as ri')
    .leftJoin('users as u', 'u.id', 'ri.created_by')
    .select([
      'ri.id',
      'ri.unit_id',
      'ri.created_by',
      'u.display_name as created_by_name',
      'ri.file_name',
      'ri.file_size',
      'ri.storage_key',
      'ri.file_secret_sealed',
      'ri.head_sealed',
      'ri.merges',
      'ri.column_count',
      'ri.rows_total',
      'ri.header_row',
      'ri.mapping',
      'ri.status',
      'ri.rows_read',
      'ri.inserted',
      'ri.updated',
      'ri.unchanged',
      'ri.failed',
      'ri.errors_truncated',
      'ri.failure_code',
      'ri.created_at',
      'ri.started_at',
      'ri.heartbeat_at',
      'ri.cancel_requested_at',
      'ri.finished_at',
    ]);
}

export type RosterImportRow = Awaited<ReturnType<ReturnType<typeof selectImports>['executeTakeFirstOrThrow']>>;

export function findRosterImport(db: DbOrTrx, id: number) {
  return selectImports(db).where('ri.id', '=', id).executeTakeFirst();
}

export async function listRosterImports(db: DbOrTrx, unitId: number, page: { page: number; pageSize: number }) {
  const [rows, count] = await Promise.all([
    selectImports(db)
      .where('ri.unit_id', '=', unitId)
      .orderBy('ri.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom('roster_imports')
      .where('unit_id', '=', unitId)
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertRosterImport(db: DbOrTrx, values: Insertable<RosterImportsTable>): Promise<number> {
  return (await db.insertInto('roster_imports').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRosterImport(db: DbOrTrx, id: number, values: Updateable<RosterImportsTable>): Promise<void> {
  await db.updateTable('roster_imports').set(values).where('id', '=', id).execute();
}

/** uploaded → running; false when it was not waiting (already started, expired…). */
export async function markImportRunning(db: DbOrTrx, id: number, values: { header_row: number; mapping: string }) {
  const row = await db
    .updateTable('roster_imports')
    .set({ ...values, status: 'running', started_at: sql`now()`, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'uploaded')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function requestCancel(db: DbOrTrx, id: number): Promise<void> {
  await db
    .updateTable('roster_imports')
    .set({ cancel_requested_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Adds one batch's counts; returns whether someone asked to cancel. */
export async function addBatchCounts(
  db: DbOrTrx,
  id: number,
  counts: { rowsRead: number; inserted: number; updated: number; unchanged: number; failed: number; errorsTruncated: boolean },
): Promise<boolean> {
  const row = await db
    .updateTable('roster_imports')
    .set((eb) => ({
      rows_read: counts.rowsRead,
      inserted: eb('inserted', '+', counts.inserted),
      updated: eb('updated', '+', counts.updated),
      unchanged: eb('unchanged', '+', counts.unchanged),
      failed: eb('failed', '+', counts.failed),
      errors_truncated: counts.errorsTruncated,
      heartbeat_at: sql`now()`,
    }))
    .where('id', '=', id)
    .returning('cancel_requested_at')
    .executeTakeFirstOrThrow();
  return row.cancel_requested_at !== null;
}

export async function insertImportErrors(db: DbOrTrx, importId: number, errors: readonly RosterRowError[]): Promise<void> {
  if (errors.length === 0) return;
  await db
    .insertInto('roster_import_errors')
    .values(
      errors.map((e) => ({
        import_id: importId,
        row_number: e.row,
        student_no: e.studentNo?.slice(0, 40) ?? null,
        name: e.name?.slice(0, 40) ?? null,
        column_label: e.column,
        message: e.message,
      })),
    )
    .execute();
}

export async function listImportErrors(db: DbOrTrx, importId: number, page: { page: number; pageSize: number }) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('roster_import_errors')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('row_number')
      .orderBy('id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom('roster_import_errors')
      .where('import_id', '=', importId)
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function allImportErrors(db: DbOrTrx, importId: number) {
  return db.selectFrom('roster_import_errors').selectAll().where('import_id', '=', importId).orderBy('row_number').orderBy('id').execute();
}

/** Uploads nobody started within the time limit: their files are removed. */
export function findExpiredUploads(db: DbOrTrx, before: Date) {
  return db
    .selectFrom('roster_imports')
    .select(['id', 'storage_key'])
    .where('status', '=', 'uploaded')
    .where('created_at', '<', before)
    .execute();
}

/** Running imports whose process stopped sending heartbeats (a restart). */
export function findStalledImports(db: DbOrTrx, before: Date) {
  return db
    .selectFrom('roster_imports')
    .select(['id', 'storage_key'])
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', before)
    .execute();
}

// ---- students of one batch -------------------------------------------------------

/** The roster's current rows for these 学号, with the sealed values to compare against. */
export async function findStudentsByNumbers(db: DbOrTrx, unitId: number, studentNos: readonly string[]) {
  if (studentNos.length === 0) return [];
  return db
    .selectFrom('students')
    .select([
      'id',
      'student_no',
      'name',
      'gender',
      'department',
      'programme',
      'schooling',
      'grade',
      'class_name',
      'origin',
      'hukou_city',
      'id_number_sealed',
      'phone_sealed',
      'address_sealed',
      'birth_date_sealed',
      'bank_card_sealed',
    ])
    .where('unit_id', '=', unitId)
    .where('student_no', 'in', studentNos)
    .execute();
}

export type ExistingStudentRow = Awaited<ReturnType<typeof findStudentsByNumbers>>[number];

/** Columns an import may leave as they are: a null from the file keeps the roster's value. */
const keptWhenNull = [
  'gender',
  'department',
  'schooling',
  'class_name',
  'origin',
  'hukou_city',
  'id_number_sealed',
  'id_number_masked',
  'phone_sealed',
  'phone_masked',
  'address_sealed',
  'address_masked',
  'birth_date_sealed',
  'birth_date_masked',
  'bank_card_sealed',
  'bank_card_masked',
] as const;

export type ImportedStudentRow = Pick<Insertable<StudentsTable>, 'student_no' | 'name' | 'programme' | 'grade'> &
  Partial<Record<(typeof keptWhenNull)[number], string | null>>;

/**
 * New and changed students of one batch in one statement: inserted, or
 * updated by (unit, 学号) with empty cells keeping what the roster holds.
 * The rows travel as one array per column (unnest), not as 28 000 parameters:
 * several times faster to bind, on PGlite above all. Returns how many rows were
 * inserted and how many updated.
 */
export async function upsertStudents(
  db: DbOrTrx,
  unitId: number,
  by: number,
  rows: readonly ImportedStudentRow[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const textColumns = ['student_no', 'name', 'programme', ...keptWhenNull] as const;
  const column = (c: (typeof textColumns)[number]) => sql`${rows.map((r) => r[c] ?? null)}::text[]`;
  const result = await sql<{ inserted: boolean }>`
    insert into students (unit_id, created_by, updated_by, grade, ${sql.join(textColumns.map((c) => sql.ref(c)))})
    select ${unitId}::int, ${by}::int, ${by}::int, v.*
    from unnest(${rows.map((r) => r.grade)}::int[], ${sql.join(textColumns.map(column))}) as v
    on conflict on constraint students_unit_student_no_key do update set
      name = excluded.name,
      programme = excluded.programme,
      grade = excluded.grade,
      ${sql.join(keptWhenNull.map((c) => sql`${sql.ref(c)} = coalesce(excluded.${sql.ref(c)}, students.${sql.ref(c)})`))},
      updated_by = excluded.updated_by,
      updated_at = now()
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

// ---- classes and class teachers ------------------------------------------------------

/** Classes of a unit's roster within the actor's scope, with their enrolled count and grades. */
export function listClasses(db: DbOrTrx, scope: StudentScope, unitId: number) {
  return db
    .selectFrom('students as s')
    .where('s.unit_id', '=', unitId)
    .where('s.class_name', 'is not', null)
    .where(inStudentScope(scope))
    .groupBy('s.class_name')
    .select([
      sql<string>`s.class_name`.as('class_name'),
      sql<string>`count(*) filter (where s.status = 'enrolled')`.as('students'),
      sql<number[]>`array_agg(distinct s.grade order by s.grade) filter (where s.status = 'enrolled')`.as('grades'),
    ])
    .orderBy('s.class_name')
    .execute();
}

export function classTeachersOf(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('class_teachers as ct')
    .innerJoin('users as u', 'u.id', 'ct.user_id')
    .select(['ct.class_name', 'u.id', 'u.display_name'])
    .where('ct.unit_id', '=', unitId)
    .orderBy('u.display_name')
    .execute();
}

export async function classExists(db: DbOrTrx, unitId: number, className: string): Promise<boolean> {
  const row = await db
    .selectFrom('students')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('class_name', '=', className)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Users who may head a class: active teachers (育人导师/班主任) of the unit. */
export function teacherCandidates(db: DbOrTrx, unitId: number, ids?: readonly number[]) {
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.username'])
    .where('u.unit_id', '=', unitId)
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', 'mentor')),
    );
  if (ids) q = q.where('u.id', 'in', ids.length ? ids : [0]);
  return q.orderBy('u.display_name').execute();
}

export async function replaceClassTeachers(db: DbOrTrx, unitId: number, className: string, userIds: readonly number[], assignedBy: number) {
  await db.deleteFrom('class_teachers').where('unit_id', '=', unitId).where('class_name', '=', className).execute();
  if (userIds.length) {
    await db
      .insertInto('class_teachers')
      .values(userIds.map((user_id) => ({ unit_id: unitId, class_name: className, user_id, assigned_by: assignedBy })))
      .execute();
  }
}

// ---- grade promotion ------------------------------------------------------------------

/** Enrolled students of a unit by 学制 and grade. */
export function enrolledBySchoolingAndGrade(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('students')
    .select(['schooling', 'grade', sql<string>`count(*)`.as('n')])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'enrolled')
    .groupBy(['schooling', 'grade'])
    .execute();
}

export function findPromotion(db: DbOrTrx, unitId: number, schoolYear: string) {
  return db
    .selectFrom('grade_promotions as gp')
    .leftJoin('users as u', 'u.id', 'gp.run_by')
    .select(['gp.run_at', 'gp.promoted', 'gp.graduated', 'u.display_name as run_by_name'])
    .where('gp.unit_id', '=', unitId)
    .where('gp.school_year', '=', schoolYear)
    .executeTakeFirst();
}

export async function insertPromotion(
  db: DbOrTrx,
  values: { unit_id: number; school_year: string; promoted: number; graduated: number; run_by: number },
): Promise<void> {
  await db.insertInto('grade_promotions').values(values).execute();
}

export async function setPromotionCounts(db: DbOrTrx, unitId: number, schoolYear: string, counts: { promoted: number; graduated: number }) {
  await db.updateTable('grade_promotions').set(counts).where('unit_id', '=', unitId).where('school_year', '=', schoolYear).execute();
}

/** Students of one 学制 in their last grade (or beyond) leave as graduates; returns how many. */
export async function graduateStudents(
  db: DbOrTrx,
  unitId: number,
  schooling: string | null,
  finalGrade: number,
  by: number,
): Promise<number> {
  const result = await db
    .updateTable('students')
    .set({ status: 'graduated', updated_by: by, updated_at: sql`now()` })
    .where('unit_id', '=', unitId)
    .where('status', '=', 'enrolled')
    .where(sql<boolean>`schooling is not distinct from ${schooling}`)
    .where('grade', '>=', finalGrade)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The others of that 学制 move up one grade; returns how many. */
export async function promoteStudents(
  db: DbOrTrx,
  unitId: number,
  schooling: string | null,
  finalGrade: number,
  by: number,
): Promise<number> {
  const result = await db
    .updateTable('students')
    .set((eb) => ({ grade: eb('grade', '+', 1), updated_by: by, updated_at: sql`now()` }))
    .where('unit_id', '=', unitId)
    .where('status', '=', 'enrolled')
    .where(sql<boolean>`schooling is not distinct from ${schooling}`)
    .where('grade', '<', finalGrade)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
