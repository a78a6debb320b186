import { sql } from 'kysely';
import type { ListUnitsQuery } from '../../../../contracts/units.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { UnitsTable } from '../../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';

const userCount = sql<string>`(select count(*) from users x where x.unit_id = u.id)`;

function selectUnits(db: DbOrTrx) {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.city', 'u.region', 'u.address', userCount.as('user_count')]);
}

export type UnitListRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>;

export async function listUnits(db: DbOrTrx, query: ListUnitsQuery) {
  let base = db.selectFrom('units as u');
  if (query.q) {
    const like = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.code', 'ilike', like), eb('u.city', 'like', like)]));
  }
  if (query.region) base = base.where('u.region', '=', query.region);
  if (query.kind) base = base.where('u.kind', '=', query.kind);
  const [rows, count] = await Promise.all([
    selectUnits(db)
      .where('u.id', 'in', base.select('u.id'))
      // The institute first, then branches and sites by code.
      .orderBy(sql`case u.kind when 'institute' then 0 when 'branch' then 1 else 2 end`)
      .orderBy('u.code')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUnitById(db: DbOrTrx, id: number) {
  return selectUnits(db).where('u.id', '=', id).executeTakeFirst();
}

/** Case-insensitive: people type unit codes as they like. Returns `code` as stored. */
export function findUnitsByCodes(db: DbOrTrx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where(
      sql`upper(code)`,
      'in',
      codes.map((c) => c.toUpperCase()),
    )
    .execute();
}

export async function insertUnit(db: DbOrTrx, values: Insertable<UnitsTable>): Promise<number> {
  const { id } = await db.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUnit(db: DbOrTrx, id: number, values: Updateable<UnitsTable>): Promise<void> {
  await db
    .updateTable('units')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

function selectPairings(db: DbOrTrx) {
  return db
    .selectFrom('unit_pairings as p')
    .innerJoin('units as a', 'a.id', 'p.unit_a_id')
    .innerJoin('units as b', 'b.id', 'p.unit_b_id')
    .select([
      'p.id',
      'p.kind',
      'p.started_on',
      'p.note',
      'a.id as a_id',
      'a.name as a_name',
      'a.region as a_region',
      'b.id as b_id',
      'b.name as b_name',
      'b.region as b_region',
    ]);
}

export type PairingListRow = Awaited<ReturnType<ReturnType<typeof selectPairings>['executeTakeFirstOrThrow']>>;

export function listPairings(db: DbOrTrx) {
  return selectPairings(db).orderBy('p.kind').orderBy('p.id').execute();
}

export function findPairingById(db: DbOrTrx, id: number) {
  return selectPairings(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertPairing(
  db: DbOrTrx,
  values: { kind: 'north_south' | 'urban_rural'; unit_a_id: number; unit_b_id: number; started_on: string | null; note: string | null },
): Promise<number> {
  const { id } = await db.insertInto('unit_pairings').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function deletePairing(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('unit_pairings').where('id', '=', id).execute();
}
