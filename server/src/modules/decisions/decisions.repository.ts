import { sql } from 'kysely';
import type { DecisionOutcome } from '../../../../contracts/review.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isAcceptedCase } from '../submissions/submissions.repository.ts';

/** The track as the decisions page, the release mail and the package cover name it. */
export function findDecisionTrack(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('tracks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .leftJoin('units as hu', 'hu.id', 't.host_unit_id')
    .select([
      't.id',
      't.code',
      't.name',
      't.kind',
      't.upward_quota',
      't.sort_order',
      't.contact_name',
      't.contact_phone',
      't.contact_email',
      't.form_template',
      'hu.name as host_unit_name',
      'c.id as campaign_id',
      'c.year as campaign_year',
      'c.title as campaign_title',
    ])
    .where('t.id', '=', trackId)
    .executeTakeFirst();
}
export type DecisionTrackRow = NonNullable<Awaited<ReturnType<typeof findDecisionTrack>>>;

/**
 * Serialises every decision of one track: two requests for the last 推荐省级
 * place both wait here, and the second counts the first's row.
 */
export async function lockTrack(trx: DbOrTrx, trackId: number): Promise<void> {
  await trx.selectFrom('tracks').select('id').where('id', '=', trackId).forUpdate().execute();
}

function casesOf(db: DbOrTrx) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
    .leftJoin('review_decisions as d', 'd.submission_id', 's.id')
    .leftJoin('users as du', 'du.id', 'd.decided_by')
    .select([
      's.id',
      's.track_id',
      's.unit_id',
      's.receipt_no',
      's.title',
      's.accepted_at',
      's.withdrawn_at',
      's.deleted_at',
      'un.name as unit_name',
      'st.name as subtype_name',
      'd.outcome',
      'd.note',
      'd.decided_at',
      'd.released_at',
      'du.display_name as decided_by_name',
    ]);
}
export type DecisionCaseRow = Awaited<ReturnType<ReturnType<typeof casesOf>['execute']>>[number];

/** The track's accepted cases (passed the form check, not withdrawn) with their decisions, in receipt order. */
export function listAcceptedCases(db: DbOrTrx, trackId: number) {
  return casesOf(db).where('s.track_id', '=', trackId).where(isAcceptedCase).orderBy('s.receipt_no').orderBy('s.id').execute();
}

export function findCase(db: DbOrTrx, submissionId: number) {
  return casesOf(db).where('s.id', '=', submissionId).executeTakeFirst();
}

