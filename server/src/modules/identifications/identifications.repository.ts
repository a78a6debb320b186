import { sql, type Updateable } from 'kysely';
import type { IdentificationStatus, ListIdentificationsQuery } from '../../../../contracts/identifications.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { IdentificationsTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';
import { inStudentScope, ownStudentOf } from '../students/students.repository.ts';
import { studentBriefColumns } from '../home-visits/student-brief.ts';

function selectIdentifications(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('identifications as i')
    .innerJoin('students as s', 's.id', 'i.student_id')
    .innerJoin('units as su', 'su.id', 's.unit_id')
    .leftJoin('home_visits as hv', 'hv.id', 'i.home_visit_id')
    .leftJoin('identification_levels as rl', 'rl.id', 'i.requested_level_id')
    .leftJoin('identification_levels as al', 'al.id', 'i.appraisal_level_id')
    .leftJoin('identification_levels as pl', 'pl.id', 'i.proposed_level_id')
    .leftJoin('identification_levels as l', 'l.id', 'i.level_id')
    .leftJoin('users as ab', 'ab.id', 'i.applied_by')
    .leftJoin('public_notices as n', 'n.id', 'i.notice_id')
    .select([
      'i.id',
      'i.unit_id',
      'i.school_year',
      'i.status',
      'i.pledge_signed_on',
      'i.stated_situation',
      'i.applied_by',
      'ab.display_name as applied_by_name',
      'i.applied_at',
      'i.requested_level_id',
      'rl.name as requested_level_name',
      'i.home_visit_id',
      'hv.visited_on as visit_visited_on',
      'hv.mode as visit_mode',
      'hv.visitors as visit_visitors',
      'i.appraisal_result',
      'i.appraisal_level_id',
      'al.name as appraisal_level_name',
      'i.appraised_on',
      'i.appraisal_note',
      'i.proposed_level_id',
      'pl.name as proposed_level_name',
      'i.review_reason',
      'i.reviewed_at',
      'i.rechecked_at',
      'i.returned_at',
      'i.return_reason',
      'i.level_id',
      'l.name as level_name',
      'i.notice_id',
      'n.starts_on as notice_starts_on',
      'n.ends_on as notice_ends_on',
      'i.archived_at',
      'i.revoked_at',
      'i.revoke_reason',
      'i.updated_at',
      ...studentBriefColumns,
      ownStudentOf(userId).as('own_student'),
      // 先家访后认定: the linked visit is completed, of this student, in this school year.
      sql<boolean>`(hv.completed_at is not null and hv.student_id = i.student_id and hv.school_year = i.school_year)`.as(
        'has_completed_visit',
      ),
    ]);
}

export type IdentificationRow = Awaited<ReturnType<ReturnType<typeof selectIdentifications>['executeTakeFirstOrThrow']>>;

export function findIdentification(db: DbOrTrx, id: number, userId: number) {
  return selectIdentifications(db, userId).where('i.id', '=', id).executeTakeFirst();
}

