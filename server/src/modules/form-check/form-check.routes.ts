import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParam } from '../../../../contracts/common.ts';
import { inboxQuery, returnInput, versionDiffParams } from '../../../../contracts/form-check.ts';
import { actorOf, auditContext } from '../../plugins/auth.ts';
import * as commands from './form-check.commands.ts';

const tags = ['form-check'];

/** The coordinators' inbox and the form check (形式审查): accept, or return to the unit with reasons. */
const formCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/form-check/inbox',
    { schema: { tags, summary: '形式审查收件箱(牵头类别;学院管理员为全部类别)', querystring: inboxQuery } },
    async (request) => commands.inbox(app.db, actorOf(request), request.query),
  );

  app.get(
    '/form-check/submissions/:id',
    { schema: { tags, summary: '形式审查:申报(最新提交版本)、版本与记录', params: idParam } },
    async (request) => commands.formCheckCase(app.db, actorOf(request), request.params.id),
  );

  app.get(
    '/form-check/submissions/:id/versions/:a/diff/:b',
    { schema: { tags, summary: '比较两个提交版本', params: versionDiffParams } },
    async (request) => commands.versionDiff(app.db, actorOf(request), request.params.id, request.params.a, request.params.b),
  );

  app.post('/form-check/submissions/:id/accept', { schema: { tags, summary: '形式审查通过', params: idParam } }, async (request) =>
    commands.accept(app.db, actorOf(request), request.params.id, auditContext(request)),
  );

  app.post(
    '/form-check/submissions/:id/return',
    { schema: { tags, summary: '退回申报单位修改(须写明原因)', params: idParam, body: returnInput } },
    async (request) => commands.returnForRevision(app.db, actorOf(request), request.params.id, request.body.reasons, auditContext(request)),
  );
};

export default formCheckRoutes;
