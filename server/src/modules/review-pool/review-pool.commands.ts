import { createHash } from 'node:crypto';
import type {
  AddPoolMemberInput,
  AssignInput,
  AssignmentBatchResult,
  DeclareConflictInput,
  PlannedAssignment,
  ReviewSettingsInput,
  UnsatisfiedCase,
} from '../../../../contracts/review-assignment.ts';
import { assignmentImportColumns } from '../../../../contracts/review-assignment.ts';
import { messageFor, type ReasonCode } from '../../../../contracts/reasons.ts';
import { rubricOf, type AssignmentMethod, type Rubric } from '../../../../contracts/review.ts';
import type { ImportRowError } from '../../../../contracts/users.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import { readSheet } from '../../lib/xlsx.ts';
import { isInstituteAdmin, type Actor } from '../../policies/actor.ts';
import {
  defaultReviewerKind,
  whyNotAssignCase,
  whyNotAssignInTrack,
  whyNotChangeReviewSetup,
  whyNotChangeRubric,
  whyNotDeclareConflict,
  whyNotJoinPool,
  whyNotLeavePool,
  whyNotRemoveConflict,
  whyNotReviewCase,
  whyNotUnassign,
  type ReviewTrackTarget,
} from '../../policies/review-assignment-policy.ts';
import { conflictOf, type ConflictKind } from '../../policies/review-conflict.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { autoAssign, type AutoAssignResult } from './auto-assign.ts';
import { conflictFactsOf } from './conflicts.repository.ts';
import * as repo from './review-pool.repository.ts';

export function reviewTarget(track: repo.ReviewTrackRow): ReviewTrackTarget {
  return { coordinatorUserId: track.coordinator_user_id, campaignStatus: track.campaign_status };
}

export async function loadReviewTrack(db: DbOrTrx, trackId: number, forUpdate = false): Promise<repo.ReviewTrackRow> {
  return found(await repo.findReviewTrack(db, trackId, forUpdate));
}

/** The actor's own conflict with a unit (null for the admin, who is trusted with every case). */
export async function actorConflictResolver(
  db: DbOrTrx,
  actor: Actor,
  campaignId: number,
): Promise<(unitId: number) => ConflictKind | null> {
  if (isInstituteAdmin(actor)) return () => null;
  const facts = await conflictFactsOf(db, campaignId, actor.id);
  return (unitId) => conflictOf(facts, unitId);
}

// ---- settings

/** Rubrics compared by content: jsonb does not keep key order. */
const rubricKey = (r: Rubric) => JSON.stringify(r.criteria.map((c) => [c.key, c.label, c.weight, c.scale, c.guidance ?? '']));

const settingsSnapshot = (t: repo.ReviewTrackRow) => ({
  reviewersPerCase: t.reviewers_per_case,
  reviewClosesAt: t.review_closes_at?.toISOString() ?? null,
  blindReview: t.blind_review,
  spreadThreshold: Number(t.spread_threshold),
  rubric: t.rubric ? 'custom' : 'default',
});

export async function updateReviewSettings(db: Db, actor: Actor, trackId: number, input: ReviewSettingsInput, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId, true);
    const target = reviewTarget(track);
    ensure(whyNotChangeReviewSetup(actor, target));
    const current = rubricOf({ kind: track.kind, rubric: track.rubric });
    const next = input.rubric ?? rubricOf({ kind: track.kind, rubric: null });
    const rubricChanged = rubricKey(current) !== rubricKey(next);
    if (rubricChanged) ensure(whyNotChangeRubric(actor, target, await repo.countSubmittedReviews(trx, trackId)));
    const closesAt = input.reviewClosesAt ? new Date(input.reviewClosesAt) : null;
    const closesChanged = (closesAt?.getTime() ?? null) !== (track.review_closes_at?.getTime() ?? null);
    if (closesChanged && closesAt && closesAt.getTime() <= Date.now()) throw new AppError('review_closes_in_past');
    await repo.updateReviewSettings(trx, trackId, {
      reviewers_per_case: input.reviewersPerCase,
      review_closes_at: closesAt,
      blind_review: input.blindReview,
      spread_threshold: input.spreadThreshold,
      rubric: rubricChanged ? (input.rubric ? JSON.stringify(input.rubric) : null) : track.rubric ? JSON.stringify(track.rubric) : null,
    });
    const after = await loadReviewTrack(trx, trackId);
    await recordAudit(trx, audit, {
      action: 'review.settings_updated',
      entityType: 'track',
      entityId: trackId,
      summary: {
        before: settingsSnapshot(track),
        after: {
          ...settingsSnapshot(after),
          ...(rubricChanged ? { rubricCriteria: next.criteria.map((c) => `${c.label} ${c.weight}`) } : {}),
        },
      },
    });
  });
}

