import type { IdentificationStatus } from '../../../contracts/identifications.ts';
import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';
import { whyNotRecordFor } from './home-visit-policy.ts';
import { whyNotListStudents, whyNotViewStudent, type StudentTarget } from './student-policy.ts';

/**
 * 家庭经济困难认定, one transition per function. Seeing an identification
 * follows the student. The class teacher or mentor (their own students) and
 * the unit's aid officer record the application and the class appraisal; the
 * aid officer reviews; the institute admin re-checks. 先家访后认定: neither
 * approval (the unit's proposal of a level, the institute's confirmation) is
 * possible without a completed home visit of the same student in the same
 * school year — a refusal with its own reason, so the page says what to do.
 */

export interface IdentificationTarget {
  student: StudentTarget;
  unitId: number;
  status: IdentificationStatus;
  /** A completed visit of this student in this school year is linked. */
  hasCompletedVisit: boolean;
  appraised: boolean;
}

/** Before the unit has decided: the record may still be completed (visit, appraisal). */
const open = (s: IdentificationStatus) => s === 'applied' || s === 'appraised';

const isOfficerOf = (actor: Actor, unitId: number) => actor.unitId === unitId && hasRole(actor, 'unit_officer');

export function whyNotListIdentifications(actor: Actor): ReasonCode | null {
  return whyNotListStudents(actor);
}

export function whyNotViewIdentification(actor: Actor, t: Pick<IdentificationTarget, 'student'>): ReasonCode | null {
  return whyNotViewStudent(actor, t.student);
}

/** 申请 with 诚信承诺, recorded for the student by their teacher or the aid officer. */
export function whyNotApplyIdentification(actor: Actor, student: StudentTarget): ReasonCode | null {
  return whyNotRecordFor(actor, student, 'not_identification_recorder');
}

export function whyNotLinkVisit(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotRecordFor(actor, t.student, 'not_identification_recorder');
  if (reason) return reason;
  return open(t.status) ? null : 'identification_step_invalid';
}

/** 民主评议: recorded once the application exists, until the unit has decided. */
export function whyNotAppraise(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotRecordFor(actor, t.student, 'not_identification_recorder');
  if (reason) return reason;
  return open(t.status) ? null : 'identification_step_invalid';
}

function whyNotUnitReview(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotViewStudent(actor, t.student);
  if (reason) return reason;
  if (!isOfficerOf(actor, t.unitId)) return 'not_identification_reviewer';
  return open(t.status) ? null : 'identification_step_invalid';
}

/** 单位审核, approving with a level: only after the home visit and the class appraisal. */
export function whyNotProposeLevel(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotUnitReview(actor, t);
  if (reason) return reason;
  if (!t.hasCompletedVisit) return 'home_visit_required';
  return t.appraised ? null : 'appraisal_missing';
}

/** 单位审核, not identified: a decision the unit may take at any point before it has proposed a level. */
export function whyNotRejectIdentification(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  return whyNotUnitReview(actor, t);
}

function whyNotRecheck(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  if (!isInstituteAdmin(actor)) return 'not_institute_admin';
  return t.status === 'proposed' ? null : 'identification_step_invalid';
}

/** 学院复核, confirming: the home visit is checked again (a record changed underneath must not slip through). */
export function whyNotConfirmIdentification(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotRecheck(actor, t);
  if (reason) return reason;
  return t.hasCompletedVisit ? null : 'home_visit_required';
}

/** 学院复核, sending back to the unit with a reason. */
export function whyNotReturnIdentification(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  return whyNotRecheck(actor, t);
}

/** A semester adjustment of the level in force: the unit's aid officer, once the identification is archived. */
export function whyNotAdjustLevel(actor: Actor, t: IdentificationTarget): ReasonCode | null {
  const reason = whyNotViewStudent(actor, t.student);
  if (reason) return reason;
  if (!isOfficerOf(actor, t.unitId)) return 'not_identification_reviewer';
  return t.status === 'archived' ? null : 'identification_step_invalid';
}

// ---- levels

export function whyNotManageLevels(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

// ---- 公示

export interface NoticeTarget {
  unitId: number;
  startsOn: string;
  endsOn: string;
  archived: boolean;
  openObjections: number;
}

/** Who is shown the unit's notices: users of that unit and of the institute, never anyone signed out. */
export interface NoticeViewer {
  /** The actor's unit is the institute itself (学生管理处 and other institute staff). */
  instituteStaff: boolean;
}

/** Staff with a unit (any role) and the institute admin; a user with no role yet sees nothing. */
export function whyNotViewNotices(actor: Actor): ReasonCode | null {
  return (actor.unitId !== null && actor.roles.size > 0) || isInstituteAdmin(actor) ? null : 'not_notice_viewer';
}

export function whyNotManageNotice(actor: Actor, unitId: number): ReasonCode | null {
  return isOfficerOf(actor, unitId) || isInstituteAdmin(actor) ? null : 'not_notice_manager';
}

export function whyNotPublishNotice(actor: Actor, unitId: number | null): ReasonCode | null {
  return unitId !== null && isOfficerOf(actor, unitId) ? null : 'not_notice_manager';
}

/** The list itself: only while it runs (from the start date to the end date, Beijing time). */
export function whyNotReadNotice(actor: Actor, n: NoticeTarget, viewer: NoticeViewer, today: string): ReasonCode | null {
  const reason = whyNotViewNotices(actor);
  if (reason) return reason;
  if (actor.unitId !== n.unitId && !viewer.instituteStaff && !isInstituteAdmin(actor)) return 'not_notice_viewer';
  if (today < n.startsOn) return 'notice_not_started';
  if (today > n.endsOn || n.archived) return 'notice_expired';
  return null;
}

/** An objection: anyone who may read the notice, while it runs. */
export function whyNotObject(actor: Actor, n: NoticeTarget, viewer: NoticeViewer, today: string): ReasonCode | null {
  return whyNotReadNotice(actor, n, viewer, today);
}

export function whyNotResolveObjection(actor: Actor, n: NoticeTarget, objection: { resolved: boolean }): ReasonCode | null {
  if (!isOfficerOf(actor, n.unitId)) return 'not_notice_manager';
  if (n.archived) return 'notice_archived';
  return objection.resolved ? 'objection_resolved' : null;
}

/** 归档: after the notice period, with every objection answered. */
export function whyNotArchiveNotice(actor: Actor, n: NoticeTarget, today: string): ReasonCode | null {
  if (!isOfficerOf(actor, n.unitId)) return 'not_notice_manager';
  if (n.archived) return 'notice_archived';
  if (n.openObjections > 0) return 'objection_open';
  return today > n.endsOn ? null : 'notice_not_finished';
}
