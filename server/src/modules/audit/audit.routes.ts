import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditQuery } from '../../../../contracts/audit.ts';
import { ensure } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.ts';
import { whyNotViewAudit } from '../../policies/audit-policy.ts';
import { presentAuditEvent } from './audit.presenter.ts';
import { listAuditEvents } from './audit.repository.ts';

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { schema: { tags: ['audit'], summary: '审计日志', querystring: listAuditQuery } }, async (request) => {
    ensure(whyNotViewAudit(actorOf(request)));
    const { rows, total } = await listAuditEvents(app.db, request.query);
    return { items: rows.map(presentAuditEvent), total, page: request.query.page, pageSize: request.query.pageSize };
  });
};

export default auditRoutes;
