import type { ReasonCode } from '../../../contracts/reasons.ts';
import { isInstituteAdmin, type Actor } from './actor.ts';

/** Mails carry names and case titles of every unit: only the institute admin sees the log. */
export function whyNotViewMailLog(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

/** Inbox messages are private to their recipient; someone else's is reported as missing. */
export function whyNotReadInboxMessage(actor: Actor, message: { user_id: number }): ReasonCode | null {
  return message.user_id === actor.id ? null : 'not_found';
}
