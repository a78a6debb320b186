import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  decideInput,
  objectionInput,
  objectionResponseInput,
  publishCampaignNoticeInput,
  type CampaignNoticeDto,
  type CampaignObjectionDto,
  type PackageSummaryDto,
  type PublicCampaignNoticeDto,
  type ReleaseResultDto,
  type TrackDecisionsDto,
  type UnitReviewResultDto,
} from '../../../../contracts/decisions.ts';
import { shanghaiToday } from '../../../../contracts/identifications.ts';
import { ensure, found } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { DOCX_MIME } from '../../lib/docx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotDecide, whyNotDownloadPackage } from '../../policies/decision-policy.ts';
import * as notices from './campaign-notices.commands.ts';
import * as commands from './decisions.commands.ts';
import {
  presentCampaignNotice,
  presentObjection,
  presentPublicNotice,
  presentTrackDecisions,
  presentUnitResult,
} from './decisions.presenter.ts';
import * as repo from './decisions.repository.ts';
import { buildNoticeDocument } from './notice-document.ts';
import { entryBytes, planPackage, streamPackage } from './upward-package.ts';

const tags = ['decisions'];
const id = z.coerce.number().int().positive();
const objectionParams = z.object({ id, objectionId: id });
const withdrawInput = z.object({ reason: z.string().trim().min(2, '请填写撤回发布的原因').max(500) });
const resultsQuery = z.object({ campaignId: id.optional() });

const decisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  async function trackView(actor: Actor, trackId: number): Promise<TrackDecisionsDto> {
    const { track, rows, ranking, ranked } = await commands.loadTrackDecisions(app.db, actor, trackId);
    return presentTrackDecisions(actor, track, rows, ranking, ranked);
  }

  /** The released 推荐省级 cases of the track, planned into a package (documents generated). */
  async function loadPackagePlan(actor: Actor, trackId: number) {
    ensure(whyNotDecide(actor));
    const view = await commands.loadTrackDecisions(app.db, actor, trackId);
    const releasedProvincial = view.rows.filter((r) => r.released_at && r.outcome === 'provincial').length;
    ensure(whyNotDownloadPackage(actor, { releasedProvincial }));
    const order = new Map([...view.ranking].map(([submissionId, v]) => [submissionId, v.order]));
    return planPackage(app.db, view.track, order);
  }

  // ---- decisions ----

  app.get(
    '/decisions/tracks/:id',
    { schema: { tags, summary: '类别的评审结果:已受理案例、排名(如有)、暂存和已发布的结果、推荐省级名额', params: idParam } },
    async (request) => trackView(actorOf(request), request.params.id),
  );

  app.put(
    '/decisions/submissions/:id',
    {
      schema: {
        tags,
        summary: '暂存一个案例的评审结果(推荐省级 / 学院优秀 / 未入选);推荐省级不超过上报名额',
        params: idParam,
        body: decideInput,
      },
    },
    async (request): Promise<TrackDecisionsDto> => {
      const actor = actorOf(request);
      await commands.decide(app.db, actor, request.params.id, request.body, auditContext(request));
      const row = found(await repo.findCase(app.db, request.params.id));
      return trackView(actor, row.track_id);
    },
  );

  app.delete(
    '/decisions/submissions/:id',
    { schema: { tags, summary: '清除一个案例暂存的评审结果(已发布的不能清除)', params: idParam } },
    async (request, reply) => {
      await commands.clearDecision(app.db, actorOf(request), request.params.id, auditContext(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/decisions/tracks/:id/release',
    { schema: { tags, summary: '发布类别的全部暂存结果,并通知各申报单位(站内信和邮件)', params: idParam } },
    async (request): Promise<ReleaseResultDto> => commands.releaseTrack(app.db, actorOf(request), request.params.id, auditContext(request)),
  );

  app.post(
    '/decisions/tracks/:id/withdraw-release',
    { schema: { tags, summary: '撤回发布:已发布的结果恢复为暂存(须填写原因,记入审计日志)', params: idParam, body: withdrawInput } },
    async (request) => ({
      staged: await commands.withdrawRelease(app.db, actorOf(request), request.params.id, request.body.reason, auditContext(request)),
    }),
  );

  app.get(
    '/units/me/review-results',
    { schema: { tags, summary: '本单位已发布的评审结果(不含评分)', querystring: resultsQuery } },
    async (request): Promise<UnitReviewResultDto[]> =>
      (await commands.unitResults(app.db, actorOf(request), request.query.campaignId ?? null)).map(presentUnitResult),
  );

  // ---- the upward package ----

  app.get(
    '/decisions/tracks/:id/package/summary',
    { schema: { tags, summary: '上报材料包的文件数和大小(下载前显示进度用)', params: idParam } },
    async (request): Promise<PackageSummaryDto> => {
      const plan = await loadPackagePlan(actorOf(request), request.params.id);
      return {
        cases: plan.cases,
        fileCount: plan.entries.length,
        attachmentBytes: plan.entries.filter((e) => e.kind === 'stored').reduce((s, e) => s + entryBytes(e), 0),
        totalBytes: plan.entries.reduce((s, e) => s + entryBytes(e), 0),
        fileName: plan.fileName,
      };
    },
  );

  app.get(
    '/decisions/tracks/:id/package.zip',
    { schema: { tags, summary: '下载类别的省级上报材料(.zip,流式传输,含推荐名单、封面、案例文档和原始附件)', params: idParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const plan = await loadPackagePlan(actor, request.params.id);
      const { stream, size } = await streamPackage(app.storage, plan);
      request.log.info({ trackId: request.params.id, files: plan.entries.length, bytes: size }, 'upward package');
      if (size >= 0) reply.header('content-length', size);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachmentHeader(plan.fileName))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  // ---- the public notice: management ----

  app.get(
    '/decisions/campaigns/:id/notices',
    { schema: { tags, summary: '活动的评审结果公示(管理)', params: idParam } },
    async (request): Promise<CampaignNoticeDto[]> => {
      const actor = actorOf(request);
      ensure(whyNotDecide(actor));
      const today = shanghaiToday();
      return (await repo.listNotices(app.db, request.params.id)).map((n) => presentCampaignNotice(actor, n, today));
    },
  );

  app.post(
    '/decisions/campaigns/:id/notices',
    { schema: { tags, summary: '发布评审结果公示(名单为已发布的推荐省级结果的快照)', params: idParam, body: publishCampaignNoticeInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const noticeId = await notices.publishCampaignNotice(app.db, actor, request.params.id, request.body, auditContext(request));
      return reply.status(201).send(presentCampaignNotice(actor, found(await repo.findNotice(app.db, noticeId)), shanghaiToday()));
    },
  );

  app.post(
    '/decisions/notices/:id/take-down',
    { schema: { tags, summary: '提前撤下公示', params: idParam } },
    async (request): Promise<CampaignNoticeDto> => {
      const actor = actorOf(request);
      await notices.takeDownNotice(app.db, actor, request.params.id, auditContext(request));
      return presentCampaignNotice(actor, found(await repo.findNotice(app.db, request.params.id)), shanghaiToday());
    },
  );

  app.get(
    '/decisions/notices/:id/objections',
    { schema: { tags, summary: '公示收到的异议', params: idParam } },
    async (request): Promise<CampaignObjectionDto[]> => {
      const actor = actorOf(request);
      const notice = await notices.loadManagedNotice(app.db, actor, request.params.id);
      return (await repo.listObjections(app.db, notice.id)).map((o) => presentObjection(actor, notice, o));
    },
  );

  app.post(
    '/decisions/notices/:id/objections/:objectionId/response',
    { schema: { tags, summary: '答复异议(记录处理意见)', params: objectionParams, body: objectionResponseInput } },
    async (request): Promise<CampaignObjectionDto> => {
      const actor = actorOf(request);
      const { id: noticeId, objectionId } = request.params;
      await notices.respondObjection(app.db, actor, noticeId, objectionId, request.body, auditContext(request));
      const notice = found(await repo.findNotice(app.db, noticeId));
      return presentObjection(actor, notice, found((await repo.listObjections(app.db, noticeId)).find((o) => o.id === objectionId)));
    },
  );

  // ---- the public notice: no login ----

  app.get(
    '/public/campaign-notices/:id',
    { config: { access: 'public' }, schema: { tags, summary: '评审结果公示(公开;公示期外不提供)', params: idParam } },
    async (request, reply): Promise<PublicCampaignNoticeDto> => {
      reply.header('cache-control', 'no-store');
      return presentPublicNotice(await notices.readPublicNotice(app.db, request.params.id));
    },
  );

  app.get(
    '/public/campaign-notices/:id/notice.docx',
    { config: { access: 'public' }, schema: { tags, summary: '评审结果公示(Word,公开;公示期外不提供)', params: idParam } },
    async (request, reply) => {
      const notice = presentPublicNotice(await notices.readPublicNotice(app.db, request.params.id));
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', attachmentHeader(`${notice.title.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 60)}.docx`))
        .header('cache-control', 'no-store')
        .send(await buildNoticeDocument(notice));
    },
  );

  app.post(
    '/public/campaign-notices/:id/objections',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: { tags, summary: '对公示提出异议(公开;公示期内)', params: idParam, body: objectionInput },
    },
    async (request, reply) => {
      const objectionId = await notices.lodgeObjection(app.db, request.params.id, request.body, auditContext(request));
      return reply.status(201).send({ id: objectionId });
    },
  );
};

export default decisionsRoutes;
