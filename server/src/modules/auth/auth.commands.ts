import type { ChangePasswordInput, LoginInput } from '../../../../contracts/auth.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { findPasswordHash, findUserForLogin, updateUser } from '../users/users.repository.ts';
import { burnVerify, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, deleteSession, deleteUserSessions } from './sessions.repository.ts';

export async function login(
  db: Db,
  config: Config,
  input: LoginInput,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ userId: number; token: string; csrfToken: string }> {
  const user = await findUserForLogin(db, input.login);
  if (!user) {
    await burnVerify(input.password);
    throw new AppError('invalid_credentials');
  }
  const audit: AuditContext = { actorId: user.id, ip: client.ip };
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError('account_locked', { details: { unlockAt: user.locked_until.toISOString() } });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_login_count + 1;
    const lock = failures >= config.lockout.threshold;
    const lockedUntil = new Date(Date.now() + config.lockout.minutes * 60_000);
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, lock ? { failed_login_count: 0, locked_until: lockedUntil } : { failed_login_count: failures });
      await recordAudit(trx, audit, {
        action: lock ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        summary: { after: { failures } },
      });
    });
    if (lock) throw new AppError('account_locked', { details: { unlockAt: lockedUntil.toISOString() } });
    throw new AppError('invalid_credentials');
  }
  if (user.disabled_at) throw new AppError('account_disabled');
  return db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_login_count: 0, locked_until: null, last_login_at: new Date() });
    const session = await createSession(trx, { userId: user.id, ttlMs: config.sessionTtlMs, ip: client.ip, userAgent: client.userAgent });
    await recordAudit(trx, audit, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { userId: user.id, ...session };
  });
}

export async function logout(db: Db, sessionId: string, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await recordAudit(trx, audit, { action: 'auth.logout', entityType: 'user', entityId: audit.actorId });
  });
}

/** Changes the password and ends the user's other sessions. */
export async function changePassword(
  db: Db,
  userId: number,
  sessionId: string,
  input: ChangePasswordInput,
  audit: AuditContext,
): Promise<void> {
  const row = await findPasswordHash(db, userId);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) throw new AppError('wrong_current_password');
  if (input.currentPassword === input.newPassword) throw new AppError('password_reused');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash: passwordHash, must_change_password: false, password_changed_at: new Date() });
    await deleteUserSessions(trx, userId, sessionId);
    await recordAudit(trx, audit, { action: 'auth.password_changed', entityType: 'user', entityId: userId });
  });
}
