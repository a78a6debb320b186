import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { reasons } from '../../contracts/reasons.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import privacyPlugin from './plugins/privacy.ts';
import storagePlugin from './plugins/storage.ts';
import auditRoutes from './modules/audit/audit.routes.ts';
import authRoutes from './modules/auth/auth.routes.ts';
import campaignsRoutes from './modules/campaigns/campaigns.routes.ts';
import filesRoutes from './modules/files/files.routes.ts';
import exportsRoutes from './modules/exports/exports.routes.ts';
import formCheckRoutes from './modules/form-check/form-check.routes.ts';
import healthRoutes from './modules/system/health.routes.ts';
import submissionsRoutes from './modules/submissions/submissions.routes.ts';
import studentsRoutes from './modules/students/students.routes.ts';
import rosterRoutes from './modules/roster/roster.routes.ts';
import keyTargetsRoutes from './modules/key-targets/key-targets.routes.ts';
import coverageRoutes from './modules/coverage/coverage.routes.ts';
import homeVisitsRoutes from './modules/home-visits/home-visits.routes.ts';
import identificationsRoutes from './modules/identifications/identifications.routes.ts';
import noticesRoutes from './modules/identifications/notices.routes.ts';
import growthArchiveRoutes from './modules/growth-archive/growth-archive.routes.ts';
import registriesRoutes from './modules/registries/registries.routes.ts';
import statisticsRoutes from './modules/statistics/statistics.routes.ts';
import reviewsRoutes from './modules/reviews/reviews.routes.ts';
import inboxRoutes from './modules/notifications/inbox.routes.ts';
import decisionsRoutes from './modules/decisions/decisions.routes.ts';
import { configureNotifications } from './modules/notifications/notifications.service.ts';
import { startOutboxWorker, type OutboxWorker } from './modules/notifications/outbox-worker.ts';
import unitsRoutes from './modules/units/units.routes.ts';
import usersRoutes from './modules/users/users.routes.ts';
import reviewPoolRoutes from './modules/review-pool/review-pool.routes.ts';

/** The whole HTTP application, without listening: tests drive it with inject(). */
export async function buildApp(config: Config, handle: DatabaseHandle): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // antd injects its CSS-in-JS as <style> elements.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
      },
    },
    // Served over http in the embedded default; https deployments add HSTS at the proxy.
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20 }, throwFileSizeLimit: true });
  await app.register(dbPlugin, { handle, config });
  await app.register(storagePlugin);
  await app.register(privacyPlugin);
  await app.register(authPlugin);

  await app.register(swagger, {
    openapi: { info: { title: '永助 Yongzhu API', version: config.version } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  // /api/docs/json exists too; this is the documented address.
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(usersRoutes);
      await api.register(unitsRoutes);
      await api.register(auditRoutes);
      await api.register(campaignsRoutes);
      await api.register(submissionsRoutes);
      await api.register(filesRoutes);
      await api.register(inboxRoutes);
      await api.register(formCheckRoutes);
      await api.register(exportsRoutes);
      await api.register(studentsRoutes);
      await api.register(rosterRoutes);
      await api.register(keyTargetsRoutes);
      await api.register(coverageRoutes);
      await api.register(homeVisitsRoutes);
      await api.register(identificationsRoutes);
      await api.register(noticesRoutes);
      await api.register(growthArchiveRoutes);
      await api.register(registriesRoutes);
      await api.register(statisticsRoutes);
      await api.register(decisionsRoutes);
      await api.register(reviewPoolRoutes);
      await api.register(reviewsRoutes);
    },
    { prefix: '/api' },
  );

  // Notifications: mail links use PUBLIC_URL; the outbox worker sends queued mail and
  // deadline reminders in the background (not in tests, which drain the outbox themselves).
  configureNotifications({ publicUrl: config.publicUrl });
  let outboxWorker: OutboxWorker | null = null;
  app.addHook('onReady', async () => {
    if (config.mail.pollMs > 0) outboxWorker = startOutboxWorker({ db: handle.db, config, log: app.log, pollMs: config.mail.pollMs });
  });
  app.addHook('onClose', async () => {
    await outboxWorker?.stop();
  });

  const hasWeb = existsSync(config.webDir);
  if (hasWeb) {
    // Routes for the files present at start (a rebuilt bundle needs a restart); no
    // wildcard route, so unknown /api paths stay 404s of the API.
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset (a path with a file extension) is a plain 404, never the HTML page.
    const isAsset = /\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb || isAsset) {
      return reply.status(404).send({ code: 'route_not_found', message: reasons.route_not_found.message });
    }
    // Client-side routes: the single page app decides, including its own 404 page.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
