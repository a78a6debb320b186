import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/**
 * Decisions (推荐省级 / 学院优秀 / 未入选), their release, the campaign's public
 * notice (公示) and the upward package: the institute admin's work. Units read
 * their own released results; nobody else sees a decision before release.
 */

/** The decisions page, the notice management and the package. */
export function whyNotDecide(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export interface DecisionTarget {
  /** Passed the form check (accepted_at set) and not withdrawn. */
  accepted: boolean;
  /** The case's decision has been released to its unit. */
  released: boolean;
}

/** Staging an outcome for one case: accepted cases only, and never once released (see docs/decisions/015). */
export function whyNotDecideCase(actor: Actor, t: DecisionTarget): ReasonCode | null {
  return whyNotDecide(actor) ?? (!t.accepted ? 'decision_case_not_accepted' : t.released ? 'decision_released' : null);
}

/** Releasing a track: everything staged goes out together. */
export function whyNotRelease(actor: Actor, t: { staged: number }): ReasonCode | null {
  return whyNotDecide(actor) ?? (t.staged === 0 ? 'decision_nothing_staged' : null);
}

/** 撤回发布: the released decisions of a track become staged again (audited, with a reason). */
export function whyNotWithdrawRelease(actor: Actor, t: { released: number }): ReasonCode | null {
  return whyNotDecide(actor) ?? (t.released === 0 ? 'decision_not_released' : null);
}

/** The upward package exists once the track has released 推荐省级 cases. */
export function whyNotDownloadPackage(actor: Actor, t: { releasedProvincial: number }): ReasonCode | null {
  return whyNotDecide(actor) ?? (t.releasedProvincial === 0 ? 'package_nothing' : null);
}

const unitStaffRoles = ['unit_officer', 'unit_leader', 'mentor'] as const;

/** A unit's staff read their unit's released results (outcome and note, never scores). */
export function whyNotViewUnitResults(actor: Actor): ReasonCode | null {
  return actor.unitId !== null && unitStaffRoles.some((r) => hasRole(actor, r)) ? null : 'review_results_unit_only';
}

export type CampaignNoticeFacts = { startsOn: string; endsOn: string; takenDown: boolean };

/** The public page answers only while the notice runs (dates in Asia/Shanghai, today from the server clock). */
export function whyNotReadPublicNotice(n: CampaignNoticeFacts, today: string): ReasonCode | null {
  if (today < n.startsOn) return 'campaign_notice_not_found';
  return n.takenDown || today > n.endsOn ? 'campaign_notice_ended' : null;
}

/** Objections are lodged while the notice runs, by anyone who can read it (no login). */
export const whyNotObject = whyNotReadPublicNotice;

export function whyNotTakeDown(actor: Actor, n: CampaignNoticeFacts, today: string): ReasonCode | null {
  return whyNotDecide(actor) ?? (n.takenDown ? 'campaign_notice_taken_down' : today > n.endsOn ? 'campaign_notice_ended' : null);
}

export function whyNotRespondObjection(actor: Actor, o: { answered: boolean }): ReasonCode | null {
  return whyNotDecide(actor) ?? (o.answered ? 'objection_answered' : null);
}
