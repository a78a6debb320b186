import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePasswordInput, loginInput, type MetaResponse, type SessionResponse } from '../../../../contracts/auth.ts';
import { actorOf, auditContext, SESSION_COOKIE } from '../../plugins/auth.ts';
import { found } from '../../errors.ts';
import { presentMe } from '../users/users.presenter.ts';
import { findUserById } from '../users/users.repository.ts';
import { demoAccounts } from '../../demo/demo-accounts.ts';
import { changePassword, login, logout } from './auth.commands.ts';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure whenever the platform is reached over https (directly or behind a proxy).
    secure: 'auto' as const,
    maxAge: Math.floor(app.config.sessionTtlMs / 1000),
  });

  // Read afresh: the request's actor may predate a change this request made.
  async function sessionResponse(userId: number, csrfToken: string): Promise<SessionResponse> {
    return { csrfToken, user: presentMe(found(await findUserById(app.db, userId))) };
  }

  app.get(
    '/meta',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: '平台信息与演示账号' } },
    async (): Promise<MetaResponse> => ({
      name: '永助 · 苏乡永助资助育人平台',
      version: app.config.version,
      demo: app.config.demoData,
      demoAccounts: app.config.demoData ? demoAccounts : [],
    }),
  );

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: app.config.loginRateLimit.max, timeWindow: app.config.loginRateLimit.windowMs },
      },
      schema: { tags: ['auth'], summary: '登录(用户名、手机号或邮箱)', body: loginInput },
    },
    async (request, reply) => {
      const result = await login(app.db, app.config, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions());
      return sessionResponse(result.userId, result.csrfToken);
    },
  );

  app.get('/auth/me', { config: { access: 'pending' }, schema: { tags: ['auth'], summary: '当前用户' } }, async (request) =>
    sessionResponse(actorOf(request).id, request.csrfToken ?? ''),
  );

  app.post('/auth/logout', { config: { access: 'pending' }, schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    if (request.sessionId) await logout(app.db, request.sessionId, auditContext(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post(
    '/auth/password',
    { config: { access: 'pending' }, schema: { tags: ['auth'], summary: '修改密码', body: changePasswordInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      await changePassword(app.db, actor.id, request.sessionId ?? '', request.body, auditContext(request));
      return reply.status(204).send();
    },
  );
};

export default authRoutes;
