import type { Db } from '../../db/database.ts';
import { AppError, uniqueViolation } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser } from './users.repository.ts';
import { passwordRule } from '../../../../contracts/auth.ts';

/** The bootstrap path (CLI or environment): an institute admin with a chosen password. */
export async function createFirstAdmin(
  db: Db,
  input: { username: string; password: string; displayName: string; email: string | null },
): Promise<number> {
  const check = passwordRule.safeParse(input.password);
  if (!check.success) throw new AppError('weak_password');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertUser(
        trx,
        {
          username: input.username,
          display_name: input.displayName,
          email: input.email,
          phone: null,
          unit_id: null,
          password_hash: passwordHash,
          password_changed_at: new Date(),
        },
        ['institute_admin'],
      );
      await recordAudit(
        trx,
        { actorId: null, ip: null },
        {
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          summary: { after: { username: input.username, roles: ['institute_admin'] }, note: '命令行创建管理员' },
        },
      );
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, { users_username_key: 'username_taken', users_email_key: 'email_taken' }) ?? error;
  }
}
