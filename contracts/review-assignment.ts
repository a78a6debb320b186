/**
 * Review administration (issue 4, part 1): a track's review settings, its reviewer
 * pool, declared conflicts (回避) and the assignment of reviewers to accepted cases
 * (by hand, by .xlsx, automatically with a preview). Shared by server and web.
 *
 * Who is an external expert (校外专家): every pool member whose account has no unit
 * is external; an account with a unit joins as staff (学院专家) unless the admin marks
 * it external when adding it (an expert from a partner school registered under the
 * unit that hosts them). The kind is stored per pool row (review_pool.kind).
 */
import { z } from 'zod';
import type { ReasonCode } from './reasons.ts';
import { rubric, reviewerKinds, type AssignmentMethod, type ReviewerKind, type Rubric } from './review.ts';
import type { Ability } from './submissions.ts';

export const trackIdParam = z.object({ trackId: z.coerce.number().int().positive() });
export const poolMemberParams = z.object({ trackId: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });

// ---- settings

export const reviewSettingsInput = z.object({
  reviewersPerCase: z.number().int().min(1, '每个案例至少 1 位专家').max(9, '每个案例最多 9 位专家'),
  /** ISO timestamp; null: no review deadline yet. */
  reviewClosesAt: z.iso.datetime({ offset: true }).nullable(),
  blindReview: z.boolean(),
  /** Totals (0–100) differing by more than this flag the case for discussion. */
  spreadThreshold: z.number().min(0).max(100),
  /** null: the default rubric of the track's kind. */
  rubric: rubric.nullable(),
});
export type ReviewSettingsInput = z.infer<typeof reviewSettingsInput>;

export interface ReviewSettingsDto {
  trackId: number;
  trackCode: string;
  trackName: string;
  kind: 'case' | 'ambassador';
  reviewersPerCase: number;
  reviewClosesAt: string | null;
  blindReview: boolean;
  spreadThreshold: number;
  /** The rubric in force (the default when the track has none of its own). */
  rubric: Rubric;
  rubricIsDefault: boolean;
  submittedReviews: number;
  abilities: { update: Ability; changeRubric: Ability };
}

// ---- pool

export const addPoolMemberInput = z.object({
  userId: z.number().int().positive(),
  /** Omitted: external for an account without a unit, staff otherwise. */
  kind: z.enum(reviewerKinds).optional(),
});
export type AddPoolMemberInput = z.infer<typeof addPoolMemberInput>;

export interface PersonRef {
  id: number;
  username: string;
  displayName: string;
  unit: { id: number; name: string } | null;
}

export interface PoolMemberDto extends PersonRef {
  kind: ReviewerKind;
  /** Assignments in this track, and how many of them are submitted. */
  assigned: number;
  submitted: number;
  abilities: { remove: Ability };
}

export interface ReviewPoolDto {
  members: PoolMemberDto[];
  /** Reviewer accounts not in the pool yet (only for those who may add). */
  candidates: PersonRef[];
  abilities: { add: Ability };
}

// ---- conflicts

export const declareConflictInput = z.object({
  userId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  reason: z.string().trim().min(2, '请填写回避原因').max(200),
});
export type DeclareConflictInput = z.infer<typeof declareConflictInput>;

export interface ConflictDto {
  id: number;
  person: PersonRef;
  unit: { id: number; name: string };
  reason: string;
  declaredBy: { id: number; displayName: string } | null;
  createdAt: string;
  abilities: { remove: Ability };
}

export interface ConflictListDto {
  items: ConflictDto[];
  /** Whom the current user may declare a conflict for: everyone (admin) or only themselves. */
  declareFor: 'anyone' | 'self' | 'nobody';
}

// ---- assignment

export const assignInput = z.object({ submissionId: z.number().int().positive(), reviewerId: z.number().int().positive() });
export type AssignInput = z.infer<typeof assignInput>;

export interface AssignedReviewerDto {
  assignmentId: number;
  reviewerId: number;
  displayName: string;
  method: AssignmentMethod;
  submitted: boolean;
  abilities: { remove: Ability };
}

export interface AssignmentCaseDto {
  submissionId: number;
  receiptNo: string | null;
  title: string;
  unit: { id: number; name: string };
  /** Empty when the current user must stay out of this case (回避). */
  reviewers: AssignedReviewerDto[];
  /** Pool members who may not review this case (own unit or declared). */
  conflictedReviewerIds: number[];
  abilities: { assign: Ability };
}

export interface ReviewerLoadDto {
  reviewerId: number;
  displayName: string;
  kind: ReviewerKind;
  unitName: string | null;
  load: number;
}

export interface AssignmentBoardDto {
  trackId: number;
  reviewersPerCase: number;
  cases: AssignmentCaseDto[];
  loads: ReviewerLoadDto[];
  abilities: { assign: Ability; autoAssign: Ability; importXlsx: Ability };
}

export interface PlannedAssignment {
  submissionId: number;
  reviewerId: number;
}

export type UnsatisfiedReason = Extract<
  ReasonCode,
  'auto_assign_pool_too_small' | 'auto_assign_conflicts_block' | 'review_coordinator_conflict'
>;

export interface UnsatisfiedCase {
  submissionId: number;
  missing: number;
  reason: UnsatisfiedReason;
}

export interface AutoAssignPreviewDto {
  /** Send back to apply: the server recomputes the plan and refuses when it differs. */
  planHash: string;
  assignments: (PlannedAssignment & { receiptNo: string | null; title: string; reviewerName: string })[];
  unsatisfied: (UnsatisfiedCase & { receiptNo: string | null; title: string })[];
  loads: (ReviewerLoadDto & { added: number })[];
}

export const applyAutoAssignInput = z.object({ planHash: z.string().regex(/^[0-9a-f]{64}$/, '请先预览分配方案') });

export interface AssignmentBatchResult {
  created: number;
  /** Reviewers notified (one message each for the whole batch). */
  notifiedReviewers: number;
}

/** Columns of the assignment workbook. */
export const assignmentImportColumns = ['受理编号', '评审专家账号'] as const;
