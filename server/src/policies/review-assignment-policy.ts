import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { ReviewerKind } from '../../../contracts/review.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';
import type { ConflictKind } from './review-conflict.ts';

/**
 * Review administration (评审管理): settings, the reviewer pool, conflicts and
 * assignments. The institute admin runs it; a track's coordinator reads the settings
 * and the pool and assigns reviewers, except on cases they must stay out of (回避).
 * A reviewer never sees who else reviews what: pool and assignment lists are not theirs.
 */

/** The facts about a track the rules look at. */
export interface ReviewTrackTarget {
  coordinatorUserId: number | null;
  campaignStatus: 'draft' | 'open' | 'reviewing' | 'closed';
}

/** The menu entry: the institute admin and every track coordinator. */
export function whyNotManageReviews(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) || hasRole(actor, 'track_coordinator') ? null : 'not_review_manager';
}

const isTrackCoordinator = (actor: Actor, t: ReviewTrackTarget) =>
  hasRole(actor, 'track_coordinator') && t.coordinatorUserId !== null && t.coordinatorUserId === actor.id;

/** Settings, pool and the assignment board of a track: the admin and that track's coordinator. */
export function whyNotViewReviewAdmin(actor: Actor, t: ReviewTrackTarget): ReasonCode | null {
  return isInstituteAdmin(actor) || isTrackCoordinator(actor, t) ? null : 'not_review_manager';
}

/** Settings and the pool are the institute's: only the admin changes them, and not after the campaign closed. */
export function whyNotChangeReviewSetup(actor: Actor, t: ReviewTrackTarget): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  return t.campaignStatus === 'closed' ? 'campaign_closed' : null;
}

/** Scores add up only on the rubric they were given on: once one review is submitted, the rubric stays. */
export function whyNotChangeRubric(actor: Actor, t: ReviewTrackTarget, submittedReviews: number): ReasonCode | null {
  return whyNotChangeReviewSetup(actor, t) ?? (submittedReviews > 0 ? 'review_rubric_locked' : null);
}

/** Assigning in general (the board's buttons, automatic assignment, the .xlsx). */
export function whyNotAssignInTrack(actor: Actor, t: ReviewTrackTarget): ReasonCode | null {
  if (!isInstituteAdmin(actor) && !isTrackCoordinator(actor, t)) return 'not_review_manager';
  return t.campaignStatus === 'closed' ? 'campaign_closed' : null;
}

/**
 * Assigning on one case. `actorConflict` is conflictOf(actor's facts, case unit):
 * a coordinator with a conflict does not steer the case; the admin is trusted with all.
 */
export function whyNotAssignCase(actor: Actor, t: ReviewTrackTarget, actorConflict: ConflictKind | null): ReasonCode | null {
  const general = whyNotAssignInTrack(actor, t);
  if (general) return general;
  if (isInstituteAdmin(actor)) return null;
  return actorConflict ? 'review_coordinator_conflict' : null;
}

/** Whether this reviewer may be put on this case at all (pool, case state, conflict). */
export function whyNotReviewCase(facts: { inPool: boolean; caseAccepted: boolean; conflict: ConflictKind | null }): ReasonCode | null {
  if (!facts.caseAccepted) return 'case_not_assignable';
  if (!facts.inPool) return 'reviewer_not_in_pool';
  return facts.conflict ? 'review_conflict' : null;
}

/** An assignment goes only while its review is not submitted (a draft goes with it). */
export function whyNotUnassign(
  actor: Actor,
  t: ReviewTrackTarget,
  actorConflict: ConflictKind | null,
  reviewSubmitted: boolean,
): ReasonCode | null {
  return whyNotAssignCase(actor, t, actorConflict) ?? (reviewSubmitted ? 'assignment_review_submitted' : null);
}

/** Who may join a pool: an enabled account with the reviewer role; staff needs a unit. */
export function whyNotJoinPool(
  candidate: { roles: readonly string[]; disabled: boolean; unitId: number | null },
  kind: ReviewerKind,
): ReasonCode | null {
  if (candidate.disabled || !candidate.roles.includes('reviewer')) return 'reviewer_not_eligible';
  return kind === 'staff' && candidate.unitId === null ? 'reviewer_staff_needs_unit' : null;
}

/** The pool kind when the admin does not say: external without a unit, staff with one. */
export function defaultReviewerKind(unitId: number | null): ReviewerKind {
  return unitId === null ? 'external' : 'staff';
}

export function whyNotLeavePool(actor: Actor, t: ReviewTrackTarget, submittedReviews: number): ReasonCode | null {
  return whyNotChangeReviewSetup(actor, t) ?? (submittedReviews > 0 ? 'reviewer_has_submitted_reviews' : null);
}

// ---- conflicts (per campaign)

/** Conflicts are listed to the admin and coordinators in full; anyone else sees only their own. */
export function conflictListScope(actor: Actor): 'all' | 'own' {
  return isInstituteAdmin(actor) || hasRole(actor, 'track_coordinator') ? 'all' : 'own';
}

/** The admin declares for anyone; a reviewer or coordinator declares their own. */
export function whyNotDeclareConflict(
  actor: Actor,
  person: { id: number; roles: readonly string[]; unitId: number | null },
  unitId: number,
  campaignStatus: ReviewTrackTarget['campaignStatus'],
): ReasonCode | null {
  if (!isInstituteAdmin(actor)) {
    if (!hasRole(actor, 'reviewer') && !hasRole(actor, 'track_coordinator')) return 'forbidden';
    if (person.id !== actor.id) return 'conflict_only_own';
  }
  if (campaignStatus === 'closed') return 'campaign_closed';
  if (!person.roles.includes('reviewer') && !person.roles.includes('track_coordinator')) return 'conflict_person_not_eligible';
  return person.unitId === unitId ? 'conflict_own_unit_automatic' : null;
}

/** Removing a declaration lifts a conflict: the admin's call alone. */
export function whyNotRemoveConflict(actor: Actor, campaignStatus: ReviewTrackTarget['campaignStatus']): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  return campaignStatus === 'closed' ? 'campaign_closed' : null;
}
