import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import {
  MAX_VISIT_PHOTO_BYTES,
  createHomeVisitInput,
  listHomeVisitsQuery,
  updateHomeVisitInput,
  type HomeVisitDto,
  type HomeVisitPage,
} from '../../../../contracts/home-visits.ts';
import { AppError, ensure } from '../../errors.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { ability } from '../../policies/ability.ts';
import { whyNotListHomeVisits, whyNotRecordAny } from '../../policies/home-visit-policy.ts';
import { studentScopeOf } from '../../policies/student-policy.ts';
import { multipartLimits } from '../files/files.service.ts';
import * as commands from './home-visits.commands.ts';
import { presentHomeVisit, presentHomeVisitListItem } from './home-visits.presenter.ts';
import { listHomeVisits, listVisitPhotos } from './home-visits.repository.ts';

const id = z.coerce.number().int().positive();
const photoParams = z.object({ id, photoId: id });
const completeInput = z.object({ revision: z.number().int().min(1).optional() });
const tags = ['home-visits'];

const homeVisitsRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Every change answers with the visit as it now is. */
  async function detail(request: FastifyRequest, visitId: number): Promise<HomeVisitDto> {
    const actor = actorOf(request);
    const row = await commands.loadVisibleHomeVisit(app.db, actor, visitId);
    return presentHomeVisit(actor, row, await listVisitPhotos(app.db, visitId));
  }

  app.get(
    '/home-visits',
    { schema: { tags, summary: '家访记录(可见学生的已完成家访,以及本人的草稿)', querystring: listHomeVisitsQuery } },
    async (request): Promise<HomeVisitPage> => {
      const actor = actorOf(request);
      ensure(whyNotListHomeVisits(actor));
      const scope = studentScopeOf(actor);
      if (typeof scope === 'string') throw new AppError(scope);
      const { rows, total } = await listHomeVisits(app.db, scope, actor.id, request.query);
      return {
        items: rows.map(presentHomeVisitListItem),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
        abilities: { create: ability(whyNotRecordAny(actor, 'not_visit_recorder')) },
      };
    },
  );

  app.post('/home-visits', { schema: { tags, summary: '新建家访草稿', body: createHomeVisitInput } }, async (request, reply) => {
    const newId = await commands.createHomeVisit(app.db, actorOf(request), request.body, auditContext(request));
    return reply.status(201).send(await detail(request, newId));
  });

  app.get('/home-visits/:id', { schema: { tags, summary: '家访详情', params: idParam } }, async (request) =>
    detail(request, request.params.id),
  );

  app.patch(
    '/home-visits/:id',
    { schema: { tags, summary: '自动保存家访草稿(须带 revision)', params: idParam, body: updateHomeVisitInput } },
    async (request) => commands.updateHomeVisit(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/home-visits/:id/complete',
    { schema: { tags, summary: '完成家访(之后计入困难认定,不能再修改)', params: idParam, body: completeInput } },
    async (request) => {
      await commands.completeHomeVisit(app.db, actorOf(request), request.params.id, request.body.revision, auditContext(request));
      return detail(request, request.params.id);
    },
  );

  app.delete('/home-visits/:id', { schema: { tags, summary: '删除家访草稿', params: idParam } }, async (request, reply) => {
    await commands.deleteHomeVisit(app, actorOf(request), request.params.id, auditContext(request));
    return reply.status(204).send();
  });

  app.post(
    '/home-visits/:id/photos',
    { schema: { tags, summary: '上传家访照片(multipart, JPG/PNG)', params: idParam } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await commands.prepareVisitPhotoUpload(app.db, actor, request.params.id);
      if (!request.isMultipart()) throw new AppError('file_required');
      const part = await request.file(multipartLimits(MAX_VISIT_PHOTO_BYTES));
      if (!part) throw new AppError('file_required');
      await commands.addVisitPhoto(app, actor, row, part, auditContext(request));
      return reply.status(201).send(await detail(request, row.id));
    },
  );

  app.get(
    '/home-visits/:id/photos/:photoId',
    { schema: { tags, summary: '查看家访照片(仅对可查看该学生的用户)', params: photoParams } },
    async (request, reply) => {
      const photo = await commands.openVisitPhoto(app.db, actorOf(request), request.params.id, request.params.photoId);
      return reply
        .header('content-type', photo.mime_type)
        .header('content-length', String(photo.size_bytes))
        .header('content-disposition', attachmentHeader(photo.original_name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(app.storage.createReadStream(photo.storage_key));
    },
  );

  app.delete(
    '/home-visits/:id/photos/:photoId',
    { schema: { tags, summary: '删除家访照片(草稿)', params: photoParams } },
    async (request) => {
      await commands.removeVisitPhoto(app, actorOf(request), request.params.id, request.params.photoId, auditContext(request));
      return detail(request, request.params.id);
    },
  );
};

export default homeVisitsRoutes;
