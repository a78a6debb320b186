import type { DecideInput, ReleaseResultDto } from '../../../../contracts/decisions.ts';
import { decisionOutcomeLabels } from '../../../../contracts/review.ts';
import type { RankedCase } from '../../../../contracts/review-ranking.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotDecide,
  whyNotDecideCase,
  whyNotRelease,
  whyNotViewUnitResults,
  whyNotWithdrawRelease,
} from '../../policies/decision-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { trackRanking } from '../reviews/ranking.service.ts';
import * as repo from './decisions.repository.ts';

export const caseTarget = (row: repo.DecisionCaseRow) => ({
  accepted: row.accepted_at !== null && row.withdrawn_at === null && row.deleted_at === null,
  released: row.released_at !== null,
});

/**
 * The track's accepted cases with their decisions, in ranking order when the
 * reviews have produced one (the ranking is the reviews module's; this module
 * never ranks), otherwise in receipt order.
 */
export async function loadTrackDecisions(db: Db, actor: Actor, trackId: number) {
  ensure(whyNotDecide(actor));
  const track = found(await repo.findDecisionTrack(db, trackId));
  const [cases, ranking] = await Promise.all([repo.listAcceptedCases(db, trackId), trackRanking(db, trackId, actor)]);
  const ranked = ranking.some((r) => r.rank !== null);
  const byId = new Map<number, { order: number; ranked: RankedCase }>(ranking.map((r, i) => [r.submissionId, { order: i, ranked: r }]));
  const rows = [...cases].sort(
    (a, b) => (byId.get(a.id)?.order ?? Number.MAX_SAFE_INTEGER) - (byId.get(b.id)?.order ?? Number.MAX_SAFE_INTEGER),
  );
  return { track, rows, ranking: byId, ranked };
}

/** Order of the track's cases by the ranking (receipt order where there is none). */
export async function rankingOrder(db: DbOrTrx, actor: Actor, trackId: number): Promise<Map<number, number>> {
  const ranking = await trackRanking(db, trackId, actor);
  return new Map(ranking.map((r, i) => [r.submissionId, i]));
}

/**
 * Stages (or changes) the outcome of one accepted case. 推荐省级 never exceeds
 * the track's upward quota: the track row is locked, so two requests for the
 * last place are serialised and the second is refused with how many are left.
 */
export async function decide(db: Db, actor: Actor, submissionId: number, input: DecideInput, audit: AuditContext): Promise<void> {
  ensure(whyNotDecide(actor));
  const before = found(await repo.findCase(db, submissionId));
  await db.transaction().execute(async (trx) => {
    await repo.lockTrack(trx, before.track_id);
    const row = found(await repo.findCase(trx, submissionId));
    ensure(whyNotDecideCase(actor, caseTarget(row)));
    if (input.outcome === 'provincial') {
      const track = found(await repo.findDecisionTrack(trx, row.track_id));
      const used = await repo.countProvincial(trx, row.track_id, submissionId);
      if (used >= track.upward_quota) {
        throw new AppError('upward_quota_full', {
          message: `推荐省级名额为 ${track.upward_quota} 项,已确定 ${used} 项(暂存和已发布的都计入),剩余 0 项。请先将其他案例改为“学院优秀”或“未入选”,再推荐本案例。`,
          details: { limit: track.upward_quota, used, left: 0 },
        });
      }
    }
    await repo.upsertDecision(trx, {
      submissionId,
      trackId: row.track_id,
      outcome: input.outcome,
      note: input.note ?? null,
      decidedBy: actor.id,
    });
    await recordAudit(trx, audit, {
      action: 'decision.staged',
      entityType: 'submission',
      entityId: submissionId,
      summary: {
        before: row.outcome ? { outcome: row.outcome, note: row.note } : {},
        after: { outcome: input.outcome, note: input.note ?? null, trackId: row.track_id },
      },
    });
  });
}

