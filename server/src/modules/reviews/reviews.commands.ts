import type { ReviewDraftInput, ReviewSubmitInput } from '../../../../contracts/reviews.ts';
import { weightedTotal, type Rubric } from '../../../../contracts/review.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotCommentOnCase, whyNotEditReview } from '../../policies/review-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { loadCase, rubricOfCase } from './reviews.service.ts';

type Input = { scores?: Record<string, number | null>; comment?: string; privateNote?: string };

/** Scores must name the rubric's criteria and stay within each criterion's scale. */
function checkScores(rubric: Rubric, scores: Record<string, number | null>): Record<string, number> {
  const byKey = new Map(rubric.criteria.map((c) => [c.key, c]));
  const clean: Record<string, number> = {};
  for (const [key, value] of Object.entries(scores)) {
    const criterion = byKey.get(key);
    if (!criterion)
      throw new AppError('review_criterion_unknown', { issues: [{ path: `scores.${key}`, message: '评分表中没有这一评分项' }] });
    if (value === null) continue;
    if (value < 0 || value > criterion.scale) {
      throw new AppError('review_score_out_of_range', {
        issues: [{ path: `scores.${key}`, message: `“${criterion.label}”的分值范围为 0–${criterion.scale}` }],
      });
    }
    clean[key] = value;
  }
  return clean;
}

/** Autosave: writes the reviewer's working copy; a submitted version stays what counts until the next submit. */
export async function saveDraft(db: Db, actor: Actor, submissionId: number, input: ReviewDraftInput, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const c = await loadCase(trx, actor, submissionId, { forUpdate: true });
    ensure(whyNotEditReview(actor, c.facts, now));
    const scores = input.scores === undefined ? undefined : checkScores(rubricOfCase(c.row), input.scores);
    const values = {
      ...(scores === undefined ? {} : { scores: JSON.stringify(scores) }),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      ...(input.privateNote === undefined ? {} : { private_note: input.privateNote }),
      updated_at: now,
    };
    if (c.review) {
      await trx.updateTable('reviews').set(values).where('id', '=', c.review.id).execute();
    } else {
      await trx
        .insertInto('reviews')
        .values({ scores: '{}', ...values, assignment_id: c.assignmentId!, submission_id: submissionId, reviewer_id: actor.id })
        .execute();
    }
  });
}

/** Submits (or revises) the review: complete scores and a comment; a new version in the history; audited. */
export async function submitReview(
  db: Db,
  actor: Actor,
  submissionId: number,
  input: ReviewSubmitInput,
  audit: AuditContext,
  now = new Date(),
): Promise<void> {
  const body = input as Input;
  await db.transaction().execute(async (trx) => {
    const c = await loadCase(trx, actor, submissionId, { forUpdate: true });
    ensure(whyNotEditReview(actor, c.facts, now));
    const rubric = rubricOfCase(c.row);
    const scores = checkScores(rubric, body.scores ?? {});
    const missing = rubric.criteria.filter((k) => scores[k.key] === undefined);
    if (missing.length) {
      throw new AppError('review_scores_incomplete', {
        issues: missing.map((k) => ({ path: `scores.${k.key}`, message: `请为“${k.label}”打分` })),
      });
    }
    const comment = (body.comment ?? '').trim();
    if (!comment) throw new AppError('review_comment_missing', { issues: [{ path: 'comment', message: '请填写总体评价' }] });
    const total = weightedTotal(rubric, scores)!;
    const privateNote = (body.privateNote ?? '').trim();
    const version = (c.review?.version ?? 0) + 1;
    const values = {
      scores: JSON.stringify(scores),
      comment,
      private_note: privateNote,
      status: 'submitted' as const,
      total: String(total),
      version,
      submitted_at: now,
      updated_at: now,
    };
    let reviewId: number;
    if (c.review) {
      reviewId = c.review.id;
      await trx.updateTable('reviews').set(values).where('id', '=', reviewId).execute();
    } else {
      const row = await trx
        .insertInto('reviews')
        .values({ ...values, assignment_id: c.assignmentId!, submission_id: submissionId, reviewer_id: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      reviewId = row.id;
    }
    await trx
      .insertInto('review_versions')
      .values({
        review_id: reviewId,
        version,
        scores: JSON.stringify(scores),
        comment,
        private_note: privateNote,
        total: String(total),
        submitted_at: now,
      })
      .execute();
    const before = c.review && c.review.version > 0 ? { version: c.review.version, total: Number(c.review.total) } : undefined;
    await recordAudit(trx, audit, {
      action: version === 1 ? 'review.submitted' : 'review.revised',
      entityType: 'review',
      entityId: reviewId,
      summary: {
        ...(before ? { before } : {}),
        after: { submissionId, receiptNo: c.row.receipt_no, version, total, scores },
      },
    });
  });
}

export async function addComment(db: Db, actor: Actor, submissionId: number, body: string, audit: AuditContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const c = await loadCase(trx, actor, submissionId);
    ensure(whyNotCommentOnCase(actor, c.facts));
    if (!body.trim()) throw new AppError('review_comment_empty', { issues: [{ path: 'body', message: '请填写讨论内容' }] });
    const row = await trx
      .insertInto('review_comments')
      .values({ submission_id: submissionId, author_id: actor.id, body: body.trim() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: 'review.commented',
      entityType: 'submission',
      entityId: submissionId,
      summary: { after: { commentId: row.id, receiptNo: c.row.receipt_no } },
    });
    return row.id;
  });
}
