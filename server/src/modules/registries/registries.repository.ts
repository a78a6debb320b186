import { sql, type Insertable, type Updateable } from 'kysely';
import type { ListAwardsQuery, ListSeminarsQuery, RegistryFileOwner } from '../../../../contracts/registries.ts';
import { schoolYearRange } from '../../../../contracts/school-year.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { RewardAwardsTable, RewardItemsTable, SeminarsTable, SupportCentersTable } from '../../db/schema.ts';
import type { StudentScope } from '../../policies/student-policy.ts';
import { inStudentScope } from '../students/students.repository.ts';

export function findUnitBrief(db: DbOrTrx, unitId: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
}

// ---- 学生发展支持中心 ----

export function findSupportCenter(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('support_centers as c')
    .leftJoin('users as u', 'u.id', 'c.updated_by')
    .selectAll('c')
    .select('u.display_name as updated_by_name')
    .where('c.unit_id', '=', unitId)
    .executeTakeFirst();
}

export type SupportCenterRow = NonNullable<Awaited<ReturnType<typeof findSupportCenter>>>;

export async function upsertSupportCenter(db: DbOrTrx, values: Insertable<SupportCentersTable>): Promise<void> {
  const { unit_id: _unit, created_by: _by, ...changes } = values;
  await db
    .insertInto('support_centers')
    .values(values)
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...changes, updated_at: sql`now()` }))
    .execute();
}

// ---- 成长奖励制度 ----

export function findRewardScheme(db: DbOrTrx, unitId: number) {
  return db
    .selectFrom('reward_schemes as r')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .selectAll('r')
    .select('u.display_name as updated_by_name')
    .where('r.unit_id', '=', unitId)
    .executeTakeFirst();
}

export type RewardSchemeRow = NonNullable<Awaited<ReturnType<typeof findRewardScheme>>>;

export async function upsertRewardScheme(
  db: DbOrTrx,
  values: { unit_id: number; title: string; adopted_on: string; note: string | null; created_by: number; updated_by: number },
): Promise<void> {
  const { unit_id: _unit, created_by: _by, ...changes } = values;
  await db
    .insertInto('reward_schemes')
    .values(values)
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...changes, updated_at: sql`now()` }))
    .execute();
}

function selectItems(db: DbOrTrx) {
  return db
    .selectFrom('reward_items as i')
    .selectAll('i')
    .select((eb) =>
      eb
        .selectFrom('reward_awards as a')
        .whereRef('a.item_id', '=', 'i.id')
        .select(sql<string>`count(*)`.as('n'))
        .as('award_count'),
    );
}

export type RewardItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirstOrThrow']>>;

export function listRewardItems(db: DbOrTrx, unitId: number) {
  return selectItems(db).where('i.unit_id', '=', unitId).orderBy('i.id').execute();
}

export function findRewardItem(db: DbOrTrx, id: number) {
  return selectItems(db).where('i.id', '=', id).executeTakeFirst();
}

