import { sql, type Insertable, type Updateable } from 'kysely';
import type { ArchiveEntryInput, ArchiveQuery } from '../../../../contracts/growth-archive.ts';
import { schoolYearRange } from '../../../../contracts/school-year.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { GrowthArchiveEntriesTable } from '../../db/schema.ts';

function selectEntries(db: DbOrTrx) {
  return db
    .selectFrom('growth_archive_entries as e')
    .leftJoin('users as cu', 'cu.id', 'e.created_by')
    .leftJoin('users as uu', 'uu.id', 'e.updated_by')
    .leftJoin('reward_awards as a', 'a.id', 'e.award_id')
    .leftJoin('reward_items as ri', 'ri.id', 'a.item_id')
    .select([
      'e.id',
      'e.student_id',
      'e.kind',
      'e.occurred_on',
      'e.aid_type',
      'e.amount_fen',
      'e.funder',
      'e.activity_type',
      'e.title',
      'e.hours',
      'e.body',
      'e.note',
      'e.target_on',
      'e.goal_status',
      'e.award_id',
      'a.school_year as award_school_year',
      'ri.name as award_item_name',
      'e.created_by',
      'cu.display_name as created_by_name',
      'e.created_at',
      'e.updated_by',
      'uu.display_name as updated_by_name',
      'e.updated_at',
    ]);
}

export type ArchiveEntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

/** A student's timeline, newest first. */
export function listEntries(db: DbOrTrx, studentId: number, query: ArchiveQuery = {}) {
  let q = selectEntries(db).where('e.student_id', '=', studentId);
  if (query.kind) q = q.where('e.kind', '=', query.kind);
  if (query.schoolYear) {
    const [from, to] = schoolYearRange(query.schoolYear);
    q = q.where('e.occurred_on', '>=', from).where('e.occurred_on', '<=', to);
  }
  return q.orderBy('e.occurred_on', 'desc').orderBy('e.id', 'desc').execute();
}

export function findEntry(db: DbOrTrx, id: number) {
  return selectEntries(db).where('e.id', '=', id).executeTakeFirst();
}

/** Aid received per school year (1 September – 31 August), newest first. */
export function aidTotals(db: DbOrTrx, studentId: number) {
  const startYear = sql<number>`(extract(year from occurred_on)::int - case when extract(month from occurred_on) < 9 then 1 else 0 end)`;
  return db
    .selectFrom('growth_archive_entries')
    .where('student_id', '=', studentId)
    .where('kind', '=', 'aid')
    .select([startYear.as('start_year'), sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('fen')])
    .groupBy(startYear)
    .orderBy('start_year', 'desc')
    .execute();
}

/** The columns of one kind of entry; every other kind's column is cleared. */
export function entryColumns(input: ArchiveEntryInput): Omit<Insertable<GrowthArchiveEntriesTable>, 'student_id'> {
  const empty = {
    aid_type: null,
    amount_fen: null,
    funder: null,
    activity_type: null,
    title: null,
    hours: null,
    body: null,
    note: null,
    target_on: null,
    goal_status: null,
  };
  const base = { ...empty, kind: input.kind, occurred_on: input.occurredOn };
  switch (input.kind) {
    case 'aid':
      return { ...base, aid_type: input.aidType, amount_fen: input.amount, funder: input.funder ?? null, note: input.note ?? null };
    case 'activity':
      return { ...base, activity_type: input.activityType, title: input.title, hours: input.hours ?? null, note: input.note ?? null };
    case 'reward':
      return { ...base, title: input.title, note: input.note ?? null };
    case 'note':
      return { ...base, body: input.body };
    case 'goal':
      return { ...base, body: input.body, target_on: input.targetOn ?? null, goal_status: input.goalStatus };
  }
}

export async function insertEntry(db: DbOrTrx, values: Insertable<GrowthArchiveEntriesTable>): Promise<number> {
  const row = await db.insertInto('growth_archive_entries').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntry(db: DbOrTrx, id: number, values: Updateable<GrowthArchiveEntriesTable>): Promise<void> {
  await db
    .updateTable('growth_archive_entries')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteEntry(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('growth_archive_entries').where('id', '=', id).execute();
}
