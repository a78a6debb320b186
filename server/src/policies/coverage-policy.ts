import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/**
 * The six-coverage dashboard: the institute admin sees every unit; a unit's aid
 * officer and leader see their own unit (with its drill-downs). Teachers,
 * reviewers and coordinators do not.
 */
export function whyNotViewCoverage(actor: Actor, unitId?: number): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (actor.unitId === null || !(hasRole(actor, 'unit_officer') || hasRole(actor, 'unit_leader'))) return 'coverage_not_allowed';
  return unitId === undefined || unitId === actor.unitId ? null : 'not_own_unit';
}

export function whyNotManageCoverageSettings(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}
