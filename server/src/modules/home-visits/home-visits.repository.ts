import { sql, type Updateable } from 'kysely';
import type { ListHomeVisitsQuery } from '../../../../contracts/home-visits.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { HomeVisitsTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';
import { inStudentScope, ownStudentOf } from '../students/students.repository.ts';
import { studentBriefColumns } from './student-brief.ts';

function selectVisits(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('home_visits as v')
    .innerJoin('students as s', 's.id', 'v.student_id')
    .innerJoin('units as su', 'su.id', 's.unit_id')
    .innerJoin('users as cu', 'cu.id', 'v.created_by')
    .select([
      'v.id',
      'v.visited_on',
      'v.school_year',
      'v.mode',
      'v.visitors',
      'v.household',
      'v.findings',
      'v.revision',
      'v.completed_at',
      'v.completed_by',
      'v.created_by',
      'cu.display_name as created_by_name',
      'v.created_at',
      'v.updated_at',
      ...studentBriefColumns,
      ownStudentOf(userId).as('own_student'),
      sql<string>`(select count(*) from home_visit_photos p where p.visit_id = v.id)`.as('photo_count'),
    ]);
}

export type HomeVisitRow = Awaited<ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>>;

export function findHomeVisit(db: DbOrTrx, id: number, userId: number) {
  return selectVisits(db, userId).where('v.id', '=', id).executeTakeFirst();
}

/** Completed visits of everyone in scope, and the caller's own drafts. */
export async function listHomeVisits(db: DbOrTrx, scope: StudentScope, userId: number, query: ListHomeVisitsQuery) {
  let base = selectVisits(db, userId)
    .where(inStudentScope(scope))
    .where((eb) => eb.or([eb('v.completed_at', 'is not', null), eb('v.created_by', '=', userId)]));
  if (query.studentId) base = base.where('v.student_id', '=', query.studentId);
  if (query.schoolYear) base = base.where('v.school_year', '=', query.schoolYear);
  if (query.status === 'draft') base = base.where('v.completed_at', 'is', null);
  if (query.status === 'completed') base = base.where('v.completed_at', 'is not', null);
  if (query.className) base = base.where('s.class_name', '=', query.className);
  if (query.q) {
    const q = query.q;
    const prefix = `${q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('s.student_no', 'like', prefix), eb('s.name', 'like', containsPattern(q))]));
  }
  const [rows, count] = await Promise.all([
    base
      .orderBy(sql`v.completed_at is null`, 'desc')
      .orderBy('v.updated_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertHomeVisit(
  db: DbOrTrx,
  values: {
    student_id: number;
    unit_id: number;
    visited_on: string | null;
    school_year: string | null;
    mode: 'on_site' | 'video' | null;
    visitors: string;
    household: string;
    findings: string;
    created_by: number;
  },
): Promise<number> {
  const row = await db.insertInto('home_visits').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An edit of a draft against the revision the client saw; null when stale or no longer a draft. */
export async function updateHomeVisitContent(db: DbOrTrx, id: number, expectedRevision: number, changes: Updateable<HomeVisitsTable>) {
  const row = await db
    .updateTable('home_visits')
    .set({ ...changes, revision: sql`revision + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .where('completed_at', 'is', null)
    .returning(['revision', 'updated_at'])
    .executeTakeFirst();
  return row ?? null;
}

/** Marks a draft completed; false if it was completed meanwhile. */
export async function markHomeVisitCompleted(db: DbOrTrx, id: number, userId: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('home_visits')
    .set({ completed_at: at, completed_by: userId, updated_at: at, revision: sql`revision + 1` })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteHomeVisitRow(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('home_visits').where('id', '=', id).where('completed_at', 'is', null).execute();
}

/** Bumps the revision of a draft whose photos changed, so an open form sees it moved on. */
export async function touchHomeVisit(db: DbOrTrx, id: number): Promise<void> {
  await db
    .updateTable('home_visits')
    .set({ revision: sql`revision + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- photos

export function listVisitPhotos(db: DbOrTrx, visitId: number) {
  return db
    .selectFrom('home_visit_photos as p')
    .innerJoin('stored_files as f', 'f.id', 'p.file_id')
    .select(['p.id', 'p.visit_id', 'f.id as file_id', 'f.storage_key', 'f.original_name', 'f.mime_type', 'f.size_bytes', 'p.created_at'])
    .where('p.visit_id', '=', visitId)
    .orderBy('p.id')
    .execute();
}

export type VisitPhotoRow = Awaited<ReturnType<typeof listVisitPhotos>>[number];

export async function findVisitPhoto(db: DbOrTrx, visitId: number, photoId: number) {
  return (await listVisitPhotos(db, visitId)).find((p) => p.id === photoId);
}

export async function countVisitPhotos(db: DbOrTrx, visitId: number): Promise<number> {
  const row = await db
    .selectFrom('home_visit_photos')
    .select(sql<string>`count(*)`.as('n'))
    .where('visit_id', '=', visitId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertVisitPhoto(db: DbOrTrx, visitId: number, fileId: number): Promise<number> {
  const row = await db
    .insertInto('home_visit_photos')
    .values({ visit_id: visitId, file_id: fileId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteVisitPhotoRow(db: DbOrTrx, photoId: number): Promise<void> {
  await db.deleteFrom('home_visit_photos').where('id', '=', photoId).execute();
}

// ---- what identification needs

/** The student's completed visits in a school year, latest first. */
export function findCompletedVisits(db: DbOrTrx, studentId: number, schoolYear: string) {
  return db
    .selectFrom('home_visits')
    .select(['id', 'visited_on', 'completed_at'])
    .where('student_id', '=', studentId)
    .where('school_year', '=', schoolYear)
    .where('completed_at', 'is not', null)
    .orderBy('visited_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
