import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { SubmissionStatus } from '../../../contracts/submissions.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/** The facts about a submission (and its track and campaign) the rules look at. */
export interface SubmissionTarget {
  unitId: number;
  createdBy: number;
  trackCoordinatorId: number | null;
  status: SubmissionStatus;
  selected: boolean;
  revision: number;
  approvedRevision: number | null;
  campaignOpen: boolean;
  opensAt: Date | null;
  submissionClosesAt: Date | null;
  revisionClosesAt: Date | null;
}

const unitStaffRoles = ['unit_officer', 'unit_leader', 'mentor'] as const;

/** Drafting roles, in the actor's own unit. */
export function isUnitStaff(actor: Actor, unitId: number): boolean {
  return actor.unitId === unitId && unitStaffRoles.some((r) => hasRole(actor, r));
}

const inUnit = (actor: Actor, unitId: number, role: 'unit_officer' | 'unit_leader') => actor.unitId === unitId && hasRole(actor, role);
const editable = (status: SubmissionStatus) => status === 'draft' || status === 'returned';

/** The unit's recommendation list (select, submit, withdraw) is the aid officer's. */
export function whyNotManageRecommendations(actor: Actor): ReasonCode | null {
  if (actor.unitId === null) return 'not_unit_staff';
  return hasRole(actor, 'unit_officer') ? null : 'not_unit_officer';
}

/** Signing off the unit's cases is the leader's. */
export function whyNotSignOffSubmissions(actor: Actor): ReasonCode | null {
  if (actor.unitId === null) return 'not_unit_staff';
  return hasRole(actor, 'unit_leader') ? null : 'not_unit_leader';
}

/** Who may start a draft: teachers, officers and leaders, in their own unit. */
export function whyNotCreateSubmission(actor: Actor): ReasonCode | null {
  return actor.unitId !== null && unitStaffRoles.some((r) => hasRole(actor, r)) ? null : 'not_unit_staff';
}

/** Anyone in the unit sees its drafts; outside it, only what has been submitted, and only who handles it. */
export function whyNotViewSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  if (isUnitStaff(actor, s.unitId)) return null;
  const submitted = s.status !== 'draft';
  if (isInstituteAdmin(actor)) return submitted ? null : 'draft_private';
  // A coordinator never handles cases of their own unit (conflict): the institute admin does.
  if (hasRole(actor, 'track_coordinator') && s.trackCoordinatorId === actor.id) {
    if (actor.unitId === s.unitId) return 'own_unit_conflict';
    return submitted ? null : 'draft_private';
  }
  return unitStaffRoles.some((r) => hasRole(actor, r)) ? 'not_own_unit' : 'forbidden';
}

export function whyNotEditSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  if (!isUnitStaff(actor, s.unitId)) return actor.unitId === s.unitId ? 'not_unit_staff' : 'not_own_unit';
  const manager = inUnit(actor, s.unitId, 'unit_officer') || inUnit(actor, s.unitId, 'unit_leader');
  if (!manager && s.createdBy !== actor.id) return 'not_own_draft';
  if (!editable(s.status)) return 'submission_locked';
  return null;
}

/** Keeping a privacy-check finding on purpose is part of writing the case: whoever may edit it. */
export function whyNotAcknowledgePii(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  return whyNotEditSubmission(actor, s);
}

/** Only a draft goes away (softly); a returned case stays on the coordinator's list. */
export function whyNotDeleteSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  const reason = whyNotEditSubmission(actor, s);
  if (reason) return reason;
  return s.status === 'draft' ? null : 'submission_locked';
}

/** Putting a draft on the unit's recommendation list, or taking it off. */
export function whyNotSelectSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  if (actor.unitId !== s.unitId) return 'not_own_unit';
  const reason = whyNotManageRecommendations(actor);
  if (reason) return reason;
  return s.status === 'draft' ? null : 'submission_locked';
}

export function whyNotApproveSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  if (actor.unitId !== s.unitId) return 'not_own_unit';
  const reason = whyNotSignOffSubmissions(actor);
  if (reason) return reason;
  return editable(s.status) ? null : 'submission_locked';
}

/** Who may press submit at all; what the case still lacks is the submit check's business. */
export function whyNotSubmitSubmission(actor: Actor, s: SubmissionTarget): ReasonCode | null {
  if (actor.unitId !== s.unitId) return 'not_own_unit';
  const reason = whyNotManageRecommendations(actor);
  if (reason) return reason;
  return editable(s.status) ? null : 'submission_locked';
}

/**
 * The submit check's gates that depend on the calendar and the unit's own
 * steps (not on the content), in the order the user meets them.
 */
export function submitGateReasons(s: SubmissionTarget, now: Date): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  if (!s.campaignOpen) reasons.push('campaign_not_open');
  const window = submitWindowReason(s, now);
  if (window) reasons.push(window);
  if (!s.selected && s.status === 'draft') reasons.push('not_selected');
  if (s.approvedRevision === null) reasons.push('not_approved');
  else if (s.approvedRevision !== s.revision) reasons.push('approval_outdated');
  return reasons;
}

/** opens_at ≤ now < submission_closes_at; a returned case has until revision_closes_at. */
export function submitWindowReason(s: SubmissionTarget, now: Date): ReasonCode | null {
  if (!s.opensAt || !s.submissionClosesAt || now < s.opensAt) return 'track_not_open';
  if (s.status === 'returned') {
    const closes = s.revisionClosesAt ?? s.submissionClosesAt;
    return now < closes ? null : 'revision_deadline_passed';
  }
  return now < s.submissionClosesAt ? null : 'deadline_passed';
}

/** The unit may take a submitted case back before the submission deadline. */
export function whyNotWithdrawSubmission(actor: Actor, s: SubmissionTarget, now: Date): ReasonCode | null {
  if (actor.unitId !== s.unitId) return 'not_own_unit';
  if (!hasRole(actor, 'unit_officer')) return 'not_unit_officer';
  if (s.status === 'draft') return 'not_submitted';
  if (s.status === 'accepted') return 'submission_locked';
  if (!s.submissionClosesAt || now >= s.submissionClosesAt) return 'deadline_passed';
  return null;
}

/** A unit's quota use: its own staff, and the institute admin for any unit. */
export function whyNotViewQuotaUsage(actor: Actor, unitId: number | null): ReasonCode | null {
  if (unitId === null) return 'not_unit_staff';
  if (isInstituteAdmin(actor) || isUnitStaff(actor, unitId)) return null;
  return actor.unitId === unitId ? 'not_unit_staff' : 'not_own_unit';
}

/** The facts about a stored file the download rule looks at. */
export interface FileAccessFacts {
  uploadedBy: number | null;
  campaignLinked: boolean;
  /** Whether the actor may see each submission that refers to the file. */
  submissionReasons: (ReasonCode | null)[];
  campaignReason: ReasonCode | null;
}

/** A file may be downloaded by whoever may see something that refers to it; an unreferenced upload only by its uploader. */
export function whyNotDownloadFile(actor: Actor, f: FileAccessFacts): ReasonCode | null {
  if (f.campaignLinked && f.campaignReason === null) return null;
  if (f.submissionReasons.some((r) => r === null)) return null;
  if (!f.campaignLinked && f.submissionReasons.length === 0) return f.uploadedBy === actor.id ? null : 'forbidden';
  return f.submissionReasons[0] ?? f.campaignReason ?? 'forbidden';
}
