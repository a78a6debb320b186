import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestApp } from '../test/test-app.ts';
import { seedStudent, sensitiveValuesOf } from '../modules/students/test-fixtures.ts';
import { keyFileOf, Keyring, loadKeyring, newKeyEntry, parseKeys } from './keyring.ts';
import { maskAddress, maskBankCard, maskBirthDate, maskIdNumber, maskPhone } from './masking.ts';
import { resealStaleValues } from './rotate.ts';
import { openSensitive, sealSensitive } from './sensitive-columns.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yz-keys-'));
  dirs.push(dir);
  return dir;
};

describe('the keyring', () => {
  const keyring = new Keyring(parseKeys(newKeyEntry('k1')));

  it('seals a value so that only the same field opens it, and tampering is detected', () => {
    const sealed = keyring.seal('students.id_number', '320102200603150016');
    expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('320102');
    expect(keyring.seal('students.id_number', '320102200603150016')).not.toBe(sealed);
    expect(keyring.open('students.id_number', sealed)).toBe('320102200603150016');
    expect(() => keyring.open('students.phone', sealed)).toThrow();
    const raw = Buffer.from(sealed.split(':')[2]!, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => keyring.open('students.id_number', `v1:k1:${raw.toString('base64url')}`)).toThrow();
    expect(() => new Keyring(parseKeys(newKeyEntry('k9'))).open('students.id_number', sealed)).toThrow(/k1/);
  });

  it('is generated once into the data directory, readable by its owner only', async () => {
    const dataDir = await tempDir();
    const first = await loadKeyring({ piiKeys: null, dataDir });
    const file = keyFileOf(dataDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await loadKeyring({ piiKeys: null, dataDir });
    expect(again.open('f', first.seal('f', '家庭住址'))).toBe('家庭住址');
    const configured = await loadKeyring({ piiKeys: `k7:${Buffer.alloc(32, 7).toString('base64')}`, dataDir });
    expect(configured.currentId).toBe('k7');
  });
});

describe('masks', () => {
  it('keep only what official lists show', () => {
    expect(maskIdNumber('32010220060315001X')).toBe('3201**********001X');
    expect(maskPhone('139 1234 5678')).toBe('139****5678');
    expect(maskBankCard('6222021234567890123')).toBe('6222***********0123');
    expect(maskBirthDate('2006-03-15')).toBe('2006-**-**');
    expect(maskAddress('江苏省南京市秦淮区中山南路100号')).toBe('江苏省南京市****');
    expect(maskAddress('南京')).toBe('南****');
  });
});

describe('key rotation', () => {
  it('re-seals every value under the new key; the old key is no longer needed', async () => {
    const t = await createTestApp();
    try {
      const unit = await t.unit();
      const students = [await seedStudent(t, unit), await seedStudent(t, unit)];
      const oldSpec = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
      const rotatedKey = Buffer.alloc(32, 2).toString('base64');
      const rotated = new Keyring(parseKeys(`k2:${rotatedKey},${oldSpec}`));
      // The test app's keyring is a generated k1; put the rows under a known old key first.
      const old = new Keyring(parseKeys(oldSpec));
      for (const s of students) await t.db.updateTable('students').set(sealSensitive(old, s.sensitive)).where('id', '=', s.id).execute();
      const moved = await resealStaleValues(t.db, rotated, 1);
      expect(moved).toMatchObject({ students: 10 });
      expect(Object.values(await resealStaleValues(t.db, rotated)).every((n) => n === 0)).toBe(true);
      const rows = await t.db.selectFrom('students').select(['id', 'id_number_sealed', 'address_sealed']).orderBy('id').execute();
      for (const [i, row] of rows.entries()) {
        expect(row.id_number_sealed).toMatch(/^v1:k2:/);
        // Without k1 in the ring, everything still opens.
        const withoutOld = new Keyring(parseKeys(`k2:${rotatedKey}`));
        expect(openSensitive(withoutOld, 'address', row.address_sealed)).toBe(students[i]!.sensitive.address);
      }
    } finally {
      await t.close();
    }
  });

  it('`npm run keys:rotate -- --new-key` moves the embedded database to a new key and drops the old one', async () => {
    const dataDir = await tempDir();
    const keyring = await loadKeyring({ piiKeys: null, dataDir });
    const handle = await openPglite({ dataDir: path.join(dataDir, 'pgdata') });
    await migrateToLatest(handle.db);
    const unitId = (
      await handle.db
        .insertInto('units')
        .values({ code: 'R1', name: '轮换分院', kind: 'branch', city: '南京', address: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const values = sensitiveValuesOf(5);
    await handle.db
      .insertInto('students')
      .values({
        unit_id: unitId,
        student_no: '1',
        name: '甲',
        programme: '五年制高职',
        grade: 4,
        ...sealSensitive(keyring, values),
        created_by: null,
        updated_by: null,
      })
      .execute();
    await handle.close();

    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.PII_KEYS;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/rotate-keys.ts', '--new-key'], { env });
    expect(stdout).toContain('已用密钥 k2 重新加密');
    const file = (await readFile(keyFileOf(dataDir), 'utf8')).trim();
    expect(parseKeys(file).map(([id]) => id)).toEqual(['k2']);

    const after = await openPglite({ dataDir: path.join(dataDir, 'pgdata') });
    const row = await after.db.selectFrom('students').selectAll().executeTakeFirstOrThrow();
    await after.close();
    const now = await loadKeyring({ piiKeys: null, dataDir });
    expect(row.bank_card_sealed).toMatch(/^v1:k2:/);
    expect(openSensitive(now, 'bankCard', row.bank_card_sealed)).toBe(values.bankCard);
    expect(openSensitive(now, 'idNumber', row.id_number_sealed)).toBe(values.idNumber);
  }, 60_000);
});
