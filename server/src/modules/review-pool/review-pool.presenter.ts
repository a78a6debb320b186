import type {
  AssignmentBoardDto,
  AutoAssignPreviewDto,
  ConflictDto,
  PersonRef,
  PoolMemberDto,
  ReviewSettingsDto,
} from '../../../../contracts/review-assignment.ts';
import { rubricOf } from '../../../../contracts/review.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAssignCase,
  whyNotAssignInTrack,
  whyNotChangeReviewSetup,
  whyNotChangeRubric,
  whyNotLeavePool,
  whyNotRemoveConflict,
  whyNotUnassign,
} from '../../policies/review-assignment-policy.ts';
import { conflictOf, type ConflictKind } from '../../policies/review-conflict.ts';
import type { AutoAssignPlan } from './review-pool.commands.ts';
import { reviewTarget } from './review-pool.commands.ts';
import type * as repo from './review-pool.repository.ts';

const personRef = (p: {
  id: number;
  username: string;
  display_name: string;
  unit_id: number | null;
  unit_name: string | null;
}): PersonRef => ({
  id: p.id,
  username: p.username,
  displayName: p.display_name,
  unit: p.unit_id !== null && p.unit_name !== null ? { id: p.unit_id, name: p.unit_name } : null,
});

export { personRef };

export function presentSettings(actor: Actor, track: repo.ReviewTrackRow, submittedReviews: number): ReviewSettingsDto {
  const target = reviewTarget(track);
  return {
    trackId: track.id,
    trackCode: track.code,
    trackName: track.name,
    kind: track.kind,
    reviewersPerCase: track.reviewers_per_case,
    reviewClosesAt: track.review_closes_at?.toISOString() ?? null,
    blindReview: track.blind_review,
    spreadThreshold: Number(track.spread_threshold),
    rubric: rubricOf({ kind: track.kind, rubric: track.rubric }),
    rubricIsDefault: track.rubric === null,
    submittedReviews,
    abilities: {
      update: ability(whyNotChangeReviewSetup(actor, target)),
      changeRubric: ability(whyNotChangeRubric(actor, target, submittedReviews)),
    },
  };
}

export function presentPoolMember(
  actor: Actor,
  track: repo.ReviewTrackRow,
  m: Awaited<ReturnType<typeof repo.listPool>>[number],
): PoolMemberDto {
  const submitted = Number(m.submitted);
  return {
    ...personRef(m),
    kind: m.kind,
    assigned: Number(m.assigned),
    submitted,
    abilities: { remove: ability(whyNotLeavePool(actor, reviewTarget(track), submitted)) },
  };
}

export function presentConflict(
  actor: Actor,
  campaignStatus: repo.ReviewTrackRow['campaign_status'],
  c: Awaited<ReturnType<typeof repo.listConflicts>>[number],
): ConflictDto {
  return {
    id: c.id,
    person: personRef({
      id: c.user_id,
      username: c.username,
      display_name: c.display_name,
      unit_id: c.user_unit_id,
      unit_name: c.user_unit_name,
    }),
    unit: { id: c.unit_id, name: c.unit_name },
    reason: c.reason,
    declaredBy: c.declared_by_id !== null && c.declared_by_name !== null ? { id: c.declared_by_id, displayName: c.declared_by_name } : null,
    createdAt: c.created_at.toISOString(),
    abilities: { remove: ability(whyNotRemoveConflict(actor, campaignStatus)) },
  };
}

export function presentBoard(
  actor: Actor,
  track: repo.ReviewTrackRow,
  data: {
    cases: repo.CaseRow[];
    pool: Awaited<ReturnType<typeof repo.listPool>>;
    assignments: Awaited<ReturnType<typeof repo.listTrackAssignments>>;
    declared: Map<number, number[]>;
    actorConflict: (unitId: number) => ConflictKind | null;
  },
): AssignmentBoardDto {
  const target = reviewTarget(track);
  const general = whyNotAssignInTrack(actor, target);
  const facts = new Map(data.pool.map((p) => [p.id, { userUnitId: p.unit_id, declaredUnitIds: new Set(data.declared.get(p.id) ?? []) }]));
  return {
    trackId: track.id,
    reviewersPerCase: track.reviewers_per_case,
    cases: data.cases.map((c) => {
      const mine = data.actorConflict(c.unit_id);
      return {
        submissionId: c.id,
        receiptNo: c.receipt_no,
        title: c.title,
        unit: { id: c.unit_id, name: c.unit_name },
        // A coordinator who must stay out of a case does not see who reviews it.
        reviewers: mine
          ? []
          : data.assignments
              .filter((a) => a.submission_id === c.id)
              .map((a) => ({
                assignmentId: a.id,
                reviewerId: a.reviewer_id,
                displayName: a.display_name,
                method: a.method,
                submitted: a.submitted,
                abilities: { remove: ability(whyNotUnassign(actor, target, mine, a.submitted)) },
              })),
        conflictedReviewerIds: data.pool.filter((p) => conflictOf(facts.get(p.id)!, c.unit_id) !== null).map((p) => p.id),
        abilities: { assign: ability(whyNotAssignCase(actor, target, mine)) },
      };
    }),
    loads: data.pool.map((p) => ({
      reviewerId: p.id,
      displayName: p.display_name,
      kind: p.kind,
      unitName: p.unit_name,
      load: data.assignments.filter((a) => a.reviewer_id === p.id).length,
    })),
    abilities: { assign: ability(general), autoAssign: ability(general), importXlsx: ability(general) },
  };
}

export function presentPreview(plan: AutoAssignPlan): AutoAssignPreviewDto {
  const caseOf = new Map(plan.cases.map((c) => [c.id, c]));
  const nameOf = new Map(plan.pool.map((p) => [p.id, p.display_name]));
  return {
    planHash: plan.planHash,
    assignments: plan.assignments.map((a) => ({
      ...a,
      receiptNo: caseOf.get(a.submissionId)?.receipt_no ?? null,
      title: caseOf.get(a.submissionId)?.title ?? '',
      reviewerName: nameOf.get(a.reviewerId) ?? '',
    })),
    unsatisfied: plan.unsatisfied.map((u) => ({
      ...u,
      receiptNo: caseOf.get(u.submissionId)?.receipt_no ?? null,
      title: caseOf.get(u.submissionId)?.title ?? '',
    })),
    loads: plan.pool.map((p) => {
      const added = plan.assignments.filter((a) => a.reviewerId === p.id).length;
      return {
        reviewerId: p.id,
        displayName: p.display_name,
        kind: p.kind,
        unitName: p.unit_name,
        load: (plan.loadBefore.get(p.id) ?? 0) + added,
        added,
      };
    }),
  };
}
