import { sql } from 'kysely';
import type { Region } from '../../../../contracts/regions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import type { CampaignsTable, TracksTable } from '../../db/schema.ts';

// ---- campaigns

/** Every submission row counts, drafts and deleted ones too: they all hold foreign keys to the campaign. */
const campaignSubmissionCount = sql<string>`(select count(*) from submissions s where s.campaign_id = c.id)`;

function selectCampaigns(db: DbOrTrx) {
  return db.selectFrom('campaigns as c').selectAll('c').select(campaignSubmissionCount.as('submission_count'));
}

export type CampaignRow = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['executeTakeFirstOrThrow']>>;

export function listCampaignRows(db: DbOrTrx) {
  return selectCampaigns(db).orderBy('c.year', 'desc').execute();
}

export function findCampaign(db: DbOrTrx, id: number) {
  return selectCampaigns(db).where('c.id', '=', id).executeTakeFirst();
}

/** Locks the campaign row for a status change or a structural edit (one at a time). */
export function lockCampaign(db: DbOrTrx, id: number) {
  return selectCampaigns(db).where('c.id', '=', id).forUpdate().executeTakeFirst();
}

export function findCampaignByYear(db: DbOrTrx, year: number) {
  return db.selectFrom('campaigns').select(['id']).where('year', '=', year).executeTakeFirst();
}

