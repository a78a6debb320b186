/**
 * Who may score a case, see its reviews and scores, and discuss it (issue 4, scoring).
 * Conflicts come from review-conflict.ts (conflictOf); these rules only read the facts.
 *
 * - A reviewer scores only the cases assigned to them, never one they have a conflict with,
 *   and only while the track's review is open; they see the other reviews of a case (and its
 *   thread) only after submitting their own, and never the private notes.
 * - The institute admin sees everything; the track's coordinator sees the track's reviews
 *   with the private notes, except for a case they have a conflict with.
 * - Unit staff never see reviews or scores (only the released decision).
 */
import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';
import type { ConflictKind } from './review-conflict.ts';

/** What the rules need to know about one case and the actor's relation to it. */
export interface CaseReviewFacts {
  unitId: number;
  trackCoordinatorId: number | null;
  /** Submitted, accepted in the form check, not withdrawn or deleted. */
  accepted: boolean;
  reviewClosesAt: Date | null;
  /** The actor's conflict with the case's unit (own unit or declared), if any. */
  conflict: ConflictKind | null;
  /** The actor holds an assignment for the case. */
  assigned: boolean;
  /** The actor's own review of the case has been submitted at least once. */
  ownSubmitted: boolean;
}

const unitStaffRoles = ['unit_officer', 'unit_leader', 'mentor'] as const;
const isUnitStaffAnywhere = (actor: Actor) => unitStaffRoles.some((r) => hasRole(actor, r));
const coordinates = (actor: Actor, trackCoordinatorId: number | null) =>
  hasRole(actor, 'track_coordinator') && trackCoordinatorId !== null && trackCoordinatorId === actor.id;

/** 评审任务: the reviewer's own list of assignments. */
export function whyNotUseReviewerWorkspace(actor: Actor): ReasonCode | null {
  return hasRole(actor, 'reviewer') ? null : 'not_reviewer';
}

/** Read the case as a reviewer (the content, never the student records). */
export function whyNotReviewCase(actor: Actor, f: CaseReviewFacts): ReasonCode | null {
  if (!f.assigned) return isUnitStaffAnywhere(actor) && !hasRole(actor, 'reviewer') ? 'review_scores_of_unit' : 'review_not_assigned';
  if (f.conflict) return 'reviewer_conflict';
  if (!f.accepted) return 'review_case_not_accepted';
  return null;
}

/** Save a draft, submit or revise one's own review: until the track's review deadline. */
export function whyNotEditReview(actor: Actor, f: CaseReviewFacts, now: Date): ReasonCode | null {
  const reason = whyNotReviewCase(actor, f);
  if (reason) return reason;
  if (f.reviewClosesAt && now >= f.reviewClosesAt) return 'review_closed';
  return null;
}

/** The ranking and scores of a track: the institute admin, and the track's own coordinator. */
export function whyNotViewRanking(actor: Actor, track: { coordinatorId: number | null }): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (coordinates(actor, track.coordinatorId)) return null;
  if (isUnitStaffAnywhere(actor) && !hasRole(actor, 'track_coordinator')) return 'review_scores_of_unit';
  return 'not_ranking_viewer';
}

/** Whether the ranking page is offered at all (admin, or a coordinator of some track). */
export function whyNotUseRankings(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) || hasRole(actor, 'track_coordinator') ? null : 'not_ranking_viewer';
}

/** Whether the actor, allowed to see the track's ranking, sees this case's scores. */
export function scoresVisibleTo(actor: Actor, conflict: ConflictKind | null): boolean {
  return isInstituteAdmin(actor) || conflict === null;
}

/**
 * The reviews of a case (scores and comments of every reviewer) and its discussion thread:
 * the admin; the non-conflicted coordinator; a reviewer after submitting their own review.
 */
export function whyNotViewCaseReviews(actor: Actor, f: CaseReviewFacts): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (coordinates(actor, f.trackCoordinatorId)) return f.conflict ? 'reviewer_conflict' : null;
  if (f.assigned) {
    if (f.conflict) return 'reviewer_conflict';
    return f.ownSubmitted ? null : 'review_others_hidden';
  }
  if (isUnitStaffAnywhere(actor) && !hasRole(actor, 'reviewer')) return 'review_scores_of_unit';
  return hasRole(actor, 'reviewer') ? 'review_not_assigned' : 'not_ranking_viewer';
}

/** Writing in the thread: whoever may read it. */
export function whyNotCommentOnCase(actor: Actor, f: CaseReviewFacts): ReasonCode | null {
  return whyNotViewCaseReviews(actor, f);
}

/** Private notes are for the coordinator and the institute, never for the other reviewers. */
export function seesPrivateNotes(actor: Actor, f: CaseReviewFacts): boolean {
  if (isInstituteAdmin(actor)) return true;
  return coordinates(actor, f.trackCoordinatorId) && f.conflict === null;
}
