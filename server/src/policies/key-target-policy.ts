import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, type Actor } from './actor.ts';
import { whyNotViewStudent, type StudentTarget } from './student-policy.ts';

/** Flags and mentors are the unit aid officer's to set, for the unit's own students. */
function whyNotManageKeyTargets(actor: Actor, s: StudentTarget): ReasonCode | null {
  const reason = whyNotViewStudent(actor, s);
  if (reason) return reason;
  if (actor.unitId !== s.unitId) return 'not_own_unit';
  return hasRole(actor, 'unit_officer') ? null : 'not_key_target_manager';
}

/** A 重点帮扶对象 is an identified student (认定 confirmed for the school year) with a risk flag. */
export function whyNotFlagStudent(actor: Actor, s: StudentTarget & { identified: boolean }): ReasonCode | null {
  return whyNotManageKeyTargets(actor, s) ?? (s.identified ? null : 'student_not_identified');
}

export function whyNotClearFlag(actor: Actor, s: StudentTarget): ReasonCode | null {
  return whyNotManageKeyTargets(actor, s);
}

export function whyNotAssignMentor(actor: Actor, s: StudentTarget): ReasonCode | null {
  return whyNotManageKeyTargets(actor, s);
}

export function whyNotEndMentor(actor: Actor, s: StudentTarget): ReasonCode | null {
  return whyNotManageKeyTargets(actor, s);
}

/** A mentor is an active teacher (育人导师/班主任 role) of the student's own unit. */
export function whyNotBeMentor(
  candidate: { unitId: number | null; isMentor: boolean; disabled: boolean },
  unitId: number,
): ReasonCode | null {
  return candidate.unitId === unitId && candidate.isMentor && !candidate.disabled ? null : 'mentor_not_eligible';
}
