/**
 * How the submitted reviews of one track add up to a ranking (issue 4; the method is
 * explained in docs/decisions/014-review-aggregation.md). Pure: no database, no clock.
 *
 * - Per case: the mean of its submitted totals (each a weighted total on 0–100), the
 *   number of reviews, and the spread (highest − lowest).
 * - Per reviewer: each of their totals as a z-score within their own submitted reviews
 *   in the track, re-scaled to the track's overall mean and standard deviation, so a
 *   harsh or lenient reviewer does not decide the ranking. A reviewer with a single
 *   review, or whose totals are all equal, keeps their raw totals.
 * - Per case normalised: the mean of its normalised totals. Ranking: normalised
 *   descending, then implemented before planned, then more priority tags, then receipt
 *   order. Cases without a submitted review are not ranked and come last.
 */
import type { ImplementationStatus } from '../../../../contracts/submissions.ts';
import type { RankingFlag } from '../../../../contracts/review-ranking.ts';

export interface AggregationCase {
  submissionId: number;
  receiptNo: string;
  implementation: ImplementationStatus | null;
  priorityTagCount: number;
}

export interface AggregationReview {
  submissionId: number;
  reviewerId: number;
  /** The weighted total on 0–100. */
  total: number;
}

export interface AggregationSettings {
  /** Reviews the track asks for per case (tracks.reviewers_per_case). */
  expectedReviews: number;
  /** A spread above this is flagged (tracks.spread_threshold). */
  spreadThreshold: number;
}

export interface ReviewerStats {
  reviewerId: number;
  count: number;
  mean: number;
  /** Population standard deviation of the reviewer's totals (0 with one review). */
  sd: number;
  /** Whether the reviewer's totals are re-scaled (false: one review or no deviation). */
  normalised: boolean;
}

export interface AggregatedCase<C extends AggregationCase = AggregationCase> {
  case: C;
  reviewCount: number;
  expectedReviews: number;
  mean: number | null;
  normalised: number | null;
  spread: number | null;
  rank: number | null;
  flags: RankingFlag[];
}

export interface Aggregation<C extends AggregationCase = AggregationCase> {
  /** Ranked cases first (rank 1…), then the unreviewed ones in receipt order. */
  cases: AggregatedCase<C>[];
  /** Each review's normalised total, keyed `${submissionId}:${reviewerId}`. */
  normalisedTotals: Map<string, number>;
  reviewers: ReviewerStats[];
  track: { count: number; mean: number | null; sd: number | null };
}

/** Two decimals, as every score is shown; the ranking compares these rounded values. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

export const reviewKey = (submissionId: number, reviewerId: number) => `${submissionId}:${reviewerId}`;

function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Population standard deviation. */
function sdOf(xs: readonly number[], mean: number): number {
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
}

const implementationOrder = (i: ImplementationStatus | null) => (i === 'implemented' ? 0 : i === 'planned' ? 1 : 2);

const receiptCompare = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The documented tie-break after the normalised score: implemented first, more tags, earlier receipt. */
export function tieBreak(a: AggregationCase, b: AggregationCase): number {
  return (
    implementationOrder(a.implementation) - implementationOrder(b.implementation) ||
    b.priorityTagCount - a.priorityTagCount ||
    receiptCompare(a.receiptNo, b.receiptNo) ||
    a.submissionId - b.submissionId
  );
}

export function aggregate<C extends AggregationCase>(
  cases: readonly C[],
  reviews: readonly AggregationReview[],
  settings: AggregationSettings,
): Aggregation<C> {
  const caseIds = new Set(cases.map((c) => c.submissionId));
  const counted = reviews.filter((r) => caseIds.has(r.submissionId));
  const all = counted.map((r) => r.total);
  const trackMean = all.length ? meanOf(all) : null;
  const trackSd = trackMean === null ? null : sdOf(all, trackMean);

  const byReviewer = new Map<number, number[]>();
  for (const r of counted) byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r.total]);
  const reviewers: ReviewerStats[] = [...byReviewer.entries()]
    .map(([reviewerId, totals]) => {
      const mean = meanOf(totals);
      const sd = sdOf(totals, mean);
      return { reviewerId, count: totals.length, mean, sd, normalised: totals.length > 1 && sd > 1e-9 };
    })
    .sort((a, b) => a.reviewerId - b.reviewerId);
  const statsOf = new Map(reviewers.map((s) => [s.reviewerId, s]));

  const normalisedTotals = new Map<string, number>();
  for (const r of counted) {
    const s = statsOf.get(r.reviewerId)!;
    const value = s.normalised ? trackMean! + trackSd! * ((r.total - s.mean) / s.sd) : r.total;
    normalisedTotals.set(reviewKey(r.submissionId, r.reviewerId), value);
  }

  const reviewsOf = new Map<number, AggregationReview[]>();
  for (const r of counted) reviewsOf.set(r.submissionId, [...(reviewsOf.get(r.submissionId) ?? []), r]);

  const aggregated: AggregatedCase<C>[] = cases.map((c) => {
    const mine = reviewsOf.get(c.submissionId) ?? [];
    const flags: RankingFlag[] = [];
    if (mine.length < settings.expectedReviews) flags.push('too_few_reviews');
    if (!mine.length)
      return {
        case: c,
        reviewCount: 0,
        expectedReviews: settings.expectedReviews,
        mean: null,
        normalised: null,
        spread: null,
        rank: null,
        flags,
      };
    const totals = mine.map((r) => r.total);
    const spread = round2(Math.max(...totals) - Math.min(...totals));
    if (spread > settings.spreadThreshold) flags.push('large_spread');
    return {
      case: c,
      reviewCount: mine.length,
      expectedReviews: settings.expectedReviews,
      mean: round2(meanOf(totals)),
      normalised: round2(meanOf(mine.map((r) => normalisedTotals.get(reviewKey(r.submissionId, r.reviewerId))!))),
      spread,
      rank: null,
      flags,
    };
  });

  const ranked = aggregated.filter((a) => a.normalised !== null).sort((a, b) => b.normalised! - a.normalised! || tieBreak(a.case, b.case));
  ranked.forEach((a, i) => (a.rank = i + 1));
  const unranked = aggregated.filter((a) => a.normalised === null).sort((a, b) => receiptCompare(a.case.receiptNo, b.case.receiptNo));
  return { cases: [...ranked, ...unranked], normalisedTotals, reviewers, track: { count: all.length, mean: trackMean, sd: trackSd } };
}
