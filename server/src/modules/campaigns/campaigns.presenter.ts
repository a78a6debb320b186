import {
  defaultEligibility,
  eligibility as eligibilitySchema,
  type CampaignDto,
  type CampaignProgressDto,
  type Eligibility,
  type OpeningProblem,
  type ProgressCounts,
  type ProgressRow,
  type TrackDto,
} from '../../../../contracts/campaigns.ts';
import { reasons } from '../../../../contracts/reasons.ts';
import { formTemplate, type FormTemplate } from '../../../../contracts/form-template.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  campaignAbilities,
  mayCountDrafts,
  openingProblems,
  whyNotManageCampaigns,
  trackAbilities,
  type CampaignTarget,
  type TrackReadiness,
} from '../../policies/campaign-policy.ts';
import type { CampaignRow, TrackRow } from './campaigns.repository.ts';

export function campaignTarget(row: CampaignRow): CampaignTarget {
  return { status: row.status, submissionCount: Number(row.submission_count) };
}

export function trackTarget(row: TrackRow) {
  return { submissionCount: Number(row.submission_count) };
}

export function trackReadiness(row: TrackRow): TrackReadiness {
  return {
    id: row.id,
    name: row.name,
    opensAt: row.opens_at,
    submissionClosesAt: row.submission_closes_at,
    revisionClosesAt: row.revision_closes_at,
    hostUnitId: row.host_unit_id,
    coordinatorUserId: row.coordinator_user_id,
    coordinatorEligible: Boolean(row.coordinator_eligible),
  };
}

/** The eligibility setting as stored, or the notice's default when absent or malformed. */
export function eligibilityOfSettings(settings: unknown): Eligibility {
  const parsed = eligibilitySchema.safeParse((settings as { eligibility?: unknown } | null)?.eligibility);
  return parsed.success ? parsed.data : defaultEligibility;
}

/** A stored template that no longer parses is shown empty rather than breaking the page. */
function templateOf(value: unknown): FormTemplate {
  const parsed = formTemplate.safeParse(value);
  return parsed.success ? parsed.data : { sections: [], attachmentSlots: [] };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTrack(
  actor: Actor,
  campaign: CampaignTarget,
  t: TrackRow,
  subtypes: { id: number; track_id: number; code: string; name: string; description: string | null }[],
): TrackDto {
  const { abilities, reasons } = trackAbilities(actor, campaign, trackTarget(t));
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    kind: t.kind,
    description: t.description,
    sortOrder: t.sort_order,
    hostUnit: t.host_unit_id ? { id: t.host_unit_id, name: t.host_unit_name ?? '' } : null,
    contactName: t.contact_name,
    contactEmail: t.contact_email,
    contactPhone: t.contact_phone,
    coordinator: t.coordinator_user_id ? { id: t.coordinator_user_id, displayName: t.coordinator_name ?? '' } : null,
    subtypes: subtypes
      .filter((s) => s.track_id === t.id)
      .map((s) => ({ id: s.id, code: s.code, name: s.name, description: s.description })),
    opensAt: iso(t.opens_at),
    submissionClosesAt: iso(t.submission_closes_at),
    revisionClosesAt: iso(t.revision_closes_at),
    defaultQuota: t.default_quota,
    upwardQuota: t.upward_quota,
    quotaOverrideCount: Number(t.override_count),
    formTemplate: templateOf(t.form_template),
    abilities,
    reasons,
  };
}

