import { sql } from 'kysely';
import type { Role } from '../../../../contracts/roles.ts';
import type { ListUsersQuery } from '../../../../contracts/users.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import type { NewUser, UserUpdate } from '../../db/schema.ts';

const rolesOf = sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`;

function selectUsers(db: DbOrTrx) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.phone',
      'u.unit_id',
      'un.name as unit_name',
      'u.must_change_password',
      'u.disabled_at',
      'u.last_login_at',
      'u.created_at',
      rolesOf.as('roles'),
    ]);
}

export type UserListRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export async function listUsers(db: DbOrTrx, query: ListUsersQuery) {
  let base = db.selectFrom('users as u');
  if (query.q) {
    const like = containsPattern(query.q);
    base = base.where((eb) =>
      eb.or([
        eb('u.username', 'ilike', like),
        eb('u.display_name', 'ilike', like),
        eb('u.email', 'ilike', like),
        eb('u.phone', 'like', like),
      ]),
    );
  }
  if (query.unitId) base = base.where('u.unit_id', '=', query.unitId);
  if (query.status === 'active') base = base.where('u.disabled_at', 'is', null);
  if (query.status === 'disabled') base = base.where('u.disabled_at', 'is not', null);
  if (query.role) {
    const role = query.role;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('user_roles as r').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role).select('r.user_id')),
    );
  }
  const ids = base.select('u.id');
  const [rows, count] = await Promise.all([
    selectUsers(db)
      .where('u.id', 'in', ids)
      .orderBy('u.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUserById(db: DbOrTrx, id: number) {
  return selectUsers(db).where('u.id', '=', id).executeTakeFirst();
}

/** By username, e-mail or phone, case-insensitive: the login lookup. */
export function findUserForLogin(db: DbOrTrx, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([eb(sql`lower(username)`, '=', login.toLowerCase()), eb(sql`lower(email)`, '=', login.toLowerCase()), eb('phone', '=', login)]),
    )
    .executeTakeFirst();
}

export function findPasswordHash(db: DbOrTrx, id: number) {
  return db.selectFrom('users').select(['password_hash']).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: DbOrTrx, values: NewUser, roles: readonly Role[]): Promise<number> {
  const { id } = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  await setUserRoles(db, id, roles);
  return id;
}

export async function updateUser(db: DbOrTrx, id: number, values: UserUpdate): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setUserRoles(db: DbOrTrx, userId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  // A role named twice (e.g. “育人导师/班主任、mentor” in an import) is one role, not a key violation.
  const unique = [...new Set(roles)];
  if (unique.length)
    await db
      .insertInto('user_roles')
      .values(unique.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Existing usernames, e-mails and phones among the given ones (for imports). */
export async function findTakenIdentifiers(db: DbOrTrx, usernames: string[], emails: string[], phones: string[]) {
  const rows = await db
    .selectFrom('users')
    .select(['username', 'email', 'phone'])
    .where((eb) =>
      eb.or([
        eb(sql`lower(username)`, 'in', usernames.length ? usernames.map((u) => u.toLowerCase()) : ['']),
        eb(sql`lower(email)`, 'in', emails.length ? emails.map((e) => e.toLowerCase()) : ['']),
        eb('phone', 'in', phones.length ? phones : ['']),
      ]),
    )
    .execute();
  return {
    usernames: new Set(rows.map((r) => r.username.toLowerCase())),
    emails: new Set(rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : []))),
    phones: new Set(rows.flatMap((r) => (r.phone ? [r.phone] : []))),
  };
}
