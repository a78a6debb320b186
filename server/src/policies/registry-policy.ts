import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/**
 * 单位工作台账 (support centre, reward scheme, seminars): the unit's aid officer
 * keeps them; the unit's staff (officer, leader, class teachers and mentors) and
 * the institute admin read them. Awards name students: their list is further
 * limited to the students the reader may see (inStudentScope).
 */
const unitStaffRoles = ['unit_officer', 'unit_leader', 'mentor'] as const;

export function whyNotViewRegistries(actor: Actor, unitId: number | null = actor.unitId): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  const staff = unitStaffRoles.some((r) => hasRole(actor, r));
  if (!staff || actor.unitId === null) return 'registries_forbidden';
  if (unitId !== actor.unitId) return 'not_own_unit';
  return null;
}

export function whyNotEditRegistries(actor: Actor, unitId: number | null = actor.unitId): ReasonCode | null {
  const view = whyNotViewRegistries(actor, unitId);
  if (view) return view;
  return actor.unitId === unitId && hasRole(actor, 'unit_officer') ? null : 'not_registry_keeper';
}
