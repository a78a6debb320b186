/**
 * The ranking of one track (issue 4): loads the accepted cases and their submitted
 * reviews, aggregates them (aggregation.ts) and hides the scores of the cases the
 * viewer has a conflict with. Shared by the ranking page, the scores workbook and the
 * decisions module. Authorization (whyNotViewRanking) is the caller's.
 */
import type { RankedCase } from '../../../../contracts/review-ranking.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isInstituteAdmin, type Actor } from '../../policies/actor.ts';
import { conflictOf } from '../../policies/review-conflict.ts';
import { scoresVisibleTo } from '../../policies/review-policy.ts';
import { found } from '../../errors.ts';
import { conflictFactsOf } from '../review-pool/conflicts.repository.ts';
import { aggregate, type Aggregation, type AggregationCase } from './aggregation.ts';
import * as repo from './reviews.repository.ts';

export interface TrackCase extends AggregationCase {
  title: string;
  unitId: number;
  unitName: string;
}

export interface TrackReviewRow {
  id: number;
  submissionId: number;
  reviewerId: number;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string;
  privateNote: string;
  total: number;
  submittedAt: Date;
  version: number;
}

export interface TrackReviewData {
  track: repo.ReviewTrackRow;
  aggregation: Aggregation<TrackCase>;
  reviews: TrackReviewRow[];
}

/** Everything the ranking, its details and the scores workbook are made of (no visibility applied). */
export async function trackReviewData(db: DbOrTrx, trackId: number): Promise<TrackReviewData> {
  const track = found(await repo.findReviewTrack(db, trackId));
  const [caseRows, reviewRows] = await Promise.all([repo.listTrackCases(db, trackId), repo.listTrackSubmittedReviews(db, trackId)]);
  const cases: TrackCase[] = caseRows.map((c) => ({
    submissionId: c.id,
    receiptNo: c.receipt_no ?? '',
    implementation: c.implementation,
    priorityTagCount: Number(c.priority_tag_count),
    title: c.title,
    unitId: c.unit_id,
    unitName: c.unit_name,
  }));
  const reviews: TrackReviewRow[] = reviewRows
    .filter((r) => r.total !== null && r.submitted_at !== null)
    .map((r) => ({
      id: r.id,
      submissionId: r.submission_id,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      scores: r.scores ?? {},
      comment: r.comment ?? '',
      privateNote: r.private_note ?? '',
      total: Number(r.total),
      submittedAt: r.submitted_at!,
      version: r.version,
    }));
  const aggregation = aggregate(cases, reviews, {
    expectedReviews: track.reviewers_per_case,
    spreadThreshold: Number(track.spread_threshold),
  });
  return { track, aggregation, reviews };
}

/** Which of the track's units the viewer may not see scores of (a coordinator's conflicts). */
export async function hiddenUnitsOf(db: DbOrTrx, campaignId: number, viewer: Actor, unitIds: readonly number[]): Promise<Set<number>> {
  if (isInstituteAdmin(viewer)) return new Set();
  const facts = await conflictFactsOf(db, campaignId, viewer.id);
  return new Set(unitIds.filter((u) => !scoresVisibleTo(viewer, conflictOf(facts, u))));
}

export function rankedCasesOf(data: TrackReviewData, hiddenUnits: ReadonlySet<number>): RankedCase[] {
  return data.aggregation.cases.map((a) => {
    const visible = !hiddenUnits.has(a.case.unitId);
    return {
      submissionId: a.case.submissionId,
      receiptNo: a.case.receiptNo,
      title: a.case.title,
      unitId: a.case.unitId,
      unitName: a.case.unitName,
      implementation: a.case.implementation,
      priorityTagCount: a.case.priorityTagCount,
      reviewCount: a.reviewCount,
      expectedReviews: a.expectedReviews,
      mean: visible ? a.mean : null,
      normalised: visible ? a.normalised : null,
      spread: visible ? a.spread : null,
      rank: visible ? a.rank : null,
      flags: visible ? a.flags : a.flags.filter((f) => f === 'too_few_reviews'),
      scoresVisible: visible,
    };
  });
}

/**
 * The track's accepted cases in ranking order: ranked ones (rank 1…) first, then those
 * without a submitted review in receipt order. For a viewer with a conflict on a case
 * (a coordinator; see review-policy) that case's numbers are null and scoresVisible false.
 */
export async function trackRanking(db: DbOrTrx, trackId: number, viewer: Actor): Promise<RankedCase[]> {
  const data = await trackReviewData(db, trackId);
  const hidden = await hiddenUnitsOf(
    db,
    data.track.campaign_id,
    viewer,
    data.aggregation.cases.map((a) => a.case.unitId),
  );
  return rankedCasesOf(data, hidden);
}
