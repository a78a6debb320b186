import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { createFirstAdmin } from '../modules/users/first-admin.ts';

// npm run admin:create -- --username NAME [--name 姓名] [--email E]   (password from ADMIN_PASSWORD or prompted)
const { values } = parseArgs({
  options: { username: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
});
// The bootstrap variables are this command's input, not server configuration.
const config = loadConfig({ ...process.env, ADMIN_USERNAME: undefined, ADMIN_PASSWORD: undefined });
const rl = createInterface({ input: process.stdin, output: process.stdout });
const username = values.username ?? (await rl.question('用户名 (username): ')).trim();
const password = process.env.ADMIN_PASSWORD ?? (await rl.question('密码 (password, ≥10 位,含字母和数字): '));
rl.close();

const handle = await openDatabase(config);
try {
  await migrateToLatest(handle.db);
  const id = await createFirstAdmin(handle.db, {
    username,
    password,
    displayName: values.name ?? '学院管理员',
    email: values.email ?? null,
  });
  console.log(`已创建学院管理员 ${username} (id ${id})`);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`创建失败: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await handle.close();
}
