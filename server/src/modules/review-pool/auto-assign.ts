import type { PlannedAssignment, UnsatisfiedCase } from '../../../../contracts/review-assignment.ts';
import { conflictOf } from '../../policies/review-conflict.ts';

/**
 * Automatic assignment (自动分配) as a pure function: the same input gives the same
 * plan, byte for byte — no randomness, every tie broken by id.
 *
 * - Each case gets reviewersPerCase reviewers, counting those it already has; existing
 *   assignments are kept, never moved.
 * - Nobody is put on a case they have a conflict with (conflictOf: own unit or declared).
 * - Load is balanced over the pool, counting each reviewer's existing load in the track:
 *   cases are filled most-constrained first (fewest eligible reviewers to spare), each
 *   from the least-loaded eligible reviewers; then new assignments are moved from a
 *   reviewer to an eligible one carrying at least two fewer, until no such move is left
 *   (each move lowers the sum of squared loads, so this ends). Without conflicts and with
 *   balanced starting loads this keeps max − min ≤ 1.
 * - A case that cannot get enough reviewers is reported with how many are missing and why.
 *
 * Reviewers have no cap: N per case is feasible exactly when each case has N eligible
 * reviewers, which the greedy pass then always achieves.
 */
export interface AutoAssignInput {
  reviewersPerCase: number;
  cases: readonly { id: number; unitId: number; reviewerIds: readonly number[] }[];
  reviewers: readonly {
    id: number;
    unitId: number | null;
    declaredUnitIds: readonly number[];
    /** Assignments the reviewer already carries in this track (including cases outside `cases`). */
    load: number;
  }[];
}

export interface AutoAssignResult {
  assignments: PlannedAssignment[];
  unsatisfied: UnsatisfiedCase[];
}

const byNumber = (a: number, b: number) => a - b;

export function autoAssign(input: AutoAssignInput): AutoAssignResult {
  const reviewers = [...input.reviewers].sort((a, b) => a.id - b.id);
  const load = new Map(reviewers.map((r) => [r.id, r.load]));
  const facts = new Map(reviewers.map((r) => [r.id, { userUnitId: r.unitId, declaredUnitIds: new Set(r.declaredUnitIds) }]));

  const plans = [...input.cases]
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const on = new Set(c.reviewerIds);
      const eligible = reviewers.filter((r) => !on.has(r.id) && conflictOf(facts.get(r.id)!, c.unitId) === null).map((r) => r.id);
      const need = Math.max(0, input.reviewersPerCase - on.size);
      const freeInPool = reviewers.filter((r) => !on.has(r.id)).length;
      return { id: c.id, on, eligible, need, freeInPool, added: [] as number[] };
    });

  // Greedy: most constrained case first, least-loaded eligible reviewers first.
  const order = [...plans].sort((a, b) => a.eligible.length - a.need - (b.eligible.length - b.need) || a.id - b.id);
  for (const plan of order) {
    const picks = [...plan.eligible].sort((a, b) => load.get(a)! - load.get(b)! || a - b).slice(0, plan.need);
    for (const r of picks) {
      plan.added.push(r);
      plan.on.add(r);
      load.set(r, load.get(r)! + 1);
    }
  }

  // Local improvement: move a new assignment to an eligible reviewer with at least two fewer.
  for (let moved = true; moved;) {
    moved = false;
    for (const plan of plans) {
      for (const [i, r] of plan.added.entries()) {
        let best: number | null = null;
        for (const candidate of plan.eligible) {
          if (plan.on.has(candidate) || load.get(candidate)! > load.get(r)! - 2) continue;
          if (best === null || load.get(candidate)! < load.get(best)!) best = candidate; // eligible is sorted by id: ties keep the lower id
        }
        if (best === null) continue;
        plan.added[i] = best;
        plan.on.delete(r);
        plan.on.add(best);
        load.set(r, load.get(r)! - 1);
        load.set(best, load.get(best)! + 1);
        moved = true;
      }
    }
  }

  const assignments = plans.flatMap((p) => [...p.added].sort(byNumber).map((reviewerId) => ({ submissionId: p.id, reviewerId })));
  const unsatisfied: UnsatisfiedCase[] = plans
    .filter((p) => p.added.length < p.need)
    .map((p) => ({
      submissionId: p.id,
      missing: p.need - p.added.length,
      reason: p.freeInPool < p.need ? 'auto_assign_pool_too_small' : 'auto_assign_conflicts_block',
    }));
  return { assignments, unsatisfied };
}
