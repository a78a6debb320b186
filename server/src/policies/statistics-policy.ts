import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/** The facts about a unit's filing (统计表 + 总结报告) the rules look at. */
export interface FilingTarget {
  unitId: number;
  version: number;
  signedOffVersion: number | null;
  submittedAt: Date | null;
  /** Reopened by the institute and not submitted again since: the deadline no longer applies. */
  reopenedAt: Date | null;
  deadlineAt: Date;
  hasReport: boolean;
  /** Entered columns still empty. */
  missingEntries: number;
}

const ownUnit = (actor: Actor, unitId: number) => actor.unitId === unitId;

export function whyNotManageStatisticsLayout(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

/** The institute grid, reminders, exports of all units, reopening. */
export const whyNotViewStatisticsGrid = whyNotManageStatisticsLayout;

/** The menu entry: the institute admin, or a unit's officer or leader. */
export function whyNotUseStatistics(actor: Actor): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  return actor.unitId !== null && (hasRole(actor, 'unit_officer') || hasRole(actor, 'unit_leader')) ? null : 'statistics_forbidden';
}

export function whyNotViewFiling(actor: Actor, unitId: number): ReasonCode | null {
  if (isInstituteAdmin(actor)) return null;
  if (whyNotUseStatistics(actor)) return 'statistics_forbidden';
  return ownUnit(actor, unitId) ? null : 'not_own_unit';
}

function lockedOrLate(f: FilingTarget, now: Date): ReasonCode | null {
  if (f.submittedAt) return 'statistics_filing_locked';
  if (!f.reopenedAt && now.getTime() > f.deadlineAt.getTime()) return 'statistics_deadline_passed';
  return null;
}

/** Fill entered columns, override computed ones, write or upload the report: the unit's aid officer, until submitted and the deadline. */
export function whyNotEditFiling(actor: Actor, f: FilingTarget, now: Date = new Date()): ReasonCode | null {
  if (!hasRole(actor, 'unit_officer') || !ownUnit(actor, f.unitId))
    return ownUnit(actor, f.unitId) ? 'statistics_not_officer' : 'not_own_unit';
  return lockedOrLate(f, now);
}

/** The 分管领导 signs off the exact current version. */
export function whyNotSignOffFiling(actor: Actor, f: FilingTarget, now: Date = new Date()): ReasonCode | null {
  if (!hasRole(actor, 'unit_leader') || !ownUnit(actor, f.unitId))
    return ownUnit(actor, f.unitId) ? 'statistics_not_leader' : 'not_own_unit';
  const state = lockedOrLate(f, now);
  if (state) return state;
  return f.signedOffVersion === f.version ? 'statistics_already_signed' : null;
}

export function whyNotSubmitFiling(actor: Actor, f: FilingTarget, now: Date = new Date()): ReasonCode | null {
  const edit = whyNotEditFiling(actor, f, now);
  if (edit) return edit;
  if (!f.hasReport) return 'statistics_report_missing';
  if (f.missingEntries > 0) return 'statistics_entries_missing';
  return f.signedOffVersion === f.version ? null : 'statistics_not_signed_off';
}

export function whyNotReopenFiling(actor: Actor, f: Pick<FilingTarget, 'submittedAt'>): ReasonCode | null {
  return whyNotManageStatisticsLayout(actor) ?? (f.submittedAt ? null : 'statistics_not_submitted');
}
