import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: DbOrTrx,
  input: { userId: number; ttlMs: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + input.ttlMs),
    })
    .execute();
  return { token, csrfToken };
}

/** The live session and its user, or undefined when expired, unknown or the user is disabled. */
export async function findActiveSession(db: DbOrTrx, token: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'u.must_change_password',
      sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
    ])
    .executeTakeFirst();
  return row;
}

/** Sliding expiry, written at most once a minute per session. */
export async function touchSession(db: DbOrTrx, sessionId: string, ttlMs: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + ttlMs) })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: DbOrTrx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: DbOrTrx, userId: number, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: DbOrTrx): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
}
