import type {
  CampaignNoticeDto,
  CampaignNoticeState,
  CampaignObjectionDto,
  DecisionRowDto,
  PublicCampaignNoticeDto,
  TrackDecisionsDto,
  UnitReviewResultDto,
} from '../../../../contracts/decisions.ts';
import type { RankedCase } from '../../../../contracts/review-ranking.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotDecideCase,
  whyNotDownloadPackage,
  whyNotRelease,
  whyNotRespondObjection,
  whyNotTakeDown,
} from '../../policies/decision-policy.ts';
import { noticeFacts, storedEntries } from './campaign-notices.commands.ts';
import { caseTarget } from './decisions.commands.ts';
import type { CampaignNoticeRow, DecisionCaseRow, DecisionTrackRow, ObjectionRow, listReleasedOfUnit } from './decisions.repository.ts';

export function presentDecisionRow(actor: Actor, row: DecisionCaseRow, ranked: RankedCase | undefined): DecisionRowDto {
  return {
    submissionId: row.id,
    receiptNo: row.receipt_no,
    title: row.title,
    unit: { id: row.unit_id, name: row.unit_name },
    subtypeName: row.subtype_name,
    ranking: ranked
      ? {
          rank: ranked.rank,
          mean: ranked.mean,
          normalised: ranked.normalised,
          reviewCount: ranked.reviewCount,
          expectedReviews: ranked.expectedReviews,
          flags: ranked.flags,
        }
      : null,
    decision:
      row.outcome && row.decided_at
        ? {
            outcome: row.outcome,
            note: row.note,
            decidedAt: row.decided_at.toISOString(),
            decidedBy: row.decided_by_name,
            releasedAt: row.released_at?.toISOString() ?? null,
          }
        : null,
    abilities: { decide: ability(whyNotDecideCase(actor, caseTarget(row))) },
  };
}

export function presentTrackDecisions(
  actor: Actor,
  track: DecisionTrackRow,
  rows: DecisionCaseRow[],
  ranking: Map<number, { ranked: RankedCase }>,
  ranked: boolean,
): TrackDecisionsDto {
  const used = rows.filter((r) => r.outcome === 'provincial').length;
  const staged = rows.filter((r) => r.outcome && !r.released_at).length;
  const released = rows.filter((r) => r.released_at).length;
  const releasedProvincial = rows.filter((r) => r.released_at && r.outcome === 'provincial').length;
  return {
    track: {
      id: track.id,
      code: track.code,
      name: track.name,
      kind: track.kind,
      campaignId: track.campaign_id,
      campaignTitle: track.campaign_title,
    },
    quota: { limit: track.upward_quota, used, left: Math.max(0, track.upward_quota - used) },
    counts: { accepted: rows.length, staged, released, undecided: rows.filter((r) => !r.outcome).length },
    ranked,
    rows: rows.map((r) => presentDecisionRow(actor, r, ranking.get(r.id)?.ranked)),
    abilities: {
      release: ability(whyNotRelease(actor, { staged })),
      downloadPackage: ability(whyNotDownloadPackage(actor, { releasedProvincial })),
    },
  };
}

export function presentUnitResult(row: Awaited<ReturnType<typeof listReleasedOfUnit>>[number]): UnitReviewResultDto {
  return {
    submissionId: row.id,
    receiptNo: row.receipt_no,
    title: row.title,
    trackName: row.track_name,
    campaignTitle: row.campaign_title,
    outcome: row.outcome,
    note: row.note,
    releasedAt: row.released_at!.toISOString(),
  };
}

export function noticeStateOf(row: CampaignNoticeRow, today: string): CampaignNoticeState {
  if (row.taken_down_at) return 'taken_down';
  if (today < row.starts_on) return 'scheduled';
  return today > row.ends_on ? 'ended' : 'running';
}

/** The public page: the snapshot's public fields, re-listed one by one (never the stored object as is). */
export function presentPublicNotice(row: CampaignNoticeRow): PublicCampaignNoticeDto {
  return {
    id: row.id,
    campaignTitle: row.campaign_title,
    title: row.title,
    body: row.body,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    entries: storedEntries(row).map((e) => ({
      no: e.no,
      trackName: e.trackName,
      title: e.title,
      unitName: e.unitName,
      outcome: e.outcome,
      students: e.students.map((s) => ({
        name: s.name,
        unitName: s.unitName,
        department: s.department,
        grade: s.grade,
        className: s.className,
      })),
    })),
  };
}

export function presentCampaignNotice(actor: Actor, row: CampaignNoticeRow, today: string): CampaignNoticeDto {
  return {
    ...presentPublicNotice(row),
    campaignId: row.campaign_id,
    state: noticeStateOf(row, today),
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by_name,
    takenDownAt: row.taken_down_at?.toISOString() ?? null,
    objectionCount: Number(row.objection_count),
    openObjections: Number(row.open_objections),
    abilities: { takeDown: ability(whyNotTakeDown(actor, noticeFacts(row), today)) },
  };
}

export function presentObjection(actor: Actor, notice: CampaignNoticeRow, o: ObjectionRow): CampaignObjectionDto {
  const entry = o.submission_id === null ? undefined : storedEntries(notice).find((e) => e.submissionId === o.submission_id);
  return {
    id: o.id,
    authorName: o.author_name,
    contact: o.contact,
    body: o.body,
    entry: entry ? { no: entry.no, title: entry.title, unitName: entry.unitName } : null,
    createdAt: o.created_at.toISOString(),
    response: o.handled_at && o.response ? { text: o.response, by: o.handled_by_name, at: o.handled_at.toISOString() } : null,
    abilities: { respond: ability(whyNotRespondObjection(actor, { answered: o.handled_at !== null })) },
  };
}