export function presentCampaign(
  actor: Actor,
  c: CampaignRow,
  loaded: {
    tracks: TrackRow[];
    subtypes: Parameters<typeof presentTrack>[3];
    files: { campaign_id: number; id: number; original_name: string; size_bytes: string | number; created_at: Date }[];
  },
): CampaignDto {
  const target = campaignTarget(c);
  const tracks = loaded.tracks.filter((t) => t.campaign_id === c.id);
  const problems = describeOpeningProblems(tracks);
  const { abilities, reasons: why } = campaignAbilities(actor, target, problems.length === 0);
  return {
    id: c.id,
    year: c.year,
    title: c.title,
    status: c.status,
    noticeText: c.notice_text,
    summaryDueOn: c.summary_due_on,
    eligibility: eligibilityOfSettings(c.settings),
    files: loaded.files
      .filter((f) => f.campaign_id === c.id)
      .map((f) => ({
        id: f.id,
        name: f.original_name,
        sizeBytes: Number(f.size_bytes),
        uploadedAt: f.created_at.toISOString(),
        url: `/api/files/${f.id}`,
      })),
    tracks: tracks.map((t) => presentTrack(actor, target, t, loaded.subtypes)),
    abilities,
    reasons: why,
    openingProblems: whyNotManageCampaigns(actor) === null && c.status === 'draft' ? problems : [],
  };
}

/** A track's settings for the audit log (the template is logged in full only when it changes). */
export function trackSnapshot(t: TrackRow) {
  return {
    code: t.code,
    name: t.name,
    kind: t.kind,
    description: t.description,
    hostUnitId: t.host_unit_id,
    coordinatorUserId: t.coordinator_user_id,
    contactName: t.contact_name,
    contactEmail: t.contact_email,
    contactPhone: t.contact_phone,
    opensAt: iso(t.opens_at),
    submissionClosesAt: iso(t.submission_closes_at),
    revisionClosesAt: iso(t.revision_closes_at),
    defaultQuota: t.default_quota,
    upwardQuota: t.upward_quota,
  };
}

export function campaignSnapshot(c: CampaignRow) {
  return {
    year: c.year,
    title: c.title,
    status: c.status,
    summaryDueOn: c.summary_due_on,
    eligibility: eligibilityOfSettings(c.settings),
    noticeTextLength: c.notice_text?.length ?? 0,
  };
}

/** What keeps a campaign from opening, each with the track it concerns and a message saying what to set. */
export function describeOpeningProblems(tracks: TrackRow[]): OpeningProblem[] {
  return openingProblems(tracks.map(trackReadiness)).map(({ track, code }) => ({
    trackId: track?.id ?? null,
    trackName: track?.name ?? null,
    code,
    message: track ? `“${track.name}”:${reasons[code].message}` : reasons[code].message,
  }));
}

type CountRow = Omit<ProgressRow, 'drafts' | 'quotaUsed'> & { drafts: number };

/** Rows with quota used, drafts hidden outside the viewer's unit, and per-track totals. */
export function presentProgress(
  actor: Actor,
  campaign: CampaignRow,
  tracks: TrackRow[],
  counted: CountRow[],
  all: boolean,
): CampaignProgressDto {
  const rows: ProgressRow[] = counted.map((r) => ({
    ...r,
    drafts: mayCountDrafts(actor, r.unitId) ? r.drafts : null,
    quotaUsed: r.submitted + r.returned + r.accepted,
  }));
  const visible = new Set(rows.map((r) => r.trackId));
  return {
    campaign: { id: campaign.id, year: campaign.year, title: campaign.title, status: campaign.status },
    scope: all ? 'institute' : 'limited',
    tracks: tracks
      .filter((t) => all || visible.has(t.id))
      .map((t) => {
        const own = rows.filter((r) => r.trackId === t.id);
        const sum = (key: 'submitted' | 'returned' | 'accepted' | 'withdrawn' | 'quota' | 'quotaUsed') =>
          own.reduce((n, r) => n + r[key], 0);
        const totals: ProgressCounts = {
          drafts: own.some((r) => r.drafts === null) ? null : own.reduce((n, r) => n + (r.drafts ?? 0), 0),
          submitted: sum('submitted'),
          returned: sum('returned'),
          accepted: sum('accepted'),
          withdrawn: sum('withdrawn'),
          quota: sum('quota'),
          quotaUsed: sum('quotaUsed'),
        };
        return { id: t.id, code: t.code, name: t.name, totals };
      }),
    rows,
  };
}