export async function listIdentifications(db: DbOrTrx, scope: StudentScope, userId: number, query: ListIdentificationsQuery) {
  let base = selectIdentifications(db, userId).where(inStudentScope(scope)).where('i.school_year', '=', query.schoolYear);
  if (query.unitId) base = base.where('i.unit_id', '=', query.unitId);
  if (query.className) base = base.where('s.class_name', '=', query.className);
  if (query.levelId) {
    const levelId = query.levelId;
    base = base.where((eb) => eb(eb.fn.coalesce('i.level_id', 'i.proposed_level_id'), '=', levelId));
  }
  if (query.q) {
    const q = query.q;
    const prefix = `${q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('s.student_no', 'like', prefix), eb('s.name', 'like', containsPattern(q))]));
  }
  // The counters ignore the status filter: they are the pipeline's tabs.
  const countsQuery = base
    .clearSelect()
    .select(['i.status', sql<string>`count(*)`.as('n')])
    .groupBy('i.status');
  const page = query.status ? base.where('i.status', '=', query.status) : base;
  const [rows, counts] = await Promise.all([
    page
      .orderBy('s.class_name')
      .orderBy('s.student_no')
      .orderBy('i.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    countsQuery.execute(),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<IdentificationStatus, number>>;
  const total = query.status ? (byStatus[query.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0);
  return { rows, total, counts: byStatus };
}

export function findIdentificationOf(db: DbOrTrx, studentId: number, schoolYear: string) {
  return db
    .selectFrom('identifications')
    .select(['id', 'status'])
    .where('student_id', '=', studentId)
    .where('school_year', '=', schoolYear)
    .executeTakeFirst();
}

export async function insertIdentification(
  db: DbOrTrx,
  values: {
    student_id: number;
    unit_id: number;
    school_year: string;
    requested_level_id: number | null;
    pledge_signed_on: string;
    stated_situation: string;
    applied_by: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('identifications')
    .values({ ...values, status: 'applied' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A step: changes the row only if it is still in one of the statuses the step
 * starts from (another officer may have moved it meanwhile); false otherwise.
 */
export async function advanceIdentification(
  db: DbOrTrx,
  id: number,
  from: readonly IdentificationStatus[],
  changes: Updateable<IdentificationsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('identifications')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertIdentificationEvent(
  db: DbOrTrx,
  e: { identificationId: number; action: string; actorId: number | null; note?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('identification_events')
    .values({
      identification_id: e.identificationId,
      action: e.action,
      actor_user_id: e.actorId,
      note: e.note ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

export function listIdentificationEvents(db: DbOrTrx, identificationId: number) {
  return db
    .selectFrom('identification_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.action', 'e.actor_user_id', 'u.display_name', 'e.note', 'e.details', 'e.at'])
    .where('e.identification_id', '=', identificationId)
    .orderBy('e.id')
    .execute();
}

/**
 * A visit just completed is linked to the student's identification of the same
 * school year if that one is still waiting for a visit. Returns the linked ids.
 */
export async function linkCompletedVisit(
  db: DbOrTrx,
  v: { studentId: number; schoolYear: string; visitId: number; actorId: number },
): Promise<number[]> {
  const rows = await db
    .updateTable('identifications')
    .set({ home_visit_id: v.visitId, visit_linked_at: new Date(), updated_at: new Date() })
    .where('student_id', '=', v.studentId)
    .where('school_year', '=', v.schoolYear)
    .where('home_visit_id', 'is', null)
    .where('status', 'in', ['applied', 'appraised'])
    .returning('id')
    .execute();
  for (const r of rows) {
    await insertIdentificationEvent(db, {
      identificationId: r.id,
      action: 'visit_linked',
      actorId: v.actorId,
      note: '家访完成后自动关联',
      details: { homeVisitId: v.visitId },
    });
  }
  return rows.map((r) => r.id);
}

// ---- levels

export function listLevels(db: DbOrTrx) {
  return db
    .selectFrom('identification_levels as l')
    .select([
      'l.id',
      'l.name',
      'l.sort_order',
      'l.active',
      sql<string>`(select count(*) from identifications i where i.level_id = l.id or i.proposed_level_id = l.id or i.requested_level_id = l.id or i.appraisal_level_id = l.id)`.as(
        'usage',
      ),
    ])
    .orderBy('l.sort_order')
    .orderBy('l.id')
    .execute();
}

export type LevelRow = Awaited<ReturnType<typeof listLevels>>[number];

export function findLevel(db: DbOrTrx, id: number) {
  return db.selectFrom('identification_levels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLevel(db: DbOrTrx, values: { name: string; sort_order: number; active: boolean }): Promise<number> {
  const row = await db.insertInto('identification_levels').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLevel(db: DbOrTrx, id: number, values: { name?: string; sort_order?: number; active?: boolean }) {
  await db
    .updateTable('identification_levels')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
