import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { isAcceptedCase } from '../submissions/submissions.repository.ts';

// ---- tracks

export { findReviewTrack, type ReviewTrackRow } from '../review-pool/review-pool.repository.ts';

// ---- cases

/** The accepted cases of a track, as the ranking needs them. */
export function listTrackCases(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.receipt_no',
      's.title',
      's.unit_id',
      'u.name as unit_name',
      's.implementation',
      sql<number>`jsonb_array_length(s.priority_tags)`.as('priority_tag_count'),
    ])
    .where('s.track_id', '=', trackId)
    .where(isAcceptedCase)
    .orderBy('s.receipt_no')
    .execute();
}

/** Every submitted review of the track's accepted cases (the last submitted version counts). */
export function listTrackSubmittedReviews(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('submissions as s', 's.id', 'r.submission_id')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .leftJoin('review_versions as v', (j) => j.onRef('v.review_id', '=', 'r.id').onRef('v.version', '=', 'r.version'))
    .select([
      'r.id',
      'r.submission_id',
      'r.reviewer_id',
      'u.display_name as reviewer_name',
      'u.username as reviewer_username',
      'v.scores',
      'v.comment',
      'v.private_note',
      'v.total',
      'v.submitted_at',
      'r.version',
      'r.status',
    ])
    .where('s.track_id', '=', trackId)
    .where(isAcceptedCase)
    .where('r.version', '>', 0)
    .orderBy('r.submission_id')
    .orderBy('r.reviewer_id')
    .execute();
}

// ---- one case as reviewers see it

export function findCase(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
    .select([
      's.id',
      's.campaign_id',
      's.track_id',
      's.unit_id',
      's.receipt_no',
      's.title',
      's.summary',
      's.sections',
      's.implementation',
      's.is_collective',
      's.collective_leader_name',
      's.priority_tags',
      's.contact_name',
      's.contact_phone',
      's.submitted_at',
      's.accepted_at',
      's.withdrawn_at',
      's.deleted_at',
      'u.name as unit_name',
      'u.code as unit_code',
      'st.name as subtype_name',
      't.code as track_code',
      't.name as track_name',
      't.kind as track_kind',
      't.form_template',
      't.coordinator_user_id as track_coordinator_id',
      't.blind_review',
      't.review_closes_at',
      't.rubric',
      'c.title as campaign_title',
    ])
    .where('s.id', '=', submissionId)
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export function caseStudents(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submission_students')
    .select(['id', 'name', 'grade', 'major', 'programme'])
    .where('submission_id', '=', submissionId)
    .orderBy('id')
    .execute();
}

export function caseAttachments(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submission_attachments as a')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.slot_key', 'f.id as file_id', 'f.original_name', 'f.size_bytes', 'f.mime_type'])
    .where('a.submission_id', '=', submissionId)
    .orderBy('a.id')
    .execute();
}

// ---- assignments and reviews

export function findAssignment(db: DbOrTrx, submissionId: number, reviewerId: number) {
  return db
    .selectFrom('review_assignments')
    .select(['id', 'submission_id', 'reviewer_id', 'created_at'])
    .where('submission_id', '=', submissionId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst();
}

export function findReview(db: DbOrTrx, submissionId: number, reviewerId: number, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('reviews').selectAll().where('submission_id', '=', submissionId).where('reviewer_id', '=', reviewerId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

export function reviewVersions(db: DbOrTrx, reviewId: number) {
  return db.selectFrom('review_versions').selectAll().where('review_id', '=', reviewId).orderBy('version', 'desc').execute();
}

/** Every review of a case with its reviewer (drafts included; the caller filters). */
export function caseReviews(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .leftJoin('review_versions as v', (j) => j.onRef('v.review_id', '=', 'r.id').onRef('v.version', '=', 'r.version'))
    .select([
      'r.id',
      'r.reviewer_id',
      'u.display_name as reviewer_name',
      'r.version',
      'v.scores',
      'v.comment',
      'v.private_note',
      'v.total',
      'v.submitted_at',
    ])
    .where('r.submission_id', '=', submissionId)
    .where('r.version', '>', 0)
    .orderBy('v.submitted_at')
    .execute();
}

/** The reviewer's assignments, newest campaign first. */
export function listMyAssignments(db: DbOrTrx, reviewerId: number) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('submissions as s', 's.id', 'a.submission_id')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .leftJoin('reviews as r', 'r.assignment_id', 'a.id')
    .select([
      'a.id as assignment_id',
      's.id as submission_id',
      's.title',
      's.receipt_no',
      's.unit_id',
      't.id as track_id',
      't.code as track_code',
      't.name as track_name',
      't.review_closes_at',
      'c.id as campaign_id',
      'c.title as campaign_title',
      'c.year as campaign_year',
      'r.status as review_status',
      'r.version as review_version',
      'r.total as review_total',
      'r.updated_at as review_updated_at',
    ])
    .where('a.reviewer_id', '=', reviewerId)
    .where(isAcceptedCase)
    .orderBy('c.year', 'desc')
    .orderBy('t.sort_order')
    .orderBy('s.receipt_no')
    .execute();
}

// ---- thread

export function listComments(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('review_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.author_id', 'u.display_name as author_name', 'c.body', 'c.created_at'])
    .where('c.submission_id', '=', submissionId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}
