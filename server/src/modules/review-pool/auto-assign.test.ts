import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictOf } from '../../policies/review-conflict.ts';
import { autoAssign, type AutoAssignInput } from './auto-assign.ts';

const UNITS = [1, 2, 3, 4, 5];

/** Pools of up to 8 reviewers and up to 14 accepted cases, with conflicts and existing assignments. */
const inputArb = (options: { conflicts: boolean; existing: boolean }) =>
  fc
    .record({
      reviewersPerCase: fc.integer({ min: 1, max: 4 }),
      reviewers: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 1, max: 40 }),
          unitId: options.conflicts ? fc.option(fc.constantFrom(...UNITS), { nil: null }) : fc.constant(null),
          declaredUnitIds: options.conflicts ? fc.uniqueArray(fc.constantFrom(...UNITS), { maxLength: 2 }) : fc.constant([]),
        }),
        { selector: (r) => r.id, maxLength: 8 },
      ),
      cases: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 100, max: 400 }),
          unitId: fc.constantFrom(...UNITS),
          pick: fc.array(fc.nat(), { maxLength: 3 }),
        }),
        { selector: (c) => c.id, maxLength: 14 },
      ),
    })
    .map(({ reviewersPerCase, reviewers, cases }): AutoAssignInput => {
      const withExisting = cases.map((c) => ({
        id: c.id,
        unitId: c.unitId,
        reviewerIds: options.existing && reviewers.length ? [...new Set(c.pick.map((n) => reviewers[n % reviewers.length]!.id))] : [],
      }));
      const load = (id: number) => withExisting.filter((c) => c.reviewerIds.includes(id)).length;
      return { reviewersPerCase, cases: withExisting, reviewers: reviewers.map((r) => ({ ...r, load: load(r.id) })) };
    });

const facts = (r: AutoAssignInput['reviewers'][number]) => ({ userUnitId: r.unitId, declaredUnitIds: new Set(r.declaredUnitIds) });

function eligibleCount(input: AutoAssignInput, c: AutoAssignInput['cases'][number]) {
  return input.reviewers.filter((r) => !c.reviewerIds.includes(r.id) && conflictOf(facts(r), c.unitId) === null).length;
}

function loadsAfter(input: AutoAssignInput, plan: ReturnType<typeof autoAssign>) {
  return input.reviewers.map((r) => r.load + plan.assignments.filter((a) => a.reviewerId === r.id).length);
}

