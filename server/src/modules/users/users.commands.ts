import type { Role } from '../../../../contracts/roles.ts';
import { isUnitBound } from '../../../../contracts/roles.ts';
import type { CreateUserInput, UpdateUserInput } from '../../../../contracts/users.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotCreateUser,
  whyNotDisableUser,
  whyNotEnableUser,
  whyNotListUsers,
  whyNotResetPassword,
  whyNotUpdateUser,
} from '../../policies/user-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { generateTemporaryPassword, hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import { findUnitById } from '../units/units.repository.ts';
import { userTarget } from './users.presenter.ts';
import { findUserById, insertUser, setUserRoles, updateUser, type UserListRow } from './users.repository.ts';

const uniqueReasons = { users_username_key: 'username_taken', users_email_key: 'email_taken', users_phone_key: 'phone_taken' } as const;

async function checkUnitForRoles(db: DbOrTrx, unitId: number | null | undefined, roles: readonly Role[]): Promise<void> {
  if (unitId) found(await findUnitById(db, unitId));
  if (!unitId && roles.some(isUnitBound)) throw new AppError('unit_required_for_role');
}

/** Loads the target only for those who may see users at all: others do not learn which ids exist. */
async function loadTarget(db: DbOrTrx, actor: Actor, id: number): Promise<UserListRow> {
  ensure(whyNotListUsers(actor));
  return found(await findUserById(db, id));
}

const snapshot = (row: UserListRow) => ({
  displayName: row.display_name,
  email: row.email,
  phone: row.phone,
  unitId: row.unit_id,
  roles: row.roles,
});

/** Creates an account with a one-time password the user must change at first login. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, audit: AuditContext) {
  ensure(whyNotCreateUser(actor));
  await checkUnitForRoles(db, input.unitId, input.roles);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertUser(
        trx,
        {
          username: input.username,
          display_name: input.displayName,
          email: input.email ?? null,
          phone: input.phone ?? null,
          unit_id: input.unitId ?? null,
          password_hash: passwordHash,
          must_change_password: true,
        },
        input.roles,
      );
      await recordAudit(trx, audit, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        summary: { after: { username: input.username, displayName: input.displayName, unitId: input.unitId ?? null, roles: input.roles } },
      });
      return id;
    });
    return { row: found(await findUserById(db, id)), temporaryPassword };
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
}

export async function updateUserProfile(db: Db, actor: Actor, id: number, input: UpdateUserInput, audit: AuditContext) {
  const before = await loadTarget(db, actor, id);
  ensure(whyNotUpdateUser(actor, userTarget(before), input));
  const roles = input.roles ?? before.roles;
  const unitId = input.unitId === undefined ? before.unit_id : input.unitId;
  await checkUnitForRoles(db, unitId, roles);
  try {
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, id, {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
      });
      if (input.roles) await setUserRoles(trx, id, input.roles);
      const after = found(await findUserById(trx, id));
      await recordAudit(trx, audit, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        summary: { before: snapshot(before), after: snapshot(after) },
      });
    });
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
  return found(await findUserById(db, id));
}

/** Disabling also ends every session of the user at once. */
export async function disableUser(db: Db, actor: Actor, id: number, audit: AuditContext) {
  const target = await loadTarget(db, actor, id);
  ensure(whyNotDisableUser(actor, userTarget(target)));
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { disabled_at: new Date() });
    await deleteUserSessions(trx, id);
    await recordAudit(trx, audit, {
      action: 'user.disabled',
      entityType: 'user',
      entityId: id,
      summary: { before: { status: 'active' }, after: { status: 'disabled' } },
    });
  });
  return found(await findUserById(db, id));
}

export async function enableUser(db: Db, actor: Actor, id: number, audit: AuditContext) {
  const target = await loadTarget(db, actor, id);
  ensure(whyNotEnableUser(actor, userTarget(target)));
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { disabled_at: null, failed_login_count: 0, locked_until: null });
    await recordAudit(trx, audit, {
      action: 'user.enabled',
      entityType: 'user',
      entityId: id,
      summary: { before: { status: 'disabled' }, after: { status: 'active' } },
    });
  });
  return found(await findUserById(db, id));
}

/** A new one-time password; the user must change it at next login, and is signed out everywhere. */
export async function resetUserPassword(db: Db, actor: Actor, id: number, audit: AuditContext) {
  const target = await loadTarget(db, actor, id);
  ensure(whyNotResetPassword(actor, userTarget(target)));
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { password_hash: passwordHash, must_change_password: true, failed_login_count: 0, locked_until: null });
    await deleteUserSessions(trx, id);
    await recordAudit(trx, audit, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      summary: { after: { mustChangePassword: true }, note: '旧密码失效,已登出所有会话' },
    });
  });
  return { row: found(await findUserById(db, id)), temporaryPassword };
}
