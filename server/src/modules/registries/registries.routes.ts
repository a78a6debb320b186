import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  awardInput,
  listAwardsQuery,
  listSeminarsQuery,
  rewardItemInput,
  rewardSchemeInput,
  seminarInput,
  supportCenterInput,
  unitQuery,
  type RegistryFileOwner,
} from '../../../../contracts/registries.ts';
import { AppError } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { multipartLimits } from '../files/files.service.ts';
import * as commands from './registries.commands.ts';

const tags = ['registries'];

const registriesRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Authorises, then reads the one file of the multipart request and stores it. */
  async function upload(request: FastifyRequest, owner: RegistryFileOwner, seminarId: number | null) {
    const actor = actorOf(request);
    const { unitId, maxBytes } = await commands.prepareRegistryUpload(app.db, actor, owner, seminarId);
    if (!request.isMultipart()) throw new AppError('file_required');
    const part = await request.file(multipartLimits(maxBytes));
    if (!part) throw new AppError('file_required');
    return commands.addRegistryFile(app, actor, { unitId, owner, seminarId }, part, auditContext(request));
  }

  // ---- 学生发展支持中心 ----

  app.get(
    '/registries/support-center',
    { schema: { tags, summary: '学生发展支持中心(本单位;学院管理员指定单位)', querystring: unitQuery } },
    async (request) => commands.viewSupportCenter(app.db, actorOf(request), request.query),
  );

  app.put(
    '/registries/support-center',
    { schema: { tags, summary: '登记或修改本单位学生发展支持中心', body: supportCenterInput } },
    async (request) => commands.saveSupportCenter(app.db, actorOf(request), request.body, auditContext(request)),
  );

  app.post(
    '/registries/support-center/files',
    { schema: { tags, summary: '上传支持中心的照片或文件(multipart)' } },
    async (request, reply) => reply.status(201).send(await upload(request, 'support_center', null)),
  );

  // ---- 成长奖励制度 ----

  app.get('/registries/reward-scheme', { schema: { tags, summary: '成长奖励制度与奖励项目', querystring: unitQuery } }, async (request) =>
    commands.viewRewardScheme(app.db, actorOf(request), request.query),
  );

  app.put(
    '/registries/reward-scheme',
    { schema: { tags, summary: '登记或修改本单位成长奖励制度', body: rewardSchemeInput } },
    async (request) => commands.saveRewardScheme(app.db, actorOf(request), request.body, auditContext(request)),
  );

  app.post('/registries/reward-scheme/files', { schema: { tags, summary: '上传制度文件(multipart)' } }, async (request, reply) =>
    reply.status(201).send(await upload(request, 'reward_scheme', null)),
  );

  app.post('/registries/reward-items', { schema: { tags, summary: '新增奖励项目', body: rewardItemInput } }, async (request, reply) =>
    reply.status(201).send(await commands.addRewardItem(app.db, actorOf(request), request.body, auditContext(request))),
  );

  app.patch(
    '/registries/reward-items/:id',
    { schema: { tags, summary: '修改奖励项目', params: idParam, body: rewardItemInput } },
    async (request) => commands.updateRewardItemDetails(app.db, actorOf(request), request.params.id, request.body, auditContext(request)),
  );

  app.delete(
    '/registries/reward-items/:id',
    { schema: { tags, summary: '删除奖励项目(无发放记录时)', params: idParam } },
    async (request, reply) => {
      await commands.removeRewardItem(app.db, actorOf(request), request.params.id, auditContext(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/registries/awards',
    { schema: { tags, summary: '奖励发放记录(仅列出可见范围内的学生)', querystring: listAwardsQuery } },
    async (request) => commands.listAwardsOf(app.db, actorOf(request), request.query),
  );

  app.post(
    '/registries/awards',
    { schema: { tags, summary: '发放奖励(同时记入学生成长档案)', body: awardInput } },
    async (request, reply) =>
      reply.status(201).send(await commands.giveAward(app.db, actorOf(request), request.body, auditContext(request))),
  );

  app.delete(
    '/registries/awards/:id',
    { schema: { tags, summary: '撤销奖励(同时从成长档案中移除)', params: idParam } },
    async (request, reply) => {
      await commands.revokeAward(app.db, actorOf(request), request.params.id, auditContext(request));
      return reply.status(204).send();
    },
  );

  // ---- 常态化研讨 ----

  app.get('/registries/seminars', { schema: { tags, summary: '常态化研讨记录', querystring: listSeminarsQuery } }, async (request) =>
    commands.listSeminarsOf(app.db, actorOf(request), request.query),
  );

  app.get('/registries/seminars/:id', { schema: { tags, summary: '一次研讨的记录', params: idParam } }, async (request) =>
    commands.loadSeminar(app.db, actorOf(request), request.params.id),
  );

  app.post('/registries/seminars', { schema: { tags, summary: '登记一次研讨', body: seminarInput } }, async (request, reply) =>
    reply.status(201).send(await commands.createSeminar(app.db, actorOf(request), request.body, auditContext(request))),
  );

  app.patch(
    '/registries/seminars/:id',
    { schema: { tags, summary: '修改研讨记录', params: idParam, body: seminarInput } },
    async (request) => commands.updateSeminarDetails(app.db, actorOf(request), request.params.id, request.body, auditContext(request)),
  );

  app.delete('/registries/seminars/:id', { schema: { tags, summary: '删除研讨记录及其文件', params: idParam } }, async (request, reply) => {
    await commands.removeSeminar(app, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  app.post(
    '/registries/seminars/:id/files',
    { schema: { tags, summary: '上传研讨的纪要、照片等文件(multipart)', params: idParam } },
    async (request, reply) => reply.status(201).send(await upload(request, 'seminar', request.params.id)),
  );

  // ---- files ----

  app.get('/registries/files/:id', { schema: { tags, summary: '下载台账文件', params: idParam } }, async (request, reply) => {
    const file = await commands.loadRegistryFile(app.db, actorOf(request), request.params.id);
    return reply
      .header('content-type', file.mime_type)
      .header('content-length', String(file.size_bytes))
      .header('content-disposition', attachmentHeader(file.original_name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(app.storage.createReadStream(file.storage_key));
  });

  app.delete('/registries/files/:id', { schema: { tags, summary: '删除台账文件', params: idParam } }, async (request, reply) => {
    await commands.removeRegistryFile(app, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });
};

export default registriesRoutes;
