import { sql } from 'kysely';
import type { ListAuditQuery } from '../../../../contracts/audit.ts';
import type { DbOrTrx } from '../../db/database.ts';

/** Who did it and from where: taken from the request by the route, passed into commands. */
export interface AuditContext {
  actorId: number | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: number | null;
  summary?: { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string };
}

export async function recordAudit(db: DbOrTrx, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: context.actorId,
      ip: context.ip,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      summary: JSON.stringify(entry.summary ?? {}),
    })
    .execute();
}

export async function listAuditEvents(db: DbOrTrx, query: ListAuditQuery) {
  let base = db.selectFrom('audit_events as a').leftJoin('users as u', 'u.id', 'a.actor_user_id');
  if (query.actorId) base = base.where('a.actor_user_id', '=', query.actorId);
  if (query.action) base = base.where('a.action', '=', query.action);
  if (query.entityType) base = base.where('a.entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('a.entity_id', '=', query.entityId);
  if (query.from) base = base.where('a.at', '>=', new Date(query.from));
  if (query.to) base = base.where('a.at', '<=', new Date(query.to));
  const [rows, count] = await Promise.all([
    base
      .select([
        'a.id',
        'a.at',
        'a.ip',
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.summary',
        'a.actor_user_id',
        'u.display_name',
        'u.username',
      ])
      .orderBy('a.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>['rows'][number];
