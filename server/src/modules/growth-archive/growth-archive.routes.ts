import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../../contracts/common.ts';
import { archiveEntryInput, archiveQuery } from '../../../../contracts/growth-archive.ts';
import { attachmentHeader } from '../../lib/content-disposition.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import { DOCX_MIME } from '../../lib/docx.ts';
import { createArchiveEntry, deleteArchiveEntry, exportArchive, loadArchive, updateArchiveEntry } from './growth-archive.commands.ts';

const tags = ['growth-archive'];
const entryParams = z.object({ id: z.coerce.number().int().positive(), entryId: z.coerce.number().int().positive() });

const growthArchiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/students/:id/archive',
    { schema: { tags, summary: '学生资助成长档案(时间线)', params: idParam, querystring: archiveQuery } },
    async (request) => loadArchive(app.db, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/students/:id/archive/entries',
    { schema: { tags, summary: '新增档案记录(受助、活动、奖励、导师记录、目标)', params: idParam, body: archiveEntryInput } },
    async (request, reply) => {
      const entry = await createArchiveEntry(app.db, actorOf(request), request.params.id, request.body, auditContext(request));
      return reply.status(201).send(entry);
    },
  );

  app.patch(
    '/students/:id/archive/entries/:entryId',
    { schema: { tags, summary: '修改档案记录(整条替换,类型不变)', params: entryParams, body: archiveEntryInput } },
    async (request) =>
      updateArchiveEntry(app.db, actorOf(request), request.params.id, request.params.entryId, request.body, auditContext(request)),
  );

  app.delete(
    '/students/:id/archive/entries/:entryId',
    { schema: { tags, summary: '删除档案记录', params: entryParams } },
    async (request, reply) => {
      await deleteArchiveEntry(app.db, actorOf(request), request.params.id, request.params.entryId, auditContext(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/students/:id/archive.docx',
    { schema: { tags, summary: '导出可打印的成长档案(.docx,敏感信息脱敏)', params: idParam } },
    async (request, reply) => {
      const { file, fileName } = await exportArchive(app.db, actorOf(request), request.params.id, auditContext(request));
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', attachmentHeader(fileName.replace(/[\\/:*?"<>|\r\n\t]+/g, '_')))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );
};

export default growthArchiveRoutes;
