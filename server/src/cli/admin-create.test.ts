import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../test/test-app.ts';
import { prepareInitialData } from '../demo/initial-data.ts';
import { openPglite } from '../db/database.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the first admin of a production database', () => {
  it('is created by `npm run admin:create` with a chosen password, and can log in at once', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yz-cli-'));
    dirs.push(dataDir);
    const env = { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: 'Chosen-passw0rd', DATABASE_URL: '' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/admin-create.ts', '--username', 'chief', '--name', '钱处长'],
      { env },
    );
    expect(stdout).toContain('已创建学院管理员 chief');

    const weak = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/admin-create.ts', '--username', 'weak'], {
      env: { ...env, ADMIN_PASSWORD: 'short' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(weak).toMatchObject({ code: 1 });
    expect((weak as { stderr: string }).stderr).toContain('新密码至少 10 位');

    const handle = await openPglite({ dataDir: path.join(dataDir, 'pgdata') });
    const users = await handle.db.selectFrom('users').select(['username', 'display_name', 'must_change_password']).execute();
    await handle.close();
    expect(users).toEqual([{ username: 'chief', display_name: '钱处长', must_change_password: false }]);
  }, 60_000);

  it('comes from ADMIN_USERNAME/ADMIN_PASSWORD on an empty non-demo database, and there is no demo account', async () => {
    const t = await createTestApp({
      demoData: false,
      bootstrapAdmin: { username: 'boot', password: 'Boot-passw0rd', displayName: '首任管理员', email: null },
    });
    try {
      await prepareInitialData(t.db, t.config, t.app.log);
      const admin = await t.login('boot', 'Boot-passw0rd');
      expect((await admin.get('/api/auth/me')).json().user.roles).toEqual(['institute_admin']);
      await expect(t.login('admin', 'Yongzhu2024')).rejects.toThrow(/401/);
    } finally {
      await t.close();
    }
  });
});