export async function insertRewardItem(db: DbOrTrx, values: Insertable<RewardItemsTable>): Promise<number> {
  return (await db.insertInto('reward_items').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRewardItem(db: DbOrTrx, id: number, values: Updateable<RewardItemsTable>): Promise<void> {
  await db
    .updateTable('reward_items')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteRewardItem(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('reward_items').where('id', '=', id).execute();
}

function selectAwards(db: DbOrTrx) {
  return db
    .selectFrom('reward_awards as a')
    .innerJoin('reward_items as i', 'i.id', 'a.item_id')
    .innerJoin('students as s', 's.id', 'a.student_id')
    .select([
      'a.id',
      'a.unit_id',
      'a.item_id',
      'i.name as item_name',
      'a.student_id',
      's.name as student_name',
      's.student_no',
      's.class_name',
      'a.awarded_on',
      'a.school_year',
      'a.note',
      'a.created_at',
    ]);
}

export type AwardRow = Awaited<ReturnType<ReturnType<typeof selectAwards>['executeTakeFirstOrThrow']>>;

/** A unit's awards, newest first: those of students in the reader's scope, and how many the unit gave in all. */
export async function listAwards(db: DbOrTrx, unitId: number, scope: StudentScope, query: ListAwardsQuery) {
  let unitAwards = db.selectFrom('reward_awards as a').where('a.unit_id', '=', unitId);
  if (query.schoolYear) unitAwards = unitAwards.where('a.school_year', '=', query.schoolYear);
  const visible = unitAwards.innerJoin('students as s', 's.id', 'a.student_id').where(inStudentScope(scope));
  const [rows, count, unitCount] = await Promise.all([
    selectAwards(db)
      .where(
        'a.id',
        'in',
        visible
          .select('a.id')
          .orderBy('a.awarded_on', 'desc')
          .orderBy('a.id', 'desc')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      )
      .orderBy('a.awarded_on', 'desc')
      .orderBy('a.id', 'desc')
      .execute(),
    visible.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    unitAwards.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), unitTotal: Number(unitCount.n) };
}

export function findAward(db: DbOrTrx, id: number) {
  return selectAwards(db).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAward(db: DbOrTrx, values: Insertable<RewardAwardsTable>): Promise<number> {
  return (await db.insertInto('reward_awards').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteAward(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('reward_awards').where('id', '=', id).execute();
}

// ---- 常态化研讨 ----

function selectSeminars(db: DbOrTrx) {
  return db
    .selectFrom('seminars as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.display_name as created_by_name');
}

export type SeminarRow = Awaited<ReturnType<ReturnType<typeof selectSeminars>['executeTakeFirstOrThrow']>>;

export async function listSeminars(db: DbOrTrx, unitId: number, query: ListSeminarsQuery) {
  let base = db.selectFrom('seminars as s').where('s.unit_id', '=', unitId);
  if (query.schoolYear) {
    const [from, to] = schoolYearRange(query.schoolYear);
    base = base.where('s.held_on', '>=', from).where('s.held_on', '<=', to);
  }
  const [rows, count] = await Promise.all([
    selectSeminars(db)
      .where(
        's.id',
        'in',
        base
          .select('s.id')
          .orderBy('s.held_on', 'desc')
          .orderBy('s.id', 'desc')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      )
      .orderBy('s.held_on', 'desc')
      .orderBy('s.id', 'desc')
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findSeminar(db: DbOrTrx, id: number) {
  return selectSeminars(db).where('s.id', '=', id).executeTakeFirst();
}

export async function insertSeminar(db: DbOrTrx, values: Insertable<SeminarsTable>): Promise<number> {
  return (await db.insertInto('seminars').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSeminar(db: DbOrTrx, id: number, values: Updateable<SeminarsTable>): Promise<void> {
  await db
    .updateTable('seminars')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteSeminar(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('seminars').where('id', '=', id).execute();
}

// ---- documents and photos ----

function selectRegistryFiles(db: DbOrTrx) {
  return db
    .selectFrom('registry_files as r')
    .innerJoin('stored_files as f', 'f.id', 'r.file_id')
    .select([
      'r.file_id',
      'r.unit_id',
      'r.owner_kind',
      'r.seminar_id',
      'f.storage_key',
      'f.original_name',
      'f.mime_type',
      'f.extension',
      'f.size_bytes',
      'f.created_at',
    ]);
}

export type RegistryFileRow = Awaited<ReturnType<ReturnType<typeof selectRegistryFiles>['executeTakeFirstOrThrow']>>;

export function listOwnerFiles(db: DbOrTrx, unitId: number, owner: Exclude<RegistryFileOwner, 'seminar'>) {
  return selectRegistryFiles(db).where('r.unit_id', '=', unitId).where('r.owner_kind', '=', owner).orderBy('r.id').execute();
}

export function listSeminarFiles(db: DbOrTrx, seminarIds: number[]) {
  if (seminarIds.length === 0) return Promise.resolve([] as RegistryFileRow[]);
  return selectRegistryFiles(db).where('r.seminar_id', 'in', seminarIds).orderBy('r.id').execute();
}

export function findRegistryFile(db: DbOrTrx, fileId: number) {
  return selectRegistryFiles(db).where('r.file_id', '=', fileId).executeTakeFirst();
}

export async function countOwnerFiles(db: DbOrTrx, unitId: number, owner: RegistryFileOwner, seminarId: number | null) {
  let q = db.selectFrom('registry_files').where('unit_id', '=', unitId).where('owner_kind', '=', owner);
  if (seminarId !== null) q = q.where('seminar_id', '=', seminarId);
  return Number((await q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export async function insertRegistryFile(
  db: DbOrTrx,
  values: { unit_id: number; owner_kind: RegistryFileOwner; seminar_id: number | null; file_id: number; added_by: number },
): Promise<void> {
  await db.insertInto('registry_files').values(values).execute();
}
