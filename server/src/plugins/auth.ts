import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../contracts/roles.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findActiveSession, touchSession } from '../modules/auth/sessions.repository.ts';
import type { AuditContext } from '../modules/audit/audit.repository.ts';

export const SESSION_COOKIE = 'yz_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who may call a route. Default for /api is 'user'.
 * - public: anyone
 * - pending: a signed-in user, even one who must still change the password
 * - user: a signed-in user with a settled password
 */
export type RouteAccess = 'public' | 'pending' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('sessionId', null);
    app.decorateRequest('csrfToken', null);

    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const row = await findActiveSession(app.db, token);
      if (!row) return;
      request.sessionId = row.session_id;
      request.csrfToken = row.csrf_token;
      request.actor = toActor(row);
      if (Date.now() - row.last_seen_at.getTime() > 60_000) {
        await touchSession(app.db, row.session_id, app.config.sessionTtlMs);
      }
    });

    // Runs after routing, so route config is known.
    app.addHook('preHandler', async (request) => {
      if (!request.url.startsWith('/api/') || request.is404) return;
      // The API documentation pages (registered by @fastify/swagger-ui) are public.
      const access: RouteAccess = request.routeOptions.url?.startsWith('/api/docs')
        ? 'public'
        : (request.routeOptions.config.access ?? 'user');
      // Double-submit CSRF token bound to the session; login (no session yet) is exempt,
      // and accepts JSON only, which a cross-site form cannot send.
      if (request.sessionId && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
        throw new AppError('csrf_invalid');
      }
      if (access === 'public') return;
      if (!request.actor) throw new AppError('unauthenticated');
      if (access === 'user' && request.actor.mustChangePassword) throw new AppError('password_change_required');
    });
  },
  { name: 'auth', dependencies: ['db'] },
);

export function toActor(row: {
  id: number;
  username: string;
  display_name: string;
  unit_id: number | null;
  must_change_password: boolean;
  roles: readonly string[];
}): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    roles: new Set(row.roles as Role[]),
    mustChangePassword: row.must_change_password,
  };
}

/** The signed-in user of a route whose access is not 'public'. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

export function auditContext(request: FastifyRequest): AuditContext {
  return { actorId: request.actor?.id ?? null, ip: request.ip };
}
