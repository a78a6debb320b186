import { sql, type Selectable } from 'kysely';
import type { ListInboxQuery, ListMailsQuery } from '../../../../contracts/notifications.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { InboxMessagesTable, OutboxEmailsTable } from '../../db/schema.ts';
import { containsPattern } from '../../db/like.ts';

export type OutboxRow = Selectable<OutboxEmailsTable>;
export type InboxRow = Selectable<InboxMessagesTable>;

/** How long a claimed mail is hidden from other senders while this one works on it. */
const CLAIM_LEASE = sql`interval '10 minutes'`;

function dueIds(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('outbox_emails')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
}

/**
 * Takes up to `limit` due mails for sending. One statement: rows another
 * instance has locked are skipped, and the lease keeps them from being taken
 * again until this sender records the outcome.
 */
export function claimDueMails(db: DbOrTrx, limit: number): Promise<OutboxRow[]> {
  return db
    .updateTable('outbox_emails')
    .set({ next_attempt_at: sql<Date>`now() + ${CLAIM_LEASE}` })
    .where('id', 'in', dueIds(db, limit))
    .returningAll()
    .execute()
    .then((rows) => rows.sort((a, b) => a.id - b.id));
}

/** Demo mode: due mails are kept, not sent. Returns how many were filed. */
export async function storeDueMails(db: DbOrTrx, limit: number): Promise<number> {
  const rows = await db
    .updateTable('outbox_emails')
    .set({ status: 'stored' })
    .where('id', 'in', dueIds(db, limit))
    .returning('id')
    .execute();
  return rows.length;
}

export async function markSent(db: DbOrTrx, id: number): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set((eb) => ({ status: 'sent', sent_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute();
}

export async function markFailedAttempt(db: DbOrTrx, id: number, outcome: { error: string; giveUp: boolean; retryInMs: number }) {
  await db
    .updateTable('outbox_emails')
    .set((eb) => ({
      status: outcome.giveUp ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      last_error: outcome.error.slice(0, 2000),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${outcome.retryInMs / 1000}::float8)`,
    }))
    .where('id', '=', id)
    .execute();
}

// ---- in-app inbox -------------------------------------------------------

export async function listInbox(db: DbOrTrx, userId: number, query: ListInboxQuery) {
  let base = db.selectFrom('inbox_messages').where('user_id', '=', userId);
  if (query.unread) base = base.where('read_at', 'is', null);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUnread(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('inbox_messages')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findInboxMessage(db: DbOrTrx, id: number) {
  return db.selectFrom('inbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks read once: the first reading time is kept. */
export async function markRead(db: DbOrTrx, id: number): Promise<InboxRow> {
  await db
    .updateTable('inbox_messages')
    .set({ read_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return db.selectFrom('inbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function markAllRead(db: DbOrTrx, userId: number): Promise<number> {
  const result = await db
    .updateTable('inbox_messages')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- mail log ------------------------------------------------------------

export async function listMails(db: DbOrTrx, query: ListMailsQuery) {
  let base = db.selectFrom('outbox_emails');
  if (query.status) base = base.where('status', '=', query.status);
  if (query.to) base = base.where('to_address', 'ilike', containsPattern(query.to));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
