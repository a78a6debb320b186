import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

function selectNotices(db: DbOrTrx) {
  return db
    .selectFrom('public_notices as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select([
      'n.id',
      'n.unit_id',
      'u.name as unit_name',
      'n.school_year',
      'n.title',
      'n.starts_on',
      'n.ends_on',
      'n.published_at',
      'n.archived_at',
      sql<string>`(select count(*) from public_notice_entries e where e.notice_id = n.id)`.as('entry_count'),
      sql<string>`(select count(*) from notice_objections o where o.notice_id = n.id and o.resolved_at is null)`.as('open_objections'),
    ]);
}

export type NoticeRow = Awaited<ReturnType<ReturnType<typeof selectNotices>['executeTakeFirstOrThrow']>>;

export function findNotice(db: DbOrTrx, id: number) {
  return selectNotices(db).where('n.id', '=', id).executeTakeFirst();
}

/** Notices of one unit, or of every unit (null); newest first. */
export function listNotices(db: DbOrTrx, filter: { unitId: number | null; schoolYear?: string }) {
  let q = selectNotices(db);
  if (filter.unitId !== null) q = q.where('n.unit_id', '=', filter.unitId);
  if (filter.schoolYear) q = q.where('n.school_year', '=', filter.schoolYear);
  return q.orderBy('n.starts_on', 'desc').orderBy('n.id', 'desc').limit(500).execute();
}

/** The rows as published: only the allowed fields were ever copied. */
export function listNoticeEntries(db: DbOrTrx, noticeId: number) {
  return db
    .selectFrom('public_notice_entries')
    .select(['id', 'identification_id', 'name', 'unit_name', 'department', 'programme', 'grade', 'class_name', 'sort_order'])
    .where('notice_id', '=', noticeId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findUnitKind(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('units')
    .select('kind')
    .where('id', '=', unitId)
    .executeTakeFirst()
    .then((r) => r?.kind ?? null);
}

/** Identifications the institute confirmed and no notice has listed yet, in list order. */
export function findPublishable(db: DbOrTrx, unitId: number, schoolYear: string) {
  return db
    .selectFrom('identifications as i')
    .innerJoin('students as s', 's.id', 'i.student_id')
    .innerJoin('units as su', 'su.id', 's.unit_id')
    .select(['i.id', 's.name', 'su.name as unit_name', 's.department', 's.programme', 's.grade', 's.class_name'])
    .where('i.unit_id', '=', unitId)
    .where('i.school_year', '=', schoolYear)
    .where('i.status', '=', 'confirmed')
    .where('i.notice_id', 'is', null)
    .orderBy('s.class_name')
    .orderBy('s.student_no')
    .execute();
}

export async function insertNotice(
  db: DbOrTrx,
  values: { unit_id: number; school_year: string; title: string; starts_on: string; ends_on: string; published_by: number },
): Promise<number> {
  const row = await db.insertInto('public_notices').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertNoticeEntries(db: DbOrTrx, noticeId: number, rows: Awaited<ReturnType<typeof findPublishable>>) {
  if (rows.length === 0) return;
  await db
    .insertInto('public_notice_entries')
    .values(
      rows.map((r, i) => ({
        notice_id: noticeId,
        identification_id: r.id,
        name: r.name,
        unit_name: r.unit_name,
        department: r.department,
        programme: r.programme,
        grade: r.grade,
        class_name: r.class_name,
        sort_order: i + 1,
      })),
    )
    .execute();
}

/** The listed identifications move to 公示中; returns how many did (a concurrent publication takes none twice). */
export async function putOnNotice(db: DbOrTrx, noticeId: number, identificationIds: number[]): Promise<number> {
  if (identificationIds.length === 0) return 0;
  const result = await db
    .updateTable('identifications')
    .set({ notice_id: noticeId, status: 'in_notice', updated_at: new Date() })
    .where('id', 'in', identificationIds)
    .where('status', '=', 'confirmed')
    .where('notice_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Archives the notice and its identifications still on it (a revoked one stays revoked). */
export async function archiveNoticeRows(db: DbOrTrx, noticeId: number, userId: number, at: Date) {
  const archived = await db
    .updateTable('public_notices')
    .set({ archived_at: at, archived_by: userId })
    .where('id', '=', noticeId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (Number(archived.numUpdatedRows) !== 1) return null;
  return db
    .updateTable('identifications')
    .set({ status: 'archived', archived_at: at, archived_by: userId, updated_at: at })
    .where('notice_id', '=', noticeId)
    .where('status', '=', 'in_notice')
    .returning('id')
    .execute();
}

// ---- objections

export async function insertObjection(
  db: DbOrTrx,
  values: { notice_id: number; entry_id: number | null; text: string; lodged_by: number },
) {
  return db.insertInto('notice_objections').values(values).returning(['id', 'lodged_at']).executeTakeFirstOrThrow();
}

export function listObjections(db: DbOrTrx, noticeId: number) {
  return db
    .selectFrom('notice_objections as o')
    .leftJoin('public_notice_entries as e', 'e.id', 'o.entry_id')
    .leftJoin('users as lu', 'lu.id', 'o.lodged_by')
    .leftJoin('users as ru', 'ru.id', 'o.resolved_by')
    .select([
      'o.id',
      'o.notice_id',
      'o.text',
      'o.entry_id',
      'e.sort_order as entry_no',
      'e.name as entry_name',
      'e.class_name as entry_class_name',
      'e.identification_id as entry_identification_id',
      'o.lodged_by',
      'lu.display_name as lodged_by_name',
      'o.lodged_at',
      'o.outcome',
      'o.resolution_note',
      'o.resolved_by',
      'ru.display_name as resolved_by_name',
      'o.resolved_at',
    ])
    .where('o.notice_id', '=', noticeId)
    .orderBy('o.id')
    .execute();
}

export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function resolveObjectionRow(
  db: DbOrTrx,
  id: number,
  values: { outcome: 'dismissed' | 'upheld'; resolution_note: string; resolved_by: number },
): Promise<boolean> {
  const result = await db
    .updateTable('notice_objections')
    .set({ ...values, resolved_at: new Date() })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