export async function insertCampaign(db: DbOrTrx, values: Insertable<CampaignsTable>): Promise<number> {
  const row = await db.insertInto('campaigns').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaign(db: DbOrTrx, id: number, values: Updateable<CampaignsTable>): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteCampaign(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('campaigns').where('id', '=', id).execute();
}

// ---- tracks

const trackSubmissionCount = sql<string>`(select count(*) from submissions s where s.track_id = t.id)`;
const trackOverrideCount = sql<string>`(select count(*) from track_quota_overrides o where o.track_id = t.id)`;
/** The coordinator's account is enabled and holds the track_coordinator role. */
const coordinatorEligible = sql<boolean>`(c.id is not null and c.disabled_at is null and exists (
  select 1 from user_roles r where r.user_id = c.id and r.role = 'track_coordinator'))`;

function selectTracks(db: DbOrTrx) {
  return db
    .selectFrom('tracks as t')
    .leftJoin('units as h', 'h.id', 't.host_unit_id')
    .leftJoin('users as c', 'c.id', 't.coordinator_user_id')
    .selectAll('t')
    .select([
      'h.name as host_unit_name',
      'c.display_name as coordinator_name',
      coordinatorEligible.as('coordinator_eligible'),
      trackSubmissionCount.as('submission_count'),
      trackOverrideCount.as('override_count'),
    ]);
}

export type TrackRow = Awaited<ReturnType<ReturnType<typeof selectTracks>['executeTakeFirstOrThrow']>>;

export function listTrackRows(db: DbOrTrx, campaignIds: number[]) {
  if (campaignIds.length === 0) return Promise.resolve([] as TrackRow[]);
  return selectTracks(db).where('t.campaign_id', 'in', campaignIds).orderBy('t.sort_order').orderBy('t.id').execute();
}

export function findTrack(db: DbOrTrx, id: number) {
  return selectTracks(db).where('t.id', '=', id).executeTakeFirst();
}

export async function insertTrack(db: DbOrTrx, values: Insertable<TracksTable>): Promise<number> {
  const row = await db.insertInto('tracks').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTrack(db: DbOrTrx, id: number, values: Updateable<TracksTable>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('tracks').set(values).where('id', '=', id).execute();
}

export async function deleteTrack(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('tracks').where('id', '=', id).execute();
}

export async function nextTrackSortOrder(db: DbOrTrx, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('tracks')
    .select(sql<number>`coalesce(max(sort_order) + 1, 0)`.as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setTrackOrder(db: DbOrTrx, trackIds: number[]): Promise<void> {
  for (const [i, id] of trackIds.entries()) {
    await db.updateTable('tracks').set({ sort_order: i }).where('id', '=', id).execute();
  }
}

/** Cases the unit has sent on this track at some point (submitted, whatever happened after). */
export async function countSentSubmissions(db: DbOrTrx, trackId: number): Promise<number> {
  const row = await db
    .selectFrom('submissions')
    .select(sql<string>`count(*)`.as('n'))
    .where('track_id', '=', trackId)
    .where('submitted_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether a user could coordinate a track: enabled, with the track_coordinator role. */
export async function findCoordinatorFacts(db: DbOrTrx, userId: number) {
  const row = await db
    .selectFrom('users as c')
    .select(['c.id', coordinatorEligible.as('eligible')])
    .where('c.id', '=', userId)
    .executeTakeFirst();
  return row ? { id: row.id, eligible: Boolean(row.eligible) } : undefined;
}

// ---- subtypes

export function listSubtypeRows(db: DbOrTrx, trackIds: number[]) {
  if (trackIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('track_subtypes')
    .select(['id', 'track_id', 'code', 'name', 'description', 'sort_order'])
    .where('track_id', 'in', trackIds)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findSubtype(db: DbOrTrx, id: number) {
  return db
    .selectFrom('track_subtypes as st')
    .selectAll('st')
    .select(sql<string>`(select count(*) from submissions s where s.subtype_id = st.id)`.as('submission_count'))
    .where('st.id', '=', id)
    .executeTakeFirst();
}

export async function insertSubtype(
  db: DbOrTrx,
  trackId: number,
  s: { code: string; name: string; description: string | null; sortOrder?: number },
): Promise<number> {
  const sortOrder =
    s.sortOrder ??
    Number(
      (
        await db
          .selectFrom('track_subtypes')
          .select(sql<number>`coalesce(max(sort_order) + 1, 0)`.as('n'))
          .where('track_id', '=', trackId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const row = await db
    .insertInto('track_subtypes')
    .values({ track_id: trackId, code: s.code, name: s.name, description: s.description, sort_order: sortOrder })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSubtype(db: DbOrTrx, id: number, values: { code?: string; name?: string; description?: string | null }) {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('track_subtypes').set(values).where('id', '=', id).execute();
}

export async function deleteSubtype(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('track_subtypes').where('id', '=', id).execute();
}

// ---- quota overrides

export function listQuotaOverrides(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('track_quota_overrides as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.unit_id', 'u.name as unit_name', 'u.code as unit_code', 'o.quota'])
    .where('o.track_id', '=', trackId)
    .orderBy('u.code')
    .execute();
}

export async function existingUnitIds(db: DbOrTrx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceQuotaOverrides(db: DbOrTrx, trackId: number, overrides: { unitId: number; quota: number }[]): Promise<void> {
  await db.deleteFrom('track_quota_overrides').where('track_id', '=', trackId).execute();
  if (overrides.length === 0) return;
  await db
    .insertInto('track_quota_overrides')
    .values(overrides.map((o) => ({ track_id: trackId, unit_id: o.unitId, quota: o.quota })))
    .execute();
}

// ---- notice files

export function listCampaignFiles(db: DbOrTrx, campaignIds: number[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_files as cf')
    .innerJoin('stored_files as f', 'f.id', 'cf.file_id')
    .select(['cf.campaign_id', 'f.id', 'f.original_name', 'f.size_bytes', 'f.created_at', 'f.storage_key'])
    .where('cf.campaign_id', 'in', campaignIds)
    .orderBy('f.id')
    .execute();
}

export async function linkCampaignFile(db: DbOrTrx, campaignId: number, fileId: number): Promise<void> {
  await db.insertInto('campaign_files').values({ campaign_id: campaignId, file_id: fileId }).execute();
}

export async function unlinkCampaignFile(db: DbOrTrx, campaignId: number, fileId: number): Promise<void> {
  await db.deleteFrom('campaign_files').where('campaign_id', '=', campaignId).where('file_id', '=', fileId).execute();
}

// ---- copy to another year

/**
 * Copies a campaign's tracks, sub-types and quota overrides into `targetId`,
 * shifting deadlines by whole years (a missing deadline stays missing).
 * Receipt numbers start again at 1.
 */
export async function copyCampaignContent(db: DbOrTrx, sourceId: number, targetId: number, years: number): Promise<void> {
  const shift = sql`make_interval(years => ${years})`;
  const pairs = await db
    .insertInto('tracks')
    .columns([
      'campaign_id',
      'code',
      'name',
      'kind',
      'host_unit_id',
      'coordinator_user_id',
      'contact_name',
      'contact_email',
      'contact_phone',
      'sort_order',
      'description',
      'opens_at',
      'submission_closes_at',
      'revision_closes_at',
      'default_quota',
      'upward_quota',
      'form_template',
      // review settings (review-pool module): the deadline moves with the rest
      'reviewers_per_case',
      'blind_review',
      'review_closes_at',
      'rubric',
      'spread_threshold',
    ])
    .expression((eb) =>
      eb
        .selectFrom('tracks as t')
        .select([
          sql<number>`${targetId}::integer`.as('campaign_id'),
          't.code',
          't.name',
          't.kind',
          't.host_unit_id',
          't.coordinator_user_id',
          't.contact_name',
          't.contact_email',
          't.contact_phone',
          't.sort_order',
          't.description',
          sql<Date>`t.opens_at + ${shift}`.as('opens_at'),
          sql<Date>`t.submission_closes_at + ${shift}`.as('submission_closes_at'),
          sql<Date>`t.revision_closes_at + ${shift}`.as('revision_closes_at'),
          't.default_quota',
          't.upward_quota',
          't.form_template',
          't.reviewers_per_case',
          't.blind_review',
          sql<Date>`t.review_closes_at + ${shift}`.as('review_closes_at'),
          't.rubric',
          't.spread_threshold',
        ])
        .where('t.campaign_id', '=', sourceId),
    )
    .returning(['id', 'code'])
    .execute();
  const sources = await db.selectFrom('tracks').select(['id', 'code']).where('campaign_id', '=', sourceId).execute();
  for (const source of sources) {
    const target = pairs.find((p) => p.code === source.code);
    if (!target) continue;
    await sql`insert into track_subtypes (track_id, code, name, description, sort_order)
      select ${target.id}, code, name, description, sort_order from track_subtypes where track_id = ${source.id}`.execute(db);
    await sql`insert into track_quota_overrides (track_id, unit_id, quota)
      select ${target.id}, unit_id, quota from track_quota_overrides where track_id = ${source.id}`.execute(db);
  }
}

// ---- progress

export interface ProgressScope {
  /** null: every track; otherwise only tracks this user coordinates … */
  coordinatorId: number | null;
  /** … or (union) rows of this unit. Both null with allUnits: everything. */
  unitId: number | null;
  all: boolean;
  region?: Region;
}

/**
 * Counts per track × unit, from the facts on each submission. The state of a
 * submission is decided by the first rule that applies:
 *   deleted_at set                      → not counted at all (a discarded draft)
 *   withdrawn_at set                    → withdrawn (taken back, not yet resubmitted; resubmitting clears it)
 *   submitted_at null                   → draft
 *   accepted_at set                     → accepted
 *   returned_at > submitted_at          → returned (returned after its latest submission)
 *   otherwise                           → submitted (awaiting the form check)
 * Quota used = submitted + returned + accepted: what the unit has sent and not taken back.
 * Rows: every branch and site (and any other unit with submissions) for every visible track.
 */
export async function progressRows(db: DbOrTrx, campaignId: number, scope: ProgressScope) {
  const state = sql<string>`case
      when s.withdrawn_at is not null then 'withdrawn'
      when s.submitted_at is null then 'draft'
      when s.accepted_at is not null then 'accepted'
      when s.returned_at > s.submitted_at then 'returned'
      else 'submitted'
    end`;
  const count = (name: string) => sql<string>`count(st.state) filter (where st.state = ${name})`;
  let query = db
    .with('st', (w) =>
      w
        .selectFrom('submissions as s')
        .select(['s.track_id', 's.unit_id', state.as('state')])
        .where('s.campaign_id', '=', campaignId)
        .where('s.deleted_at', 'is', null),
    )
    .selectFrom('tracks as t')
    .innerJoin('units as u', (j) => j.onTrue())
    .leftJoin('track_quota_overrides as o', (j) => j.onRef('o.track_id', '=', 't.id').onRef('o.unit_id', '=', 'u.id'))
    .leftJoin('st', (j) => j.onRef('st.track_id', '=', 't.id').onRef('st.unit_id', '=', 'u.id'))
    .select([
      't.id as track_id',
      'u.id as unit_id',
      'u.name as unit_name',
      'u.code as unit_code',
      'u.region',
      sql<number>`coalesce(o.quota, t.default_quota)`.as('quota'),
      count('draft').as('drafts'),
      count('submitted').as('submitted'),
      count('returned').as('returned'),
      count('accepted').as('accepted'),
      count('withdrawn').as('withdrawn'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb('u.kind', '<>', 'institute'),
        eb.exists(
          eb
            .selectFrom('submissions as x')
            .select('x.id')
            .whereRef('x.unit_id', '=', 'u.id')
            .where('x.campaign_id', '=', campaignId)
            .where('x.deleted_at', 'is', null),
        ),
      ]),
    );
  if (!scope.all) {
    const { coordinatorId, unitId } = scope;
    query = query.where((eb) =>
      eb.or([
        ...(coordinatorId !== null ? [eb('t.coordinator_user_id', '=', coordinatorId)] : []),
        ...(unitId !== null ? [eb('u.id', '=', unitId)] : []),
        eb.val(false),
      ]),
    );
  }
  if (scope.region) query = query.where('u.region', '=', scope.region);
  const rows = await query
    .groupBy(['t.id', 't.sort_order', 'u.id', 'u.name', 'u.code', 'u.region', 'o.quota', 't.default_quota'])
    .orderBy('t.sort_order')
    .orderBy('t.id')
    .orderBy('u.code')
    .execute();
  return rows.map((r) => ({
    trackId: r.track_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    region: r.region,
    quota: Number(r.quota),
    drafts: Number(r.drafts),
    submitted: Number(r.submitted),
    returned: Number(r.returned),
    accepted: Number(r.accepted),
    withdrawn: Number(r.withdrawn),
  }));
}
