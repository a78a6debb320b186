import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { keyFileOf, loadKeyring, newKeyEntry, parseKeys } from '../privacy/keyring.ts';
import { resealStaleValues } from '../privacy/rotate.ts';

/**
 * `npm run keys:rotate`: re-seals students' sensitive fields under the current key.
 * - With PII_KEYS: put the new key first (PII_KEYS=k2:<new>,k1:<old>), run this, then drop k1.
 * - With the generated key file: `npm run keys:rotate -- --new-key` adds a new key in front,
 *   re-seals everything and then removes the old keys from the file.
 * See docs/decisions/008-student-privacy.md.
 */
const config = loadConfig();
const addKey = process.argv.includes('--new-key');
if (addKey && config.piiKeys) {
  console.error('PII_KEYS 已设置:请把新密钥放在 PII_KEYS 的最前面后再运行,不要使用 --new-key。');
  process.exit(2);
}
const file = keyFileOf(config.dataDir);
if (addKey) {
  const old = (await readFile(file, 'utf8')).trim();
  const ids = parseKeys(old).map(([id]) => id);
  let n = ids.length + 1;
  while (ids.includes(`k${n}`)) n += 1;
  await writeFile(file, `${newKeyEntry(`k${n}`)},${old}\n`, { mode: 0o600 });
}
const keyring = await loadKeyring(config);
const handle = await openDatabase(config);
try {
  await migrateToLatest(handle.db);
  const moved = await resealStaleValues(handle.db, keyring);
  console.log(`已用密钥 ${keyring.currentId} 重新加密 (re-sealed): ${JSON.stringify(moved)}`);
  if (addKey) {
    const spec = (await readFile(file, 'utf8')).trim().split(',')[0]!;
    await writeFile(file, `${spec}\n`, { mode: 0o600 });
    console.log('旧密钥已从密钥文件中移除 (old keys removed from the key file)');
  }
} finally {
  await handle.close();
}
