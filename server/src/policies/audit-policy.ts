import type { ReasonCode } from '../../../contracts/reasons.ts';
import { isInstituteAdmin, type Actor } from './actor.ts';

export function whyNotViewAudit(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}
