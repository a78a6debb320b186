import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { RosterImportStatus } from '../../../contracts/roster.ts';
import type { Actor } from './actor.ts';
import { whyNotManageRoster } from './student-policy.ts';

/**
 * The roster's import, class teachers and grade promotion belong to the unit's
 * aid officer (whyNotManageRoster); these add the state each verb needs.
 */
export interface RosterImportTarget {
  unitId: number;
  status: RosterImportStatus;
}

/** Seeing an import, its preview and its errors: the officer of the unit it was made for. */
export function whyNotViewImport(actor: Actor, job: RosterImportTarget): ReasonCode | null {
  return whyNotManageRoster(actor, job.unitId);
}

export function whyNotStartImport(actor: Actor, job: RosterImportTarget): ReasonCode | null {
  return (
    whyNotManageRoster(actor, job.unitId) ??
    (job.status === 'expired' ? 'roster_file_expired' : job.status !== 'uploaded' ? 'roster_import_not_startable' : null)
  );
}

export function whyNotCancelImport(actor: Actor, job: RosterImportTarget): ReasonCode | null {
  return whyNotManageRoster(actor, job.unitId) ?? (job.status !== 'running' ? 'roster_import_not_running' : null);
}

/** Who may head a class: an active teacher (育人导师/班主任) of the same unit. */
export function whyNotClassTeacher(
  teacher: { unitId: number | null; active: boolean; isTeacher: boolean },
  unitId: number,
): ReasonCode | null {
  return teacher.unitId === unitId && teacher.active && teacher.isTeacher ? null : 'class_teacher_not_eligible';
}

/** Once per unit and school year: running it twice would move everyone up two grades. */
export function whyNotRunPromotion(actor: Actor, target: { unitId: number; alreadyDone: boolean }): ReasonCode | null {
  return whyNotManageRoster(actor, target.unitId) ?? (target.alreadyDone ? 'promotion_already_done' : null);
}
