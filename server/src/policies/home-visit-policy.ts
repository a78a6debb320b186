import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, type Actor } from './actor.ts';
import { whyNotListStudents, whyNotViewStudent, type StudentTarget } from './student-policy.ts';

/**
 * 家访 records. Seeing one follows the student (student-policy.ts); recording
 * one is for the teachers who know the student — the class teacher or mentor —
 * and for the unit's aid officer, for any student of the unit. A draft is its
 * author's until it is completed; a completed visit is a record and stays as it is.
 */

export interface HomeVisitTarget {
  student: StudentTarget;
  createdBy: number;
  completed: boolean;
}

export function whyNotListHomeVisits(actor: Actor): ReasonCode | null {
  return whyNotListStudents(actor);
}

/** May record visits at all (some student of their own unit): the aid officer, class teachers and mentors. */
export function whyNotRecordAny(actor: Actor, refusal: ReasonCode): ReasonCode | null {
  if (actor.unitId === null) return refusal;
  return hasRole(actor, 'unit_officer') || hasRole(actor, 'mentor') ? null : refusal;
}

/** May record a visit to this student (also: an identification's application and appraisal, see identification-policy.ts). */
export function whyNotRecordFor(actor: Actor, student: StudentTarget, refusal: ReasonCode): ReasonCode | null {
  const reason = whyNotViewStudent(actor, student);
  if (reason) return reason;
  if (actor.unitId !== student.unitId) return refusal;
  if (hasRole(actor, 'unit_officer')) return null;
  if (hasRole(actor, 'mentor') && student.ownStudent) return null;
  return refusal;
}

export function whyNotCreateHomeVisit(actor: Actor, student: StudentTarget): ReasonCode | null {
  return whyNotRecordFor(actor, student, 'not_visit_recorder');
}

/** A draft is seen by its author only; a completed visit by everyone who sees the student. */
export function whyNotViewHomeVisit(actor: Actor, v: HomeVisitTarget): ReasonCode | null {
  const reason = whyNotViewStudent(actor, v.student);
  if (reason) return reason;
  if (!v.completed && v.createdBy !== actor.id) return 'home_visit_not_author';
  return null;
}

/** Edit, upload photos, complete or delete: the author, while it is a draft, and while they still may record for the student. */
export function whyNotEditHomeVisit(actor: Actor, v: HomeVisitTarget): ReasonCode | null {
  const reason = whyNotViewHomeVisit(actor, v);
  if (reason) return reason;
  if (v.completed) return 'home_visit_completed';
  if (v.createdBy !== actor.id) return 'home_visit_not_author';
  return whyNotCreateHomeVisit(actor, v.student);
}

export const whyNotCompleteHomeVisit = whyNotEditHomeVisit;
export const whyNotDeleteHomeVisit = whyNotEditHomeVisit;
