import { describe, expect, it } from 'vitest';
import { aggregate, type AggregationCase } from './aggregation.ts';

const c = (id: number, over: Partial<AggregationCase> = {}): AggregationCase => ({
  submissionId: id,
  receiptNo: `2024-FZ-${String(id).padStart(4, '0')}`,
  implementation: 'implemented',
  priorityTagCount: 1,
  ...over,
});
const settings = { expectedReviews: 2, spreadThreshold: 20 };
const byId = <T extends { case: AggregationCase }>(xs: T[], id: number) => xs.find((x) => x.case.submissionId === id)!;

describe('aggregation of a track (hand-computed)', () => {
  it('a harsh and a lenient reviewer: the normalised score, not the raw mean, orders the cases', () => {
    // Reviewer 1 (harsh) gives case 1: 60, case 2: 40 → mean 50, sd 10 → z +1, −1.
    // Reviewer 2 (lenient) gives case 3: 80, case 4: 100 → mean 90, sd 10 → z −1, +1.
    // All totals 60, 40, 80, 100: mean 70; deviations −10 −30 10 30 → variance 500, sd √500 = 22.3607.
    // Normalised: z +1 → 70 + 22.3607 = 92.36; z −1 → 47.64.
    const cases = [c(1, { implementation: 'planned' }), c(2, { priorityTagCount: 2 }), c(3), c(4, { implementation: 'implemented' })];
    const reviews = [
      { submissionId: 1, reviewerId: 1, total: 60 },
      { submissionId: 2, reviewerId: 1, total: 40 },
      { submissionId: 3, reviewerId: 2, total: 80 },
      { submissionId: 4, reviewerId: 2, total: 100 },
    ];
    const a = aggregate(cases, reviews, { expectedReviews: 1, spreadThreshold: 20 });
    expect(a.track.mean).toBe(70);
    expect(a.track.sd).toBeCloseTo(22.3607, 4);
    expect(byId(a.cases, 1)).toMatchObject({ mean: 60, normalised: 92.36, spread: 0, reviewCount: 1, flags: [] });
    expect(byId(a.cases, 3)).toMatchObject({ mean: 80, normalised: 47.64 });
    // Case 1 (raw 60) ties with case 4 (raw 100) at 92.36: implemented (4) before planned (1).
    // Case 2 (raw 40) ties with case 3 (raw 80) at 47.64: two priority tags (2) before one (3).
    expect(a.cases.map((x) => [x.case.submissionId, x.rank])).toEqual([
      [4, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(a.reviewers).toEqual([
      { reviewerId: 1, count: 2, mean: 50, sd: 10, normalised: true },
      { reviewerId: 2, count: 2, mean: 90, sd: 10, normalised: true },
    ]);
  });

  it('a case seen by two reviewers: mean, spread, normalised mean and the flags', () => {
    // Reviewer 1: case 1 → 90, case 2 → 70 (mean 80, sd 10). Reviewer 2: case 1 → 60, case 2 → 60 (sd 0: raw).
    // Reviewer 3: only case 3 → 75 (one review: raw).
    // Track: 90 70 60 60 75 → mean 71; deviations 19 −1 −11 −11 4 → 361+1+121+121+16 = 620 / 5 = 124 → sd 11.1355.
    // Reviewer 1 normalised: case 1 → 71 + 11.1355 = 82.1355; case 2 → 59.8645.
    // Case 1: totals 90, 60 → mean 75, spread 30 (> 20: large_spread), normalised (82.1355 + 60) / 2 = 71.07.
    // Case 2: totals 70, 60 → mean 65, spread 10, normalised (59.8645 + 60) / 2 = 59.93.
    // Case 3: one review of two expected → too_few_reviews; mean = normalised = 75.
    // Case 4: no review → not ranked, listed last.
    const reviews = [
      { submissionId: 1, reviewerId: 1, total: 90 },
      { submissionId: 2, reviewerId: 1, total: 70 },
      { submissionId: 1, reviewerId: 2, total: 60 },
      { submissionId: 2, reviewerId: 2, total: 60 },
      { submissionId: 3, reviewerId: 3, total: 75 },
    ];
    const a = aggregate([c(4), c(3), c(2), c(1)], reviews, settings);
    expect(a.track.mean).toBe(71);
    expect(a.track.sd).toBeCloseTo(11.1355, 4);
    expect(a.cases.map((x) => x.case.submissionId)).toEqual([3, 1, 2, 4]);
    expect(a.cases[0]).toMatchObject({ rank: 1, mean: 75, normalised: 75, spread: 0, reviewCount: 1, flags: ['too_few_reviews'] });
    expect(a.cases[1]).toMatchObject({ rank: 2, mean: 75, normalised: 71.07, spread: 30, reviewCount: 2, flags: ['large_spread'] });
    expect(a.cases[2]).toMatchObject({ rank: 3, mean: 65, normalised: 59.93, spread: 10, flags: [] });
    expect(a.cases[3]).toMatchObject({
      rank: null,
      mean: null,
      normalised: null,
      spread: null,
      reviewCount: 0,
      flags: ['too_few_reviews'],
    });
    expect(a.normalisedTotals.get('1:1')).toBeCloseTo(82.1355, 4);
    expect(a.normalisedTotals.get('2:2')).toBe(60);
    expect(a.normalisedTotals.get('3:3')).toBe(75);
    expect(a.reviewers.map((r) => [r.reviewerId, r.normalised])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });

  it('a spread exactly at the threshold is not flagged; one above is', () => {
    const cases = [c(1), c(2)];
    const reviews = [
      { submissionId: 1, reviewerId: 1, total: 80 },
      { submissionId: 1, reviewerId: 2, total: 60 },
      { submissionId: 2, reviewerId: 1, total: 80 },
      { submissionId: 2, reviewerId: 3, total: 59.99 },
    ];
    const a = aggregate(cases, reviews, settings);
    expect(byId(a.cases, 1)).toMatchObject({ spread: 20, flags: [] });
    expect(byId(a.cases, 2)).toMatchObject({ spread: 20.01, flags: ['large_spread'] });
  });

  it('equal scores, same implementation and tag count: the earlier receipt ranks first, numerically', () => {
    const cases = [
      c(10, { receiptNo: '2024-FZ-0010' }),
      c(9, { receiptNo: '2024-FZ-0009' }),
      c(11, { receiptNo: '2024-FZ-0011', implementation: null }),
    ];
    const reviews = [
      { submissionId: 10, reviewerId: 1, total: 70 },
      { submissionId: 9, reviewerId: 2, total: 70 },
      { submissionId: 11, reviewerId: 3, total: 70 },
    ];
    const a = aggregate(cases, reviews, { expectedReviews: 1, spreadThreshold: 20 });
    expect(a.cases.map((x) => x.case.submissionId)).toEqual([9, 10, 11]);
  });

  it('no reviews at all: nothing ranked, every case flagged as too few, in receipt order', () => {
    const a = aggregate([c(2), c(1)], [], settings);
    expect(a.track).toEqual({ count: 0, mean: null, sd: null });
    expect(a.cases.map((x) => [x.case.submissionId, x.rank, x.flags])).toEqual([
      [1, null, ['too_few_reviews']],
      [2, null, ['too_few_reviews']],
    ]);
  });
});
