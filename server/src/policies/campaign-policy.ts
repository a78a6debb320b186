import type { ReasonCode } from '../../../contracts/reasons.ts';
import { isInstituteAdmin, type Actor } from './actor.ts';

/** Every staff role takes part in the campaign; the overview is not confidential. */
export function whyNotViewCampaigns(actor: Actor): ReasonCode | null {
  return actor.roles.size > 0 ? null : 'forbidden';
}

export function whyNotManageCampaigns(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}
