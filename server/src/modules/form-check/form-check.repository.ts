import { sql, type ExpressionBuilder } from 'kysely';
import type { FormCheckStatus, InboxQuery } from '../../../../contracts/form-check.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isInstituteAdmin, type Actor } from '../../policies/actor.ts';
import { containsPattern } from '../../db/like.ts';

type Eb = ExpressionBuilder<Database & { s: Database['submissions'] }, 's'>;

/** The form check's finer status as SQL; formCheckStatusOf() in the presenter says the same in TypeScript. */
function statusFilter(eb: Eb, status: FormCheckStatus) {
  switch (status) {
    case 'accepted':
      return eb('s.accepted_at', 'is not', null);
    case 'returned':
      return eb.and([eb('s.accepted_at', 'is', null), eb('s.returned_at', '>', eb.ref('s.submitted_at'))]);
    case 'resubmitted':
      return eb.and([eb('s.accepted_at', 'is', null), eb('s.returned_at', '<=', eb.ref('s.submitted_at'))]);
    case 'submitted':
      return eb.and([eb('s.accepted_at', 'is', null), eb('s.returned_at', 'is', null)]);
  }
}

/**
 * Sent cases (submitted, not withdrawn, not deleted) the actor form-checks:
 * every track for the institute admin; for a coordinator, the tracks they
 * coordinate minus their own unit's cases (those go to the institute admin).
 */
function inboxScope(db: DbOrTrx, actor: Actor) {
  let q = db
    .selectFrom('submissions as s')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .leftJoin('users as co', 'co.id', 't.coordinator_user_id')
    .where('s.deleted_at', 'is', null)
    .where('s.submitted_at', 'is not', null)
    .where('s.withdrawn_at', 'is', null);
  if (!isInstituteAdmin(actor)) {
    q = q.where('t.coordinator_user_id', '=', actor.id);
    if (actor.unitId !== null) q = q.where('s.unit_id', '!=', actor.unitId);
  }
  return q;
}

const handlerSql = sql<
  'coordinator' | 'institute_admin'
>`case when co.id is not null and co.unit_id is distinct from s.unit_id then 'coordinator' else 'institute_admin' end`;

export async function listInbox(db: DbOrTrx, actor: Actor, query: InboxQuery) {
  let base = inboxScope(db, actor);
  if (query.campaignId) base = base.where('s.campaign_id', '=', query.campaignId);
  if (query.trackId) base = base.where('s.track_id', '=', query.trackId);
  if (query.unitId) base = base.where('s.unit_id', '=', query.unitId);
  if (query.subtypeId) base = base.where('s.subtype_id', '=', query.subtypeId);
  if (query.status) {
    const status = query.status;
    base = base.where((eb) => statusFilter(eb as unknown as Eb, status));
  }
  if (query.tag) base = base.where(sql<boolean>`s.priority_tags @> ${JSON.stringify([{ tag: query.tag }])}::jsonb`);
  if (query.handler) base = base.where(handlerSql, '=', query.handler);
  if (query.q) {
    const like = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('s.title', 'ilike', like), eb('s.receipt_no', 'ilike', like), eb('un.name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
      .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
      .select([
        's.id',
        's.receipt_no',
        's.title',
        's.unit_id',
        's.track_id',
        's.subtype_id',
        's.campaign_id',
        's.priority_tags',
        's.submitted_at',
        's.returned_at',
        's.accepted_at',
        's.withdrawn_at',
        't.code as track_code',
        't.name as track_name',
        't.coordinator_user_id as track_coordinator_id',
        't.submission_closes_at',
        't.revision_closes_at',
        'co.unit_id as coordinator_unit_id',
        'un.name as unit_name',
        'st.name as subtype_name',
        'c.year as campaign_year',
        sql<string>`(select count(*) from submission_versions v where v.submission_id = s.id)`.as('version_count'),
      ])
      // What waits for a decision first, the longest-waiting first; then returned, then accepted.
      .orderBy(sql`case when s.accepted_at is not null then 2 when s.returned_at > s.submitted_at then 1 else 0 end`)
      .orderBy('s.submitted_at')
      .orderBy('s.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

export function findUserBrief(db: DbOrTrx, userId: number) {
  return db.selectFrom('users').select(['id', 'unit_id', 'display_name']).where('id', '=', userId).executeTakeFirst();
}

/** The most recent submitted version of each of these submissions. */
export async function latestSnapshots(
  db: DbOrTrx,
  submissionIds: number[],
): Promise<Map<number, { versionNo: number; snapshot: Record<string, unknown> }>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('submission_versions')
    .select(['submission_id', 'version_no', 'snapshot'])
    .distinctOn('submission_id')
    .where('submission_id', 'in', submissionIds)
    .orderBy('submission_id')
    .orderBy('version_no', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.submission_id, { versionNo: r.version_no, snapshot: r.snapshot }]));
}

// ---- recommendation lists ----

function sentSubmissions(db: DbOrTrx) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
    .where('s.deleted_at', 'is', null)
    .where('s.submitted_at', 'is not', null)
    .where('s.withdrawn_at', 'is', null)
    .select([
      's.id',
      's.receipt_no',
      's.title',
      's.contact_name',
      's.contact_phone',
      's.submitted_at',
      's.returned_at',
      's.accepted_at',
      's.withdrawn_at',
      's.unit_id',
      't.name as track_name',
      't.sort_order as track_sort',
      'st.name as subtype_name',
      'un.name as unit_name',
    ]);
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof sentSubmissions>['execute']>>[number];

export function listSentOfUnit(db: DbOrTrx, campaignId: number, unitId: number) {
  return sentSubmissions(db)
    .where('s.campaign_id', '=', campaignId)
    .where('s.unit_id', '=', unitId)
    .orderBy('t.sort_order')
    .orderBy('t.id')
    .orderBy('s.receipt_no')
    .execute();
}

export function listSentOfTrack(db: DbOrTrx, trackId: number, exceptUnitId: number | null) {
  let q = sentSubmissions(db).where('s.track_id', '=', trackId);
  if (exceptUnitId !== null) q = q.where('s.unit_id', '!=', exceptUnitId);
  return q.orderBy('s.receipt_no').execute();
}

export function findCampaignBrief(db: DbOrTrx, id: number) {
  return db.selectFrom('campaigns').select(['id', 'year', 'title']).where('id', '=', id).executeTakeFirst();
}

export function findUnitBrief(db: DbOrTrx, id: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findTrackBrief(db: DbOrTrx, id: number) {
  return db
    .selectFrom('tracks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select([
      't.id',
      't.name',
      't.code',
      't.coordinator_user_id',
      'c.id as campaign_id',
      'c.year as campaign_year',
      'c.title as campaign_title',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}
