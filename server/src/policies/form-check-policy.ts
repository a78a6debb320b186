import type { FormCheckHandler } from '../../../contracts/form-check.ts';
import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { SubmissionStatus } from '../../../contracts/submissions.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/** The facts about a submission the form check looks at. */
export interface FormCheckTarget {
  unitId: number;
  trackCoordinatorId: number | null;
  /** The unit of the track's coordinator: a case of that unit goes to the institute admin (回避). */
  coordinatorUnitId: number | null;
  status: SubmissionStatus;
  submissionClosesAt: Date | null;
  revisionClosesAt: Date | null;
}

/** The coordinator's inbox: coordinators see their tracks, the institute admin sees all tracks. */
export function whyNotUseFormCheck(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) || hasRole(actor, 'track_coordinator') ? null : 'not_form_checker';
}

/** Who form-checks this case: the coordinator, unless the case is of the coordinator's own unit (or the track has none). */
export function formCheckHandler(t: Pick<FormCheckTarget, 'unitId' | 'trackCoordinatorId' | 'coordinatorUnitId'>): FormCheckHandler {
  return t.trackCoordinatorId !== null && t.coordinatorUnitId !== t.unitId ? 'coordinator' : 'institute_admin';
}

/** Whether the actor handles cases of this track and unit at all (before looking at the case's state). */
function whyNotHandle(actor: Actor, t: FormCheckTarget): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (hasRole(actor, 'track_coordinator') && t.trackCoordinatorId === actor.id) {
    // A coordinator never form-checks a case of their own unit: the institute admin does.
    return actor.unitId === t.unitId ? 'own_unit_conflict' : null;
  }
  return hasRole(actor, 'track_coordinator') ? 'not_track_coordinator' : 'not_form_checker';
}

/** A case in the form check: only once sent (a draft or withdrawn case stays inside its unit). */
export function whyNotViewFormCheckCase(actor: Actor, t: FormCheckTarget): ReasonCode | null {
  return whyNotHandle(actor, t) ?? (t.status === 'draft' ? 'draft_private' : null);
}

function whyNotDecide(actor: Actor, t: FormCheckTarget): ReasonCode | null {
  const who = whyNotHandle(actor, t);
  if (who) return who;
  switch (t.status) {
    case 'draft':
      return 'not_submitted';
    case 'accepted':
      return 'already_accepted';
    case 'returned':
      return 'already_returned';
    default:
      return null;
  }
}

export function whyNotAcceptSubmission(actor: Actor, t: FormCheckTarget): ReasonCode | null {
  return whyNotDecide(actor, t);
}

/** Returning only makes sense while the unit can still resubmit (until the revision deadline). */
export function whyNotReturnSubmission(actor: Actor, t: FormCheckTarget, now: Date): ReasonCode | null {
  const reason = whyNotDecide(actor, t);
  if (reason) return reason;
  const closes = t.revisionClosesAt ?? t.submissionClosesAt;
  return closes && now >= closes ? 'return_after_revision_deadline' : null;
}

// ---- exports ----

/** A unit's recommendation list: its officers and leaders (what the unit sends), and the institute admin. */
export function whyNotExportUnitList(actor: Actor, unitId: number): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (actor.unitId !== unitId) return 'not_own_unit';
  return hasRole(actor, 'unit_officer') || hasRole(actor, 'unit_leader') ? null : 'not_unit_manager';
}

/** A track's recommendation list: its coordinator (without their own unit's cases) and the institute admin. */
export function whyNotExportTrackList(actor: Actor, track: { coordinatorId: number | null }): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  return hasRole(actor, 'track_coordinator') && track.coordinatorId === actor.id ? null : 'not_track_coordinator';
}
