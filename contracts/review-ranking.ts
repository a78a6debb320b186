/**
 * The ranking of one track's accepted cases (issue 4): what the reviews add up to.
 * Computed by server/src/modules/reviews/ranking.service.ts (trackRanking), read by
 * the ranking page, the decisions page, the scores workbook and the upward package.
 */
import type { ImplementationStatus } from './submissions.ts';

export const rankingFlags = ['too_few_reviews', 'large_spread'] as const;
export type RankingFlag = (typeof rankingFlags)[number];
export const rankingFlagLabels: Record<RankingFlag, string> = {
  too_few_reviews: '评审数不足',
  large_spread: '评分分歧大',
};

export interface RankedCase {
  submissionId: number;
  receiptNo: string;
  title: string;
  unitId: number;
  unitName: string;
  implementation: ImplementationStatus | null;
  priorityTagCount: number;
  /** Submitted reviews / reviews the track asks for per case. */
  reviewCount: number;
  expectedReviews: number;
  /** Mean of the submitted reviews' weighted totals (0–100), null without reviews. */
  mean: number | null;
  /** Mean of the reviewers' normalised totals: what the ranking is ordered by. */
  normalised: number | null;
  /** Highest minus lowest total among the submitted reviews. */
  spread: number | null;
  /** 1-based; null for a case without any submitted review (listed last). */
  rank: number | null;
  flags: RankingFlag[];
  /** False where the viewer (a coordinator with a conflict) may not see this case's scores: the numbers are null. */
  scoresVisible: boolean;
}
