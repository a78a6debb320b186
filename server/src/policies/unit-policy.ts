import type { ReasonCode } from '../../../contracts/reasons.ts';
import { isInstituteAdmin, type Actor } from './actor.ts';

/** Unit names and cities are not secret: every signed-in user may list them. */
export function whyNotListUnits(_actor: Actor): ReasonCode | null {
  return null;
}

export function whyNotManageUnits(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export function whyNotManagePairings(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}
