import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for students' sensitive fields. A sealed value is
 * `v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`; the field name is the
 * additional authenticated data, so a value copied into another column does
 * not open. The first key seals; every key opens, which is what lets
 * `npm run keys:rotate` move old values to a new key (decision 008).
 */
export class Keyring {
  private readonly keys: Map<string, Buffer>;
  readonly currentId: string;

  constructor(entries: [id: string, key: Buffer][]) {
    if (entries.length === 0) throw new Error('keyring needs at least one key');
    for (const [id, key] of entries) if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes`);
    this.keys = new Map(entries);
    this.currentId = entries[0]![0];
  }

  seal(field: string, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(field: string, sealed: string): string {
    const [version, id, payload] = sealed.split(':');
    const key = id === undefined ? undefined : this.keys.get(id);
    if (version !== VERSION || !key || !payload) throw new Error(`cannot open a ${field} value sealed with key "${id}"`);
    const raw = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** True when a sealed value is under an older key (rotation moves it). */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.currentId;
  }
}

export function parseKeys(spec: string): [string, Buffer][] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, key] = entry.split(':');
      return [id!, Buffer.from(key!, 'base64')];
    });
}

export function newKeyEntry(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** Where the embedded default keeps its generated key (outside the database, beside it). */
export function keyFileOf(dataDir: string): string {
  return path.join(dataDir, 'keys', 'pii-keys');
}

/** PII_KEYS when set; otherwise the data directory's key file, created (0600) on first start. */
export async function loadKeyring(config: Pick<Config, 'piiKeys' | 'dataDir'>): Promise<Keyring> {
  if (config.piiKeys) return new Keyring(parseKeys(config.piiKeys));
  const file = keyFileOf(config.dataDir);
  let spec: string;
  try {
    spec = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    spec = newKeyEntry('k1');
    await writeFile(file, `${spec}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600);
  }
  return new Keyring(parseKeys(spec));
}
