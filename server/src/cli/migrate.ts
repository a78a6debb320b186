import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

const config = loadConfig();
const handle = await openDatabase(config);
try {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `已执行迁移 (applied): ${applied.join(', ')}` : '数据库已是最新 (up to date)');
} finally {
  await handle.close();
}
