import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ok', db: 'ok', database: app.dbKind, version: app.config.version };
    } catch (error) {
      app.log.error({ err: error }, 'health check failed');
      return reply.status(503).send({ status: 'error', db: 'unreachable', database: app.dbKind, version: app.config.version });
    }
  });
};

export default healthRoutes;