// ---- pool

export async function addPoolMember(db: Db, actor: Actor, trackId: number, input: AddPoolMemberInput, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId);
    ensure(whyNotChangeReviewSetup(actor, reviewTarget(track)));
    const person = await repo.findPerson(trx, input.userId);
    if (!person) throw new AppError('reviewer_not_eligible');
    const kind = input.kind ?? defaultReviewerKind(person.unit_id);
    ensure(whyNotJoinPool({ roles: person.roles, disabled: person.disabled_at !== null, unitId: person.unit_id }, kind));
    if (await repo.findPoolMember(trx, trackId, person.id)) throw new AppError('reviewer_already_in_pool');
    await repo.insertPoolMember(trx, { track_id: trackId, user_id: person.id, kind, added_by: actor.id });
    await recordAudit(trx, audit, {
      action: 'review.pool_added',
      entityType: 'track',
      entityId: trackId,
      summary: { after: { userId: person.id, username: person.username, kind } },
    });
  });
}

export async function removePoolMember(db: Db, actor: Actor, trackId: number, userId: number, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId, true);
    const member = found(await repo.findPoolMember(trx, trackId, userId));
    ensure(whyNotLeavePool(actor, reviewTarget(track), await repo.countSubmittedReviews(trx, trackId, userId)));
    const dropped = await repo.deleteOpenAssignmentsOf(trx, trackId, userId);
    await repo.deletePoolMember(trx, trackId, userId);
    await recordAudit(trx, audit, {
      action: 'review.pool_removed',
      entityType: 'track',
      entityId: trackId,
      summary: { before: { userId, kind: member.kind, openAssignmentsRemoved: dropped } },
    });
  });
}

// ---- conflicts

export async function declareConflict(db: Db, actor: Actor, campaignId: number, input: DeclareConflictInput, audit: AuditContext) {
  const campaign = found(await db.selectFrom('campaigns').select(['id', 'status']).where('id', '=', campaignId).executeTakeFirst());
  const person = await repo.findPerson(db, input.userId);
  if (!person) throw new AppError(isInstituteAdmin(actor) ? 'conflict_person_not_eligible' : 'conflict_only_own');
  ensure(whyNotDeclareConflict(actor, { id: person.id, roles: person.roles, unitId: person.unit_id }, input.unitId, campaign.status));
  const unit = await repo.findUnit(db, input.unitId);
  if (!unit) throw new AppError('validation_failed', { issues: [{ path: 'unitId', message: '单位不存在' }] });
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await repo.insertConflict(trx, {
        campaign_id: campaignId,
        user_id: person.id,
        unit_id: unit.id,
        reason: input.reason,
        declared_by: actor.id,
      });
      await recordAudit(trx, audit, {
        action: 'review.conflict_declared',
        entityType: 'review_conflict',
        entityId: id,
        summary: {
          after: { campaignId, userId: person.id, username: person.username, unitId: unit.id, unitName: unit.name, reason: input.reason },
        },
      });
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, { review_conflicts_campaign_user_unit_key: 'conflict_exists' }) ?? error;
  }
}

export async function removeConflict(db: Db, actor: Actor, conflictId: number, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const conflict = found(await repo.findConflict(trx, conflictId));
    const campaign = found(await trx.selectFrom('campaigns').select('status').where('id', '=', conflict.campaign_id).executeTakeFirst());
    ensure(whyNotRemoveConflict(actor, campaign.status));
    await repo.deleteConflict(trx, conflictId);
    await recordAudit(trx, audit, {
      action: 'review.conflict_removed',
      entityType: 'review_conflict',
      entityId: conflictId,
      summary: {
        before: { campaignId: conflict.campaign_id, userId: conflict.user_id, unitId: conflict.unit_id, reason: conflict.reason },
      },
    });
  });
}

// ---- assignment

/** Checks one (case, reviewer) pair against the pool, the case state and conflicts. */
async function whyNotPair(
  trx: DbOrTrx,
  track: repo.ReviewTrackRow,
  c: { accepted: boolean; track_id: number; unit_id: number },
  reviewerId: number,
) {
  const inPool = Boolean(await repo.findPoolMember(trx, track.id, reviewerId));
  const conflict = conflictOf(await conflictFactsOf(trx, track.campaign_id, reviewerId), c.unit_id);
  return whyNotReviewCase({ inPool, caseAccepted: c.accepted && c.track_id === track.id, conflict });
}