/** 推荐省级 places taken in the track, staged or released, other than this case's own. */
export async function countProvincial(db: DbOrTrx, trackId: number, exceptSubmissionId: number): Promise<number> {
  const row = await db
    .selectFrom('review_decisions')
    .select(sql<string>`count(*)`.as('n'))
    .where('track_id', '=', trackId)
    .where('outcome', '=', 'provincial')
    .where('submission_id', '!=', exceptSubmissionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertDecision(
  db: DbOrTrx,
  v: { submissionId: number; trackId: number; outcome: DecisionOutcome; note: string | null; decidedBy: number },
): Promise<void> {
  await db
    .insertInto('review_decisions')
    .values({ submission_id: v.submissionId, track_id: v.trackId, outcome: v.outcome, note: v.note, decided_by: v.decidedBy })
    .onConflict((oc) =>
      oc.column('submission_id').doUpdateSet({ outcome: v.outcome, note: v.note, decided_by: v.decidedBy, decided_at: sql`now()` }),
    )
    .execute();
}

/** Removes a staged decision (a released one stays). */
export async function deleteStagedDecision(db: DbOrTrx, submissionId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('review_decisions')
    .where('submission_id', '=', submissionId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Releases every staged decision of the track at once; returns the released rows. */
export function releaseStaged(db: DbOrTrx, trackId: number, actorId: number, at: Date) {
  return db
    .updateTable('review_decisions')
    .set({ released_at: at, released_by: actorId })
    .where('track_id', '=', trackId)
    .where('released_at', 'is', null)
    .returning(['submission_id', 'outcome'])
    .execute();
}

/** 撤回发布: the track's released decisions become staged again. */
export function unreleaseTrack(db: DbOrTrx, trackId: number) {
  return db
    .updateTable('review_decisions')
    .set({ released_at: null, released_by: null })
    .where('track_id', '=', trackId)
    .where('released_at', 'is not', null)
    .returning(['submission_id', 'outcome'])
    .execute();
}

/** Released decisions of one unit's cases (what the unit may see), newest campaign first. */
export function listReleasedOfUnit(db: DbOrTrx, unitId: number, campaignId: number | null) {
  let q = db
    .selectFrom('review_decisions as d')
    .innerJoin('submissions as s', 's.id', 'd.submission_id')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .select([
      's.id',
      's.receipt_no',
      's.title',
      't.name as track_name',
      'c.title as campaign_title',
      'd.outcome',
      'd.note',
      'd.released_at',
    ])
    .where('s.unit_id', '=', unitId)
    .where('d.released_at', 'is not', null)
    .where('s.deleted_at', 'is', null);
  if (campaignId !== null) q = q.where('s.campaign_id', '=', campaignId);
  return q.orderBy('c.year', 'desc').orderBy('t.sort_order').orderBy('s.receipt_no').execute();
}

/** The unit officers and leaders of these units, by unit. */
export async function unitRecipients(db: DbOrTrx, unitIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.unit_id'])
    .distinct()
    .where('u.unit_id', 'in', unitIds)
    .where('r.role', 'in', ['unit_officer', 'unit_leader'])
    .where('u.disabled_at', 'is', null)
    .execute();
  for (const r of rows) out.set(r.unit_id!, [...(out.get(r.unit_id!) ?? []), r.id]);
  return out;
}

// ---- the upward package ----

/** Full rows of the released 推荐省级 cases: what the case .docx is printed from. */
export function listReleasedProvincial(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('review_decisions as d')
    .innerJoin('submissions as s', 's.id', 'd.submission_id')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
    .select([
      't.name as track_name',
      't.sort_order as track_sort',
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
      'un.name as unit_name',
      'st.name as subtype_name',
    ])
    .where('d.track_id', '=', trackId)
    .where('d.outcome', '=', 'provincial')
    .where('d.released_at', 'is not', null)
    .where('s.deleted_at', 'is', null)
    .orderBy('s.receipt_no')
    .execute();
}

export function listPackageAttachments(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_attachments as a')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['a.submission_id', 'a.slot_key', 'f.original_name', 'f.storage_key', 'f.size_bytes', 'f.sha256'])
    .where('a.submission_id', 'in', submissionIds)
    .orderBy('a.submission_id')
    .orderBy('a.id')
    .execute();
}

// ---- the campaign's public notice ----

/** Released decisions of the campaign with these outcomes, in track order then receipt order. */
export function listReleasedForNotice(db: DbOrTrx, campaignId: number, outcomes: DecisionOutcome[]) {
  return db
    .selectFrom('review_decisions as d')
    .innerJoin('submissions as s', 's.id', 'd.submission_id')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .select(['s.id', 's.unit_id', 's.title', 'un.name as unit_name', 't.name as track_name', 'd.outcome'])
    .where('s.campaign_id', '=', campaignId)
    .where('d.released_at', 'is not', null)
    .where('d.outcome', 'in', outcomes)
    .where('s.deleted_at', 'is', null)
    .orderBy(sql`case d.outcome when 'provincial' then 0 else 1 end`)
    .orderBy('t.sort_order')
    .orderBy('t.id')
    .orderBy('s.receipt_no')
    .execute();
}

/**
 * The students named in these cases with only the facts a notice may show;
 * 院系 comes from the roster when the student is on it. Students without a
 * recorded consent to publicity are left out.
 */
export function listNoticeStudents(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_students as ss')
    .innerJoin('submissions as s', 's.id', 'ss.submission_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .leftJoin('students as st', (j) => j.onRef('st.unit_id', '=', 's.unit_id').onRef('st.student_no', '=', 'ss.student_no'))
    .select([
      'ss.submission_id',
      'ss.name',
      'un.name as unit_name',
      'st.department',
      'ss.major',
      'ss.programme',
      'ss.grade',
      'ss.class_name',
    ])
    .where('ss.submission_id', 'in', submissionIds)
    .where('ss.consent_at', 'is not', null)
    .orderBy('ss.submission_id')
    .orderBy('ss.sort_order')
    .orderBy('ss.id')
    .execute();
}

function selectNotices(db: DbOrTrx) {
  return db
    .selectFrom('campaign_notices as n')
    .innerJoin('campaigns as c', 'c.id', 'n.campaign_id')
    .leftJoin('users as pu', 'pu.id', 'n.published_by')
    .select([
      'n.id',
      'n.campaign_id',
      'c.title as campaign_title',
      'n.title',
      'n.body',
      'n.entries',
      'n.starts_on',
      'n.ends_on',
      'n.published_at',
      'pu.display_name as published_by_name',
      'n.taken_down_at',
      sql<string>`(select count(*) from campaign_notice_objections o where o.notice_id = n.id)`.as('objection_count'),
      sql<string>`(select count(*) from campaign_notice_objections o where o.notice_id = n.id and o.handled_at is null)`.as(
        'open_objections',
      ),
    ]);
}
export type CampaignNoticeRow = Awaited<ReturnType<ReturnType<typeof selectNotices>['executeTakeFirstOrThrow']>>;

export function findNotice(db: DbOrTrx, id: number) {
  return selectNotices(db).where('n.id', '=', id).executeTakeFirst();
}

export function listNotices(db: DbOrTrx, campaignId: number) {
  return selectNotices(db).where('n.campaign_id', '=', campaignId).orderBy('n.published_at', 'desc').orderBy('n.id', 'desc').execute();
}

export async function insertNotice(
  db: DbOrTrx,
  v: { campaignId: number; title: string; body: string; entries: unknown[]; startsOn: string; endsOn: string; publishedBy: number },
): Promise<number> {
  const row = await db
    .insertInto('campaign_notices')
    .values({
      campaign_id: v.campaignId,
      title: v.title,
      body: v.body,
      entries: JSON.stringify(v.entries),
      starts_on: v.startsOn,
      ends_on: v.endsOn,
      published_by: v.publishedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function takeDown(db: DbOrTrx, id: number, actorId: number): Promise<boolean> {
  const r = await db
    .updateTable('campaign_notices')
    .set({ taken_down_at: new Date(), taken_down_by: actorId })
    .where('id', '=', id)
    .where('taken_down_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function listObjections(db: DbOrTrx, noticeId: number) {
  return db
    .selectFrom('campaign_notice_objections as o')
    .leftJoin('users as hu', 'hu.id', 'o.handled_by')
    .select([
      'o.id',
      'o.submission_id',
      'o.author_name',
      'o.contact',
      'o.body',
      'o.created_at',
      'o.handled_at',
      'o.response',
      'hu.display_name as handled_by_name',
    ])
    .where('o.notice_id', '=', noticeId)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function insertObjection(
  db: DbOrTrx,
  v: { noticeId: number; submissionId: number | null; authorName: string | null; contact: string; body: string },
): Promise<number> {
  const row = await db
    .insertInto('campaign_notice_objections')
    .values({ notice_id: v.noticeId, submission_id: v.submissionId, author_name: v.authorName, contact: v.contact, body: v.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function answerObjection(db: DbOrTrx, id: number, response: string, actorId: number): Promise<boolean> {
  const r = await db
    .updateTable('campaign_notice_objections')
    .set({ response, handled_at: new Date(), handled_by: actorId })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
