import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  reviewCommentInput,
  reviewDraftInput,
  reviewSubmitInput,
  type CaseReviewsDto,
  type MyAssignmentDto,
  type ReviewCommentDto,
  type TrackRankingDto,
} from '../../../../contracts/reviews.ts';
import { ensure, found } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import {
  seesPrivateNotes,
  whyNotReviewCase,
  whyNotUseReviewerWorkspace,
  whyNotViewCaseReviews,
  whyNotViewRanking,
} from '../../policies/review-policy.ts';
import { reviewKey } from './aggregation.ts';
import { hiddenUnitsOf, rankedCasesOf, trackReviewData } from './ranking.service.ts';
import * as commands from './reviews.commands.ts';
import { scoresWorkbook } from './reviews.export.ts';
import * as repo from './reviews.repository.ts';
import { caseReviewDtos, loadCase, reviewCaseDto, rubricOfCase, stateOf } from './reviews.service.ts';

const tags = ['reviews'];
const id = z.coerce.number().int().positive();
const caseParams = z.object({ submissionId: id });
const trackParams = z.object({ trackId: id });
const submissionParams = z.object({ id });

const reviewsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/reviews/mine', { schema: { tags, summary: '我的评审任务(各期活动)' } }, async (request) => {
    const actor = actorOf(request);
    ensure(whyNotUseReviewerWorkspace(actor));
    const rows = await repo.listMyAssignments(app.db, actor.id);
    return rows.map((r): MyAssignmentDto => ({
      submissionId: r.submission_id,
      title: r.title,
      receiptNo: r.receipt_no,
      campaign: { id: r.campaign_id, year: r.campaign_year, title: r.campaign_title },
      track: { id: r.track_id, code: r.track_code, name: r.track_name },
      closesAt: r.review_closes_at?.toISOString() ?? null,
      state: stateOf(r.review_status === null ? null : { status: r.review_status, version: r.review_version ?? 0 }),
      version: r.review_version ?? 0,
      total: r.review_total === null ? null : Number(r.review_total),
      updatedAt: r.review_updated_at?.toISOString() ?? null,
    }));
  });

  app.get(
    '/reviews/cases/:submissionId',
    { schema: { tags, summary: '评审专家查看所分配的案例与本人评审意见', params: caseParams } },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(app.db, actor, request.params.submissionId);
      ensure(whyNotReviewCase(actor, c.facts));
      return reviewCaseDto(app.db, actor, c, new Date());
    },
  );

  app.put(
    '/reviews/cases/:submissionId/draft',
    { schema: { tags, summary: '自动保存评审草稿(评审截止前)', params: caseParams, body: reviewDraftInput } },
    async (request) => {
      const actor = actorOf(request);
      await commands.saveDraft(app.db, actor, request.params.submissionId, request.body);
      const c = await loadCase(app.db, actor, request.params.submissionId);
      return reviewCaseDto(app.db, actor, c, new Date()).then((d) => d.review);
    },
  );

  app.put(
    '/reviews/cases/:submissionId/submit',
    {
      schema: { tags, summary: '提交或修改评审意见(每项打分并填写总体评价;评审截止前可修改)', params: caseParams, body: reviewSubmitInput },
    },
    async (request) => {
      const actor = actorOf(request);
      await commands.submitReview(app.db, actor, request.params.submissionId, request.body, auditContext(request));
      const c = await loadCase(app.db, actor, request.params.submissionId);
      return reviewCaseDto(app.db, actor, c, new Date());
    },
  );

  app.get(
    '/reviews/cases/:submissionId/reviews',
    { schema: { tags, summary: '该案例已提交的全部评审意见(本人提交后可见;私下说明仅牵头人与学院可见)', params: caseParams } },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(app.db, actor, request.params.submissionId);
      ensure(whyNotViewCaseReviews(actor, c.facts));
      const manager = seesPrivateNotes(actor, c.facts);
      let normalisedOf: ((reviewerId: number) => number | null) | undefined;
      if (manager) {
        const data = await trackReviewData(app.db, c.row.track_id);
        normalisedOf = (reviewerId) => {
          const v = data.aggregation.normalisedTotals.get(reviewKey(c.row.id, reviewerId));
          return v === undefined ? null : Math.round(v * 100) / 100;
        };
      }
      const dto: CaseReviewsDto = {
        submissionId: c.row.id,
        rubric: rubricOfCase(c.row),
        reviews: await caseReviewDtos(app.db, c.row.id, { withNotes: manager, normalisedOf }),
      };
      return dto;
    },
  );

  // ---- the discussion thread of a case

  app.get(
    '/submissions/:id/review-comments',
    { schema: { tags, summary: '案例评审讨论(牵头人、学院管理员、已提交意见的评审专家)', params: submissionParams } },
    async (request) => {
      const actor = actorOf(request);
      const c = await loadCase(app.db, actor, request.params.id);
      ensure(whyNotViewCaseReviews(actor, c.facts));
      const rows = await repo.listComments(app.db, c.row.id);
      return rows.map((r): ReviewCommentDto => ({
        id: r.id,
        author: { id: r.author_id, displayName: r.author_name },
        body: r.body,
        createdAt: r.created_at.toISOString(),
      }));
    },
  );

  app.post(
    '/submissions/:id/review-comments',
    { schema: { tags, summary: '发表评审讨论', params: submissionParams, body: reviewCommentInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const commentId = await commands.addComment(app.db, actor, request.params.id, request.body.body, auditContext(request));
      const rows = await repo.listComments(app.db, request.params.id);
      const r = found(rows.find((x) => x.id === commentId));
      const dto: ReviewCommentDto = {
        id: r.id,
        author: { id: r.author_id, displayName: r.author_name },
        body: r.body,
        createdAt: r.created_at.toISOString(),
      };
      return reply.status(201).send(dto);
    },
  );

  // ---- ranking and the scores workbook

  const rankingOf = async (request: { params: { trackId: number } }, actor: ReturnType<typeof actorOf>) => {
    const track = found(await repo.findReviewTrack(app.db, request.params.trackId));
    ensure(whyNotViewRanking(actor, { coordinatorId: track.coordinator_user_id }));
    const data = await trackReviewData(app.db, track.id);
    const hidden = await hiddenUnitsOf(
      app.db,
      track.campaign_id,
      actor,
      data.aggregation.cases.map((a) => a.case.unitId),
    );
    return { data, hidden };
  };

  app.get(
    '/tracks/:trackId/ranking',
    { schema: { tags, summary: '类别评审排名(学院管理员、本类别牵头人)', params: trackParams } },
    async (request) => {
      const actor = actorOf(request);
      const { data, hidden } = await rankingOf(request, actor);
      const t = data.track;
      const dto: TrackRankingDto = {
        track: {
          id: t.id,
          code: t.code,
          name: t.name,
          campaignId: t.campaign_id,
          campaignTitle: t.campaign_title,
          reviewersPerCase: t.reviewers_per_case,
          spreadThreshold: Number(t.spread_threshold),
          reviewClosesAt: t.review_closes_at?.toISOString() ?? null,
          blind: t.blind_review,
        },
        overall: hidden.size
          ? { reviews: data.aggregation.track.count, mean: null, sd: null }
          : {
              reviews: data.aggregation.track.count,
              mean: data.aggregation.track.mean === null ? null : Math.round(data.aggregation.track.mean * 100) / 100,
              sd: data.aggregation.track.sd === null ? null : Math.round(data.aggregation.track.sd * 100) / 100,
            },
        cases: rankedCasesOf(data, hidden),
      };
      return dto;
    },
  );

  app.get(
    '/tracks/:trackId/scores.xlsx',
    { schema: { tags, summary: '下载评分汇总表(排名、评分明细、专家统计)', params: trackParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { data, hidden } = await rankingOf(request, actor);
      const file = await scoresWorkbook(data, hidden);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${data.track.campaign_year}年${data.track.name}-评分汇总.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );
};

export default reviewsRoutes;