describe('autoAssign (properties)', () => {
  it('never puts a reviewer on a case of their own unit or of a unit they declared', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: true, existing: true }), (input) => {
        const plan = autoAssign(input);
        for (const a of plan.assignments) {
          const reviewer = input.reviewers.find((r) => r.id === a.reviewerId)!;
          const c = input.cases.find((x) => x.id === a.submissionId)!;
          expect(conflictOf(facts(reviewer), c.unitId)).toBeNull();
        }
      }),
    );
  });

  it('gives every case N reviewers where enough are eligible, and reports exactly the rest with what is missing', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: true, existing: true }), (input) => {
        const plan = autoAssign(input);
        for (const c of input.cases) {
          const need = Math.max(0, input.reviewersPerCase - c.reviewerIds.length);
          const added = plan.assignments.filter((a) => a.submissionId === c.id).length;
          const eligible = eligibleCount(input, c);
          expect(added).toBe(Math.min(need, eligible));
          const reported = plan.unsatisfied.find((u) => u.submissionId === c.id);
          if (eligible >= need) expect(reported).toBeUndefined();
          else expect(reported?.missing).toBe(need - eligible);
        }
      }),
    );
  });

  it('keeps existing assignments and never assigns anyone twice to a case', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: true, existing: true }), (input) => {
        const plan = autoAssign(input);
        const keys = plan.assignments.map((a) => `${a.submissionId}:${a.reviewerId}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const a of plan.assignments) {
          expect(input.cases.find((c) => c.id === a.submissionId)!.reviewerIds).not.toContain(a.reviewerId);
        }
      }),
    );
  });

  it('balances load within one when nothing stands in the way (no conflicts, nothing assigned yet)', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: false, existing: false }), (input) => {
        const loads = loadsAfter(input, autoAssign(input));
        if (loads.length) expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('leaves no new assignment that could go to an eligible reviewer carrying two fewer (conflicts and existing load counted)', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: true, existing: true }), (input) => {
        const plan = autoAssign(input);
        const after = new Map(input.reviewers.map((r, i) => [r.id, loadsAfter(input, plan)[i]!]));
        for (const a of plan.assignments) {
          const c = input.cases.find((x) => x.id === a.submissionId)!;
          const onCase = new Set([...c.reviewerIds, ...plan.assignments.filter((x) => x.submissionId === c.id).map((x) => x.reviewerId)]);
          const lighter = input.reviewers.filter(
            (r) => !onCase.has(r.id) && conflictOf(facts(r), c.unitId) === null && after.get(r.id)! <= after.get(a.reviewerId)! - 2,
          );
          expect(lighter).toEqual([]);
        }
      }),
    );
  });

  it('is deterministic: the same input, in any order, gives the same plan', () => {
    fc.assert(
      fc.property(inputArb({ conflicts: true, existing: true }), (input) => {
        const reordered: AutoAssignInput = { ...input, cases: [...input.cases].reverse(), reviewers: [...input.reviewers].reverse() };
        expect(autoAssign(reordered)).toEqual(autoAssign(input));
        expect(autoAssign(input)).toEqual(autoAssign(structuredClone(input)));
      }),
    );
  });
});

describe('autoAssign (a worked example)', () => {
  it('splits six cases over three reviewers two each, skipping the own unit and a declared one', () => {
    const input: AutoAssignInput = {
      reviewersPerCase: 1,
      cases: [1, 2, 3, 4, 5, 6].map((id) => ({ id, unitId: id <= 3 ? 10 : 20, reviewerIds: [] })),
      reviewers: [
        { id: 7, unitId: 10, declaredUnitIds: [], load: 0 }, // own unit 10: only cases 4–6
        { id: 8, unitId: null, declaredUnitIds: [20], load: 0 }, // declared 20: only cases 1–3
        { id: 9, unitId: null, declaredUnitIds: [], load: 0 },
      ],
    };
    const plan = autoAssign(input);
    expect(plan.unsatisfied).toEqual([]);
    const loads = loadsAfter(input, plan);
    expect(loads).toEqual([2, 2, 2]);
    expect(plan.assignments.filter((a) => a.reviewerId === 7).every((a) => a.submissionId >= 4)).toBe(true);
    expect(plan.assignments.filter((a) => a.reviewerId === 8).every((a) => a.submissionId <= 3)).toBe(true);
  });

  it('reports a case that the pool cannot cover, and why', () => {
    const plan = autoAssign({
      reviewersPerCase: 3,
      cases: [
        { id: 1, unitId: 10, reviewerIds: [] },
        { id: 2, unitId: 20, reviewerIds: [] },
      ],
      reviewers: [
        { id: 7, unitId: 10, declaredUnitIds: [], load: 0 },
        { id: 8, unitId: 20, declaredUnitIds: [], load: 0 },
        { id: 9, unitId: null, declaredUnitIds: [], load: 0 },
      ],
    });
    expect(plan.unsatisfied).toEqual([
      { submissionId: 1, missing: 1, reason: 'auto_assign_conflicts_block' },
      { submissionId: 2, missing: 1, reason: 'auto_assign_conflicts_block' },
    ]);
    const small = autoAssign({ reviewersPerCase: 3, cases: [{ id: 1, unitId: 10, reviewerIds: [] }], reviewers: [] });
    expect(small.unsatisfied).toEqual([{ submissionId: 1, missing: 3, reason: 'auto_assign_pool_too_small' }]);
  });
});
