import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createFirstAdmin } from '../modules/users/first-admin.ts';
import { countUsers } from '../modules/users/users.repository.ts';
import { loadKeyring } from '../privacy/keyring.ts';
import { seedDemoData } from './demo-data.ts';
import { seedDemoStudents } from './demo-students.ts';

/**
 * On an empty database: demo data in demo mode, otherwise the first admin from
 * ADMIN_USERNAME/ADMIN_PASSWORD if given. Never a default password in production.
 */
export async function prepareInitialData(db: Db, config: Config, log: FastifyBaseLogger): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  if (config.demoData) {
    const keyring = await loadKeyring(config);
    await db.transaction().execute(async (trx) => {
      await seedDemoData(trx);
      await seedDemoStudents(trx, keyring);
    });
    log.info('已写入演示数据 (demo data seeded)');
  } else if (config.bootstrapAdmin) {
    await createFirstAdmin(db, config.bootstrapAdmin);
    log.info({ username: config.bootstrapAdmin.username }, '已创建首个学院管理员 (first admin created)');
  } else {
    log.warn('数据库中没有任何用户:请运行 npm run admin:create 创建首个学院管理员 (no users: run npm run admin:create)');
  }
}