/** Takes back a staged outcome (the case is undecided again). */
export async function clearDecision(db: Db, actor: Actor, submissionId: number, audit: AuditContext): Promise<void> {
  ensure(whyNotDecide(actor));
  const row = found(await repo.findCase(db, submissionId));
  ensure(whyNotDecideCase(actor, caseTarget(row)));
  await db.transaction().execute(async (trx) => {
    await repo.lockTrack(trx, row.track_id);
    if (!(await repo.deleteStagedDecision(trx, submissionId))) throw new AppError('decision_released');
    await recordAudit(trx, audit, {
      action: 'decision.cleared',
      entityType: 'submission',
      entityId: submissionId,
      summary: { before: { outcome: row.outcome, note: row.note } },
    });
  });
}

/**
 * Releases every staged decision of the track together. Each unit gets one
 * message (inbox + mail) listing its cases and outcomes — never scores.
 */
export async function releaseTrack(
  db: Db,
  actor: Actor,
  trackId: number,
  audit: AuditContext,
  now = new Date(),
): Promise<ReleaseResultDto> {
  ensure(whyNotDecide(actor));
  const track = found(await repo.findDecisionTrack(db, trackId));
  return db.transaction().execute(async (trx) => {
    await repo.lockTrack(trx, trackId);
    const cases = await repo.listAcceptedCases(trx, trackId);
    ensure(whyNotRelease(actor, { staged: cases.filter((c) => c.outcome && !c.released_at).length }));
    const released = await repo.releaseStaged(trx, trackId, actor.id, now);
    const releasedIds = new Set(released.map((r) => r.submission_id));
    const byUnit = new Map<number, repo.DecisionCaseRow[]>();
    for (const c of cases.filter((c) => releasedIds.has(c.id))) byUnit.set(c.unit_id, [...(byUnit.get(c.unit_id) ?? []), c]);
    const recipients = await repo.unitRecipients(trx, [...byUnit.keys()]);
    for (const [unitId, unitCases] of byUnit) {
      await notify(trx, {
        template: 'decision.released',
        userIds: recipients.get(unitId) ?? [],
        data: {
          campaignTitle: track.campaign_title,
          trackName: track.name,
          unitName: unitCases[0]!.unit_name,
          time: now.toISOString(),
          lines: unitCases
            .map((c) => `${c.receipt_no ?? ''} ${c.title}:${decisionOutcomeLabels[c.outcome!]}${c.note ? `(${c.note})` : ''}`)
            .join('\n'),
        },
        link: '/review-results',
        dedupeKey: `decision.released:${trackId}:${unitId}:${now.getTime()}`,
      });
    }
    await recordAudit(trx, audit, {
      action: 'decision.released',
      entityType: 'track',
      entityId: trackId,
      summary: {
        after: {
          released: released.length,
          provincial: released.filter((r) => r.outcome === 'provincial').length,
          excellent: released.filter((r) => r.outcome === 'excellent').length,
          notSelected: released.filter((r) => r.outcome === 'not_selected').length,
          units: byUnit.size,
        },
      },
    });
    return { released: released.length, unitsNotified: byUnit.size };
  });
}

/**
 * 撤回发布: the track's released decisions become staged again (the units no
 * longer see them) so that a mistake can be corrected; recorded with its reason.
 */
export async function withdrawRelease(db: Db, actor: Actor, trackId: number, reason: string, audit: AuditContext): Promise<number> {
  ensure(whyNotDecide(actor));
  found(await repo.findDecisionTrack(db, trackId));
  return db.transaction().execute(async (trx) => {
    await repo.lockTrack(trx, trackId);
    const cases = await repo.listAcceptedCases(trx, trackId);
    ensure(whyNotWithdrawRelease(actor, { released: cases.filter((c) => c.released_at).length }));
    const rows = await repo.unreleaseTrack(trx, trackId);
    await recordAudit(trx, audit, {
      action: 'decision.release_withdrawn',
      entityType: 'track',
      entityId: trackId,
      summary: { after: { staged: rows.length, submissionIds: rows.map((r) => r.submission_id) }, note: reason },
    });
    return rows.length;
  });
}

/** A unit's released results: outcome and note per case, never a score. */
export async function unitResults(db: Db, actor: Actor, campaignId: number | null) {
  ensure(whyNotViewUnitResults(actor));
  return repo.listReleasedOfUnit(db, actor.unitId!, campaignId);
}
