import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  addPoolMemberInput,
  applyAutoAssignInput,
  assignInput,
  assignmentImportColumns,
  declareConflictInput,
  poolMemberParams,
  reviewSettingsInput,
  trackIdParam,
  type ConflictListDto,
  type ReviewPoolDto,
} from '../../../../contracts/review-assignment.ts';
import { AppError, ensure, found } from '../../errors.ts';
import { assertXlsx, attachmentHeader, buildWorkbook, XLSX_MIME } from '../../lib/xlsx.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { ability } from '../../policies/ability.ts';
import { hasRole, isInstituteAdmin } from '../../policies/actor.ts';
import {
  conflictListScope,
  whyNotAssignInTrack,
  whyNotChangeReviewSetup,
  whyNotViewReviewAdmin,
} from '../../policies/review-assignment-policy.ts';
import { multipartLimits } from '../files/files.service.ts';
import * as commands from './review-pool.commands.ts';
import { personRef, presentBoard, presentConflict, presentPoolMember, presentPreview, presentSettings } from './review-pool.presenter.ts';
import * as repo from './review-pool.repository.ts';

const tags = ['review-admin'];
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const errorReportInput = z.object({
  errors: z.array(z.object({ row: z.number().int(), column: z.string().max(100), message: z.string().max(500) })).max(10_000),
});

/**
 * 评审管理: review settings, the reviewer pool, conflicts and assignment. Every list
 * here is for the institute admin and the track's coordinator; a reviewer reaches only
 * their own conflict declarations (their own assignments are the reviews module's).
 */
const reviewPoolRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  async function viewableTrack(request: { params: { trackId: number } } & Parameters<typeof actorOf>[0]) {
    const actor = actorOf(request);
    const track = await commands.loadReviewTrack(db, request.params.trackId);
    ensure(whyNotViewReviewAdmin(actor, commands.reviewTarget(track)));
    return { actor, track };
  }

  async function settingsDto(request: Parameters<typeof viewableTrack>[0]) {
    const { actor, track } = await viewableTrack(request);
    return presentSettings(actor, track, await repo.countSubmittedReviews(db, track.id));
  }

  async function poolDto(request: Parameters<typeof viewableTrack>[0]): Promise<ReviewPoolDto> {
    const { actor, track } = await viewableTrack(request);
    const add = whyNotChangeReviewSetup(actor, commands.reviewTarget(track));
    const [members, candidates] = await Promise.all([repo.listPool(db, track.id), add ? [] : repo.listPoolCandidates(db, track.id)]);
    return {
      members: members.map((m) => presentPoolMember(actor, track, m)),
      candidates: candidates.map(personRef),
      abilities: { add: ability(add) },
    };
  }

  async function boardDto(request: Parameters<typeof viewableTrack>[0]) {
    const { actor, track } = await viewableTrack(request);
    return presentBoard(actor, track, await commands.loadAssignmentState(db, actor, track));
  }

  // ---- settings

  app.get(
    '/tracks/:trackId/review-settings',
    { schema: { tags, summary: '类别的评审设置(评分细则、每案专家数、截止时间)', params: trackIdParam } },
    settingsDto,
  );

  app.put(
    '/tracks/:trackId/review-settings',
    { schema: { tags, summary: '修改评审设置(已有提交的评审意见后不能再改评分细则)', params: trackIdParam, body: reviewSettingsInput } },
    async (request) => {
      await commands.updateReviewSettings(db, actorOf(request), request.params.trackId, request.body, auditContext(request));
      return settingsDto(request);
    },
  );

  // ---- pool

  app.get(
    '/tracks/:trackId/review-pool',
    { schema: { tags, summary: '类别的专家库(及可加入的评审专家账号)', params: trackIdParam } },
    poolDto,
  );

  app.post(
    '/tracks/:trackId/review-pool',
    { schema: { tags, summary: '把评审专家加入专家库(无单位账号为校外专家)', params: trackIdParam, body: addPoolMemberInput } },
    async (request, reply) => {
      await commands.addPoolMember(db, actorOf(request), request.params.trackId, request.body, auditContext(request));
      return reply.status(201).send(await poolDto(request));
    },
  );

  app.delete(
    '/tracks/:trackId/review-pool/:userId',
    { schema: { tags, summary: '移出专家库(未提交的分配一并取消;已有提交的评审意见则不能移出)', params: poolMemberParams } },
    async (request) => {
      await commands.removePoolMember(db, actorOf(request), request.params.trackId, request.params.userId, auditContext(request));
      return poolDto(request);
    },
  );

  // ---- conflicts

  app.get(
    '/campaigns/:id/review-conflicts',
    { schema: { tags, summary: '回避关系(评审专家只看到自己的)', params: idParam } },
    async (request) => {
      const actor = actorOf(request);
      const campaign = found(
        await db.selectFrom('campaigns').select(['id', 'status']).where('id', '=', request.params.id).executeTakeFirst(),
      );
      const scope = conflictListScope(actor);
      const rows = await repo.listConflicts(db, campaign.id, scope === 'all' ? undefined : actor.id);
      const declareFor: ConflictListDto['declareFor'] = isInstituteAdmin(actor)
        ? 'anyone'
        : hasRole(actor, 'reviewer') || hasRole(actor, 'track_coordinator')
          ? 'self'
          : 'nobody';
      return { items: rows.map((r) => presentConflict(actor, campaign.status, r)), declareFor } satisfies ConflictListDto;
    },
  );

  app.post(
    '/campaigns/:id/review-conflicts',
    {
      schema: { tags, summary: '登记回避关系(学院管理员为任何人登记;专家和牵头人为自己申报)', params: idParam, body: declareConflictInput },
    },
    async (request, reply) => {
      const id = await commands.declareConflict(db, actorOf(request), request.params.id, request.body, auditContext(request));
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/review-conflicts/:id',
    { schema: { tags, summary: '撤销回避关系(学院管理员)', params: idParam } },
    async (request, reply) => {
      await commands.removeConflict(db, actorOf(request), request.params.id, auditContext(request));
      return reply.status(204).send();
    },
  );

  // ---- assignment

  app.get(
    '/tracks/:trackId/assignments',
    { schema: { tags, summary: '评审分配:已受理案例、各自的专家和每位专家的任务量', params: trackIdParam } },
    boardDto,
  );

  app.post(
    '/tracks/:trackId/assignments',
    { schema: { tags, summary: '手工分配一位专家到一个案例', params: trackIdParam, body: assignInput } },
    async (request, reply) => {
      const result = await commands.assignReviewer(db, actorOf(request), request.params.trackId, request.body, auditContext(request));
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/review-assignments/:id',
    { schema: { tags, summary: '取消一项分配(评审意见已提交则不能取消)', params: idParam } },
    async (request, reply) => {
      await commands.unassignReviewer(db, actorOf(request), request.params.id, auditContext(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/tracks/:trackId/assignments/auto-preview',
    { schema: { tags, summary: '自动分配预览(不写入):方案、每位专家的任务量和无法满足的案例', params: trackIdParam } },
    async (request) => {
      const actor = actorOf(request);
      const track = await commands.loadReviewTrack(db, request.params.trackId);
      return presentPreview(await commands.planAutoAssign(db, actor, track));
    },
  );

  app.post(
    '/tracks/:trackId/assignments/auto-apply',
    {
      schema: {
        tags,
        summary: '确认自动分配:按预览的方案写入(情况有变则拒绝,请重新预览)',
        params: trackIdParam,
        body: applyAutoAssignInput,
      },
    },
    async (request) => commands.applyAutoAssign(db, actorOf(request), request.params.trackId, request.body.planHash, auditContext(request)),
  );

  app.get(
    '/tracks/:trackId/assignments/template',
    { schema: { tags, summary: '分配表模板 (.xlsx):已受理案例的受理编号,专家账号待填', params: trackIdParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const track = await commands.loadReviewTrack(db, request.params.trackId);
      ensure(whyNotAssignInTrack(actor, commands.reviewTarget(track)));
      const [cases, pool] = await Promise.all([repo.listAcceptedCases(db, track.id), repo.listPool(db, track.id)]);
      const example = pool[0]?.username ?? '';
      const rows = cases.map((c, i) => [c.receipt_no ?? '', i === 0 ? example : '', c.title, c.unit_name]);
      const file = await buildWorkbook('评审分配', [...assignmentImportColumns, '项目名称(仅供参考)', '申报单位(仅供参考)'], rows);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(`${track.name}-评审分配模板.xlsx`))
        .send(file);
    },
  );

  app.post(
    '/tracks/:trackId/assignments/import',
    { schema: { tags, summary: '从 .xlsx 导入分配(受理编号 + 评审专家账号;全部成功或全部不导入)', params: trackIdParam } },
    async (request) => {
      const actor = actorOf(request);
      // Refuse before reading the body.
      const track = await commands.loadReviewTrack(db, request.params.trackId);
      ensure(whyNotAssignInTrack(actor, commands.reviewTarget(track)));
      if (!request.isMultipart()) throw new AppError('file_required');
      const part = await request.file(multipartLimits(IMPORT_MAX_BYTES));
      if (!part) throw new AppError('file_required');
      const buffer = await part.toBuffer();
      await assertXlsx(buffer);
      return commands.importAssignments(db, actor, track.id, buffer, auditContext(request));
    },
  );

  app.post(
    '/tracks/:trackId/assignments/import/error-report',
    { schema: { tags, summary: '分配表导入错误报告 (.xlsx)', params: trackIdParam, body: errorReportInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const track = await commands.loadReviewTrack(db, request.params.trackId);
      ensure(whyNotAssignInTrack(actor, commands.reviewTarget(track)));
      const file = await buildWorkbook(
        '错误报告',
        ['行号', '列', '问题'],
        request.body.errors.map((e) => [e.row, e.column, e.message]),
      );
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader('评审分配错误报告.xlsx')).send(file);
    },
  );
};

export default reviewPoolRoutes;
