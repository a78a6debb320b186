import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  objectionInput,
  publishNoticeInput,
  resolveObjectionInput,
  shanghaiToday,
  type LodgedObjectionDto,
  type NoticeDto,
  type NoticeSummaryDto,
  type ObjectionDto,
} from '../../../../contracts/identifications.ts';
import { schoolYear } from '../../../../contracts/school-year.ts';
import { found } from '../../errors.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import * as commands from './notices.commands.ts';
import { presentNotice, presentNoticeSummary, presentObjection } from './notices.presenter.ts';
import { findNotice, listObjections } from './notices.repository.ts';

const id = z.coerce.number().int().positive();
const objectionParams = z.object({ id, objectionId: id });
const listQuery = z.object({ schoolYear: schoolYear.optional() });
const tags = ['notices'];

const noticesRoutes: FastifyPluginAsyncZod = async (app) => {
  async function summary(actor: ReturnType<typeof actorOf>, noticeId: number): Promise<NoticeSummaryDto> {
    const row = found(await findNotice(app.db, noticeId));
    return presentNoticeSummary(actor, row, await commands.noticeViewerOf(app.db, actor), shanghaiToday());
  }

  app.get(
    '/notices',
    { schema: { tags, summary: '公示列表(本单位和学院的登录用户;管理者另见未开始和已结束的)', querystring: listQuery } },
    async (request): Promise<NoticeSummaryDto[]> => {
      const actor = actorOf(request);
      const { rows, viewer, today } = await commands.listVisibleNotices(app.db, actor, request.query.schoolYear);
      return rows.map((r) => presentNoticeSummary(actor, r, viewer, today));
    },
  );

  app.post(
    '/notices',
    { schema: { tags, summary: '发布认定结果公示(不少于 5 个工作日)', body: publishNoticeInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      const noticeId = await commands.publishNotice(app.db, actor, request.body, auditContext(request));
      return reply.status(201).send(await summary(actor, noticeId));
    },
  );

  app.get(
    '/notices/:id',
    { schema: { tags, summary: '公示名单(仅姓名、单位、院系、专业、年级、班级;期满后不再提供)', params: idParam } },
    async (request): Promise<NoticeDto> => {
      const actor = actorOf(request);
      const { notice, viewer, entries } = await commands.readNotice(app.db, actor, request.params.id);
      return presentNotice(actor, notice, viewer, shanghaiToday(), entries);
    },
  );

  app.post(
    '/notices/:id/objections',
    { schema: { tags, summary: '对公示提出异议', params: idParam, body: objectionInput } },
    async (request, reply): Promise<LodgedObjectionDto> => {
      const row = await commands.lodgeObjection(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return reply.status(201).send({ id: row.id, lodgedAt: row.lodged_at.toISOString() });
    },
  );

  app.get(
    '/notices/:id/objections',
    { schema: { tags, summary: '公示的异议(本单位资助管理员、学院管理员)', params: idParam } },
    async (request): Promise<ObjectionDto[]> => {
      const actor = actorOf(request);
      const notice = await commands.loadManagedNotice(app.db, actor, request.params.id);
      return (await listObjections(app.db, notice.id)).map((o) => presentObjection(actor, notice, o));
    },
  );

  app.post(
    '/notices/:id/objections/:objectionId/resolve',
    { schema: { tags, summary: '处理异议(填写处理意见)', params: objectionParams, body: resolveObjectionInput } },
    async (request): Promise<ObjectionDto> => {
      const actor = actorOf(request);
      const { id: noticeId, objectionId } = request.params;
      await commands.resolveObjection(app.db, actor, noticeId, objectionId, request.body, auditContext(request));
      const notice = found(await findNotice(app.db, noticeId));
      return presentObjection(actor, notice, found((await listObjections(app.db, noticeId)).find((o) => o.id === objectionId)));
    },
  );

  app.post('/notices/:id/archive', { schema: { tags, summary: '公示期满后归档', params: idParam } }, async (request) => {
    const actor = actorOf(request);
    await commands.archiveNotice(app.db, actor, request.params.id, auditContext(request));
    return summary(actor, request.params.id);
  });
};

export default noticesRoutes;