/** Inserts a batch, audits each assignment and tells each reviewer once about all of theirs. */
async function insertBatch(
  trx: DbOrTrx,
  actor: Actor,
  track: repo.ReviewTrackRow,
  pairs: PlannedAssignment[],
  method: AssignmentMethod,
  audit: AuditContext,
): Promise<AssignmentBatchResult> {
  const rows = await repo.insertAssignments(
    trx,
    pairs.map((p) => ({ submission_id: p.submissionId, reviewer_id: p.reviewerId, method, assigned_by: actor.id })),
  );
  for (const row of rows) {
    await recordAudit(trx, audit, {
      action: 'review.assigned',
      entityType: 'review_assignment',
      entityId: row.id,
      summary: { after: { trackId: track.id, submissionId: row.submission_id, reviewerId: row.reviewer_id, method } },
    });
  }
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.reviewer_id, (counts.get(row.reviewer_id) ?? 0) + 1);
  const all = await repo.listTrackAssignments(trx, track.id);
  for (const [reviewerId, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    await notify(trx, {
      template: 'review.assigned',
      userIds: [reviewerId],
      data: {
        count,
        total: all.filter((a) => a.reviewer_id === reviewerId).length,
        trackName: track.name,
        campaignTitle: track.campaign_title,
        deadline: track.review_closes_at?.toISOString() ?? null,
      },
      link: '/reviews',
    });
  }
  return { created: rows.length, notifiedReviewers: counts.size };
}

export async function assignReviewer(db: Db, actor: Actor, trackId: number, input: AssignInput, audit: AuditContext) {
  return db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId, true);
    ensure(whyNotAssignInTrack(actor, reviewTarget(track)));
    const c = found(await repo.findCase(trx, input.submissionId));
    if (c.track_id !== trackId) throw new AppError('not_found');
    const actorConflict = await actorConflictResolver(trx, actor, track.campaign_id);
    ensure(whyNotAssignCase(actor, reviewTarget(track), actorConflict(c.unit_id)));
    ensure(await whyNotPair(trx, track, c, input.reviewerId));
    const existing = await repo.listTrackAssignments(trx, trackId);
    if (existing.some((a) => a.submission_id === c.id && a.reviewer_id === input.reviewerId)) throw new AppError('assignment_exists');
    return insertBatch(trx, actor, track, [{ submissionId: c.id, reviewerId: input.reviewerId }], 'manual', audit);
  });
}

export async function unassignReviewer(db: Db, actor: Actor, assignmentId: number, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const assignment = found(await repo.findAssignment(trx, assignmentId));
    const track = await loadReviewTrack(trx, assignment.track_id, true);
    const actorConflict = await actorConflictResolver(trx, actor, track.campaign_id);
    ensure(whyNotUnassign(actor, reviewTarget(track), actorConflict(assignment.unit_id), assignment.submitted));
    await repo.deleteAssignment(trx, assignmentId);
    await recordAudit(trx, audit, {
      action: 'review.unassigned',
      entityType: 'review_assignment',
      entityId: assignmentId,
      summary: {
        before: {
          trackId: track.id,
          submissionId: assignment.submission_id,
          reviewerId: assignment.reviewer_id,
          method: assignment.method,
        },
      },
    });
  });
}

// ---- automatic assignment

export interface AutoAssignPlan extends AutoAssignResult {
  planHash: string;
  cases: repo.CaseRow[];
  pool: Awaited<ReturnType<typeof repo.listPool>>;
  loadBefore: Map<number, number>;
}

/**
 * The plan for the current state, as the actor may make it: the cases they must
 * stay out of are not planned (reported as unsatisfied with the reason).
 */
/**
 * What the assignment board and the automatic plan both start from: the track's accepted
 * cases, its pool, the assignments so far, the pool's declared conflicts and the actor's own.
 */
export async function loadAssignmentState(db: DbOrTrx, actor: Actor, track: repo.ReviewTrackRow) {
  const [cases, pool, assignments] = await Promise.all([
    repo.listAcceptedCases(db, track.id),
    repo.listPool(db, track.id),
    repo.listTrackAssignments(db, track.id),
  ]);
  const declared = await repo.declaredUnitsByUser(
    db,
    track.campaign_id,
    pool.map((p) => p.id),
  );
  const actorConflict = await actorConflictResolver(db, actor, track.campaign_id);
  return { cases, pool, assignments, declared, actorConflict };
}

