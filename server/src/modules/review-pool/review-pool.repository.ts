import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { isAcceptedCase } from '../submissions/submissions.repository.ts';

/** All SQL of review administration: settings, pool, conflicts and assignments. */

// ---- tracks

export async function findReviewTrack(db: DbOrTrx, trackId: number, forUpdate = false) {
  let q = db
    .selectFrom('tracks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select([
      't.id',
      't.campaign_id',
      't.code',
      't.name',
      't.kind',
      't.coordinator_user_id',
      't.reviewers_per_case',
      't.review_closes_at',
      't.blind_review',
      't.spread_threshold',
      't.rubric',
      'c.status as campaign_status',
      'c.title as campaign_title',
      'c.year as campaign_year',
    ])
    .where('t.id', '=', trackId);
  if (forUpdate) q = q.forUpdate('t');
  return q.executeTakeFirst();
}
export type ReviewTrackRow = NonNullable<Awaited<ReturnType<typeof findReviewTrack>>>;

export async function updateReviewSettings(
  db: DbOrTrx,
  trackId: number,
  values: {
    reviewers_per_case: number;
    review_closes_at: Date | null;
    blind_review: boolean;
    spread_threshold: number;
    rubric: string | null;
  },
) {
  await db
    .updateTable('tracks')
    .set({
      reviewers_per_case: values.reviewers_per_case,
      review_closes_at: values.review_closes_at,
      blind_review: values.blind_review,
      spread_threshold: String(values.spread_threshold),
      rubric: values.rubric as never,
    })
    .where('id', '=', trackId)
    .execute();
}

