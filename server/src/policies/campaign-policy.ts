import type { CampaignAbilities, CampaignStatus, CampaignTransition, TrackAbilities } from '../../../contracts/campaigns.ts';
import { campaignTransitions } from '../../../contracts/campaigns.ts';
import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/** The facts about a campaign the rules look at. */
export interface CampaignTarget {
  status: CampaignStatus;
  /** Every submission row of the campaign, drafts and deleted ones included (they hold foreign keys). */
  submissionCount: number;
}

/** The facts about a track the rules look at. */
export interface TrackTarget {
  submissionCount: number;
}

/** What opening needs of a track: deadlines in order, a host unit and an active coordinator. */
export interface TrackReadiness {
  id: number;
  name: string;
  opensAt: Date | null;
  submissionClosesAt: Date | null;
  revisionClosesAt: Date | null;
  hostUnitId: number | null;
  coordinatorUserId: number | null;
  /** The coordinator's account is enabled and holds the track_coordinator role. */
  coordinatorEligible: boolean;
}

/** Every staff role takes part in the campaign; the overview is not confidential. */
export function whyNotViewCampaigns(actor: Actor): ReasonCode | null {
  return actor.roles.size > 0 ? null : 'forbidden';
}

export function whyNotManageCampaigns(actor: Actor): ReasonCode | null {
  return isInstituteAdmin(actor) ? null : 'not_institute_admin';
}

export const whyNotCreateCampaign = whyNotManageCampaigns;
export const whyNotCopyCampaign = whyNotManageCampaigns;

/** Settings (title, notice, files, tracks) may change until the campaign is closed. */
export function whyNotUpdateCampaign(actor: Actor, c: Pick<CampaignTarget, 'status'>): ReasonCode | null {
  return whyNotManageCampaigns(actor) ?? (c.status === 'closed' ? 'campaign_closed' : null);
}

export function whyNotDeleteCampaign(actor: Actor, c: CampaignTarget): ReasonCode | null {
  const manage = whyNotManageCampaigns(actor);
  if (manage) return manage;
  if (c.status !== 'draft') return 'campaign_not_draft';
  return c.submissionCount > 0 ? 'campaign_has_submissions' : null;
}

/** draft → open → reviewing → closed, one step at a time; opening also needs ready tracks (see openingProblems). */
export function whyNotTransition(actor: Actor, c: Pick<CampaignTarget, 'status'>, transition: CampaignTransition): ReasonCode | null {
  return whyNotManageCampaigns(actor) ?? (c.status === campaignTransitions[transition].from ? null : 'campaign_status_invalid');
}

/** Tracks are added and removed only while the campaign is being prepared. */
export function whyNotAddTrack(actor: Actor, c: Pick<CampaignTarget, 'status'>): ReasonCode | null {
  return whyNotManageCampaigns(actor) ?? (c.status === 'draft' ? null : 'campaign_not_draft');
}

export function whyNotUpdateTrack(actor: Actor, c: Pick<CampaignTarget, 'status'>): ReasonCode | null {
  return whyNotUpdateCampaign(actor, c);
}

export function whyNotDeleteTrack(actor: Actor, c: Pick<CampaignTarget, 'status'>, t: TrackTarget): ReasonCode | null {
  const add = whyNotAddTrack(actor, c);
  if (add) return add;
  return t.submissionCount > 0 ? 'track_has_submissions' : null;
}

/** A track's code is in its receipt numbers and its kind decides the form: both are fixed once anything was drafted. */
export function whyNotChangeTrackIdentity(t: TrackTarget): ReasonCode | null {
  return t.submissionCount > 0 ? 'track_has_submissions' : null;
}

/**
 * Progress: the institute admin sees every unit, a coordinator their tracks,
 * a unit aid officer their own unit. Anyone else has nothing to see.
 */
export function whyNotViewProgress(actor: Actor): ReasonCode | null {
  if (isInstituteAdmin(actor) || hasRole(actor, 'track_coordinator')) return null;
  if (hasRole(actor, 'unit_officer') && actor.unitId !== null) return null;
  return 'not_progress_viewer';
}

/** Drafts are internal to a unit: their count is shown to the institute admin and the unit itself. */
export function mayCountDrafts(actor: Actor, unitId: number): boolean {
  return isInstituteAdmin(actor) || actor.unitId === unitId;
}

/** Deadline order, wherever deadlines are saved: opens < submission closes ≤ revision closes (for those given). */
export function deadlineOrderReason(d: Pick<TrackReadiness, 'opensAt' | 'submissionClosesAt' | 'revisionClosesAt'>): ReasonCode | null {
  if (d.opensAt && d.submissionClosesAt && !(d.opensAt < d.submissionClosesAt)) return 'track_deadlines_order';
  if (d.submissionClosesAt && d.revisionClosesAt && d.revisionClosesAt < d.submissionClosesAt) return 'track_deadlines_order';
  if (d.opensAt && d.revisionClosesAt && !d.submissionClosesAt && !(d.opensAt < d.revisionClosesAt)) return 'track_deadlines_order';
  return null;
}

/** What keeps one track from taking submissions, in the order the settings page shows the fields. */
export function trackReadinessProblems(t: TrackReadiness): ReasonCode[] {
  const problems: ReasonCode[] = [];
  if (!t.opensAt || !t.submissionClosesAt || !t.revisionClosesAt) problems.push('track_deadlines_missing');
  else if (deadlineOrderReason(t)) problems.push('track_deadlines_order');
  if (!t.hostUnitId) problems.push('track_host_missing');
  if (!t.coordinatorUserId) problems.push('track_coordinator_missing');
  else if (!t.coordinatorEligible) problems.push('coordinator_not_eligible');
  return problems;
}

/** Everything that keeps a campaign from opening; empty when it may open. */
export function openingProblems(tracks: TrackReadiness[]): { track: TrackReadiness | null; code: ReasonCode }[] {
  if (tracks.length === 0) return [{ track: null, code: 'campaign_no_tracks' }];
  return tracks.flatMap((track) => trackReadinessProblems(track).map((code) => ({ track, code })));
}

function pick<K extends string>(reasons: Record<K, ReasonCode | null>) {
  const abilities = {} as Record<K, boolean>;
  const why: Partial<Record<K, ReasonCode>> = {};
  for (const [key, reason] of Object.entries(reasons) as [K, ReasonCode | null][]) {
    abilities[key] = reason === null;
    if (reason) why[key] = reason;
  }
  return { abilities, reasons: why };
}

/** What the actor may do with a campaign, and why not; `ready` is openingProblems(...).length === 0. */
export function campaignAbilities(actor: Actor, c: CampaignTarget, ready: boolean) {
  const open = whyNotTransition(actor, c, 'open') ?? (ready ? null : 'campaign_not_ready');
  return pick<keyof CampaignAbilities>({
    update: whyNotUpdateCampaign(actor, c),
    open,
    review: whyNotTransition(actor, c, 'review'),
    close: whyNotTransition(actor, c, 'close'),
    copy: whyNotCopyCampaign(actor),
    delete: whyNotDeleteCampaign(actor, c),
    addTrack: whyNotAddTrack(actor, c),
    viewProgress: whyNotViewProgress(actor),
  });
}

export function trackAbilities(actor: Actor, c: CampaignTarget, t: TrackTarget) {
  return pick<keyof TrackAbilities>({
    update: whyNotUpdateTrack(actor, c),
    delete: whyNotDeleteTrack(actor, c, t),
  });
}