export async function planAutoAssign(db: DbOrTrx, actor: Actor, track: repo.ReviewTrackRow): Promise<AutoAssignPlan> {
  ensure(whyNotAssignInTrack(actor, reviewTarget(track)));
  const { cases, pool, assignments, declared, actorConflict } = await loadAssignmentState(db, actor, track);
  const loadBefore = new Map(pool.map((p) => [p.id, assignments.filter((a) => a.reviewer_id === p.id).length]));
  const steerable = cases.filter((c) => actorConflict(c.unit_id) === null);
  const result = autoAssign({
    reviewersPerCase: track.reviewers_per_case,
    cases: steerable.map((c) => ({
      id: c.id,
      unitId: c.unit_id,
      reviewerIds: assignments.filter((a) => a.submission_id === c.id).map((a) => a.reviewer_id),
    })),
    reviewers: pool.map((p) => ({
      id: p.id,
      unitId: p.unit_id,
      declaredUnitIds: declared.get(p.id) ?? [],
      load: loadBefore.get(p.id) ?? 0,
    })),
  });
  const skipped: UnsatisfiedCase[] = cases
    .filter((c) => actorConflict(c.unit_id) !== null)
    .map((c) => ({
      submissionId: c.id,
      missing: Math.max(0, track.reviewers_per_case - assignments.filter((a) => a.submission_id === c.id).length),
      reason: 'review_coordinator_conflict',
    }));
  const unsatisfied = [...result.unsatisfied, ...skipped].sort((a, b) => a.submissionId - b.submissionId);
  // The hash names the plan and the state it was made from: pool, conflicts and existing assignments all feed the plan.
  const planHash = createHash('sha256')
    .update(JSON.stringify({ trackId: track.id, assignments: result.assignments, unsatisfied }))
    .digest('hex');
  return { assignments: result.assignments, unsatisfied, planHash, cases, pool, loadBefore };
}

/** Applies exactly the previewed plan: recomputed under the track's lock and refused when it differs. */
export async function applyAutoAssign(db: Db, actor: Actor, trackId: number, planHash: string, audit: AuditContext) {
  return db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId, true);
    const plan = await planAutoAssign(trx, actor, track);
    if (plan.planHash !== planHash) throw new AppError('assignment_plan_stale');
    return insertBatch(trx, actor, track, plan.assignments, 'auto', audit);
  });
}

// ---- .xlsx import

/** 受理编号 + 评审专家账号 per row; every row is checked, then all are assigned or none. */
export async function importAssignments(db: Db, actor: Actor, trackId: number, file: Buffer, audit: AuditContext) {
  const { rows, missingHeaders } = await readSheet(file, assignmentImportColumns);
  if (missingHeaders.length) {
    throw new AppError('import_has_errors', {
      details: {
        errors: [{ row: 1, column: missingHeaders.join('、'), message: `缺少表头:${missingHeaders.join('、')}。请使用分配模板。` }],
      },
    });
  }
  if (rows.length === 0) throw new AppError('import_empty');
  return db.transaction().execute(async (trx) => {
    const track = await loadReviewTrack(trx, trackId, true);
    ensure(whyNotAssignInTrack(actor, reviewTarget(track)));
    const actorConflict = await actorConflictResolver(trx, actor, track.campaign_id);
    const existing = new Set((await repo.listTrackAssignments(trx, trackId)).map((a) => `${a.submission_id}:${a.reviewer_id}`));
    const errors: ImportRowError[] = [];
    const pairs: PlannedAssignment[] = [];
    const seen = new Map<string, number>();
    const [receiptCol, userCol] = assignmentImportColumns;
    for (const row of rows) {
      const receipt = row.cells[receiptCol] ?? '';
      const username = row.cells[userCol] ?? '';
      const fail = (column: string, code: ReasonCode | null, message?: string) =>
        errors.push({ row: row.rowNumber, column, message: message ?? messageFor(code!) });
      if (!receipt) fail(receiptCol, null, '请填写受理编号');
      if (!username) fail(userCol, null, '请填写评审专家的登录账号');
      if (!receipt || !username) continue;
      const c = await repo.findCaseByReceipt(trx, trackId, receipt);
      if (!c) {
        fail(receiptCol, null, `本类别没有受理编号为 ${receipt} 的案例`);
        continue;
      }
      const reviewer = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!reviewer) {
        fail(userCol, null, `没有账号为 ${username} 的用户`);
        continue;
      }
      const who = whyNotAssignCase(actor, reviewTarget(track), actorConflict(c.unit_id));
      if (who) {
        fail(receiptCol, who);
        continue;
      }
      const pair = await whyNotPair(trx, track, c, reviewer.id);
      if (pair) {
        fail(pair === 'case_not_assignable' ? receiptCol : userCol, pair);
        continue;
      }
      const key = `${c.id}:${reviewer.id}`;
      if (seen.has(key)) {
        fail(userCol, null, `与第 ${seen.get(key)} 行重复`);
        continue;
      }
      seen.set(key, row.rowNumber);
      if (!existing.has(key)) pairs.push({ submissionId: c.id, reviewerId: reviewer.id });
    }
    if (errors.length) throw new AppError('import_has_errors', { details: { errors } });
    return insertBatch(trx, actor, track, pairs, 'xlsx', audit);
  });
}