export async function countSubmittedReviews(db: DbOrTrx, trackId: number, reviewerId?: number): Promise<number> {
  let q = db
    .selectFrom('reviews as r')
    .innerJoin('submissions as s', 's.id', 'r.submission_id')
    .select(sql<string>`count(*)`.as('n'))
    .where('s.track_id', '=', trackId)
    .where('r.submitted_at', 'is not', null);
  if (reviewerId !== undefined) q = q.where('r.reviewer_id', '=', reviewerId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ---- people

export async function findPerson(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'n.name as unit_name',
      'u.disabled_at',
      sql<string[]>`coalesce((select array_agg(role order by role) from user_roles where user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

// ---- pool

export async function listPool(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('review_pool as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'n.name as unit_name',
      'p.kind',
      sql<string>`(select count(*) from review_assignments a join submissions s on s.id = a.submission_id
        where a.reviewer_id = u.id and s.track_id = p.track_id)`.as('assigned'),
      sql<string>`(select count(*) from reviews r join submissions s on s.id = r.submission_id
        where r.reviewer_id = u.id and s.track_id = p.track_id and r.submitted_at is not null)`.as('submitted'),
    ])
    .where('p.track_id', '=', trackId)
    .orderBy('p.kind', 'desc')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

export async function listPoolCandidates(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'n.name as unit_name'])
    .where('r.role', '=', 'reviewer')
    .where('u.disabled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('review_pool as p').select('p.user_id').where('p.track_id', '=', trackId).whereRef('p.user_id', '=', 'u.id'))),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

export async function findPoolMember(db: DbOrTrx, trackId: number, userId: number) {
  return db.selectFrom('review_pool').selectAll().where('track_id', '=', trackId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertPoolMember(
  db: DbOrTrx,
  row: { track_id: number; user_id: number; kind: 'staff' | 'external'; added_by: number },
) {
  await db.insertInto('review_pool').values(row).execute();
}

export async function deletePoolMember(db: DbOrTrx, trackId: number, userId: number) {
  await db.deleteFrom('review_pool').where('track_id', '=', trackId).where('user_id', '=', userId).execute();
}

/** The reviewer's assignments in the track whose review is not submitted (drafts go with them). */
export async function deleteOpenAssignmentsOf(db: DbOrTrx, trackId: number, reviewerId: number): Promise<number[]> {
  const rows = await db
    .deleteFrom('review_assignments as a')
    .using('submissions as s')
    .whereRef('s.id', '=', 'a.submission_id')
    .where('s.track_id', '=', trackId)
    .where('a.reviewer_id', '=', reviewerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('reviews as r').select('r.id').whereRef('r.assignment_id', '=', 'a.id').where('r.submitted_at', 'is not', null)),
      ),
    )
    .returning('a.submission_id')
    .execute();
  return rows.map((r) => r.submission_id);
}

// ---- conflicts

export async function listConflicts(db: DbOrTrx, campaignId: number, onlyUserId?: number) {
  let q = db
    .selectFrom('review_conflicts as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .innerJoin('units as n', 'n.id', 'c.unit_id')
    .leftJoin('users as d', 'd.id', 'c.declared_by')
    .select([
      'c.id',
      'c.reason',
      'c.created_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.unit_id as user_unit_id',
      'un.name as user_unit_name',
      'n.id as unit_id',
      'n.name as unit_name',
      'd.id as declared_by_id',
      'd.display_name as declared_by_name',
    ])
    .where('c.campaign_id', '=', campaignId);
  if (onlyUserId !== undefined) q = q.where('c.user_id', '=', onlyUserId);
  return q.orderBy('u.display_name').orderBy('n.name').orderBy('c.id').execute();
}

export async function findConflict(db: DbOrTrx, id: number) {
  return db.selectFrom('review_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConflict(
  db: DbOrTrx,
  row: { campaign_id: number; user_id: number; unit_id: number; reason: string; declared_by: number },
): Promise<number> {
  return (await db.insertInto('review_conflicts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteConflict(db: DbOrTrx, id: number) {
  await db.deleteFrom('review_conflicts').where('id', '=', id).execute();
}

/** Declared conflicts of many people in one campaign: user id → unit ids. */
export async function declaredUnitsByUser(db: DbOrTrx, campaignId: number, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('review_conflicts')
    .select(['user_id', 'unit_id'])
    .where('campaign_id', '=', campaignId)
    .where('user_id', 'in', userIds)
    .orderBy('unit_id')
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.unit_id);
  return map;
}

export async function findUnit(db: DbOrTrx, unitId: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
}

// ---- cases and assignments

/** Accepted = sent, not withdrawn, not deleted, accepted by the form check. */
export async function listAcceptedCases(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('units as n', 'n.id', 's.unit_id')
    .select(['s.id', 's.receipt_no', 's.title', 's.unit_id', 'n.name as unit_name'])
    .where('s.track_id', '=', trackId)
    .where(isAcceptedCase)
    .orderBy('s.receipt_no')
    .orderBy('s.id')
    .execute();
}
export type CaseRow = Awaited<ReturnType<typeof listAcceptedCases>>[number];

export async function findCase(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submissions as s')
    .select(['s.id', 's.track_id', 's.unit_id', 's.receipt_no', 's.title', (eb) => isAcceptedCase(eb).$castTo<boolean>().as('accepted')])
    .where('s.id', '=', submissionId)
    .executeTakeFirst();
}

export async function findCaseByReceipt(db: DbOrTrx, trackId: number, receiptNo: string) {
  const row = await db
    .selectFrom('submissions')
    .select('id')
    .where('track_id', '=', trackId)
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();
  return row ? findCase(db, row.id) : undefined;
}

export async function listTrackAssignments(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submission_id')
    .innerJoin('users as u', 'u.id', 'a.reviewer_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'a.id')
    .select([
      'a.id',
      'a.submission_id',
      'a.reviewer_id',
      'a.method',
      'u.display_name',
      sql<boolean>`(r.submitted_at is not null)`.as('submitted'),
    ])
    .where('s.track_id', '=', trackId)
    .orderBy('a.submission_id')
    .orderBy('u.display_name')
    .orderBy('a.id')
    .execute();
}

export async function findAssignment(db: DbOrTrx, id: number) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submission_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'a.id')
    .select([
      'a.id',
      'a.submission_id',
      'a.reviewer_id',
      'a.method',
      's.track_id',
      's.unit_id',
      's.receipt_no',
      sql<boolean>`(r.submitted_at is not null)`.as('submitted'),
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function insertAssignments(
  db: DbOrTrx,
  rows: { submission_id: number; reviewer_id: number; method: 'manual' | 'xlsx' | 'auto'; assigned_by: number }[],
) {
  if (rows.length === 0) return [];
  return db.insertInto('review_assignments').values(rows).returning(['id', 'submission_id', 'reviewer_id']).execute();
}

export async function deleteAssignment(db: DbOrTrx, id: number) {
  await db.deleteFrom('review_assignments').where('id', '=', id).execute();
}

// ---- reminders

/** Tracks whose review deadline falls in (now, until]. */
export async function tracksClosingReview(db: DbOrTrx, now: Date, until: Date) {
  return db
    .selectFrom('tracks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id', 't.name', 't.review_closes_at', 'c.title as campaign_title'])
    .where('c.status', '<>', 'closed')
    .where('t.review_closes_at', '>', now)
    .where('t.review_closes_at', '<=', until)
    .orderBy('t.id')
    .execute();
}

/** Assignments of a track whose review is not submitted, with when their reviewer was last reminded. */
export async function openAssignments(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submission_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'a.id')
    .select(['a.id', 'a.reviewer_id', 'a.reminded_at'])
    .where('s.track_id', '=', trackId)
    .where('s.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.submitted_at', 'is', null)]))
    .orderBy('a.reviewer_id')
    .orderBy('a.id')
    .execute();
}

export async function markReminded(db: DbOrTrx, assignmentIds: number[], at: Date) {
  if (assignmentIds.length === 0) return;
  await db.updateTable('review_assignments').set({ reminded_at: at }).where('id', 'in', assignmentIds).execute();
}
