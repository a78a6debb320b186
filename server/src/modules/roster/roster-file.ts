import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { newStorageKey } from '../../storage/local-disk-storage.ts';

/**
 * An uploaded roster is a spreadsheet full of ID numbers: it is stored
 * encrypted (AES-256-GCM under a key of its own, that key sealed with the PII
 * keyring in the import's row) and deleted when the import ends or after a
 * day without one. The columns' additional authenticated data are listed in
 * privacy/sensitive-columns.ts for key rotation.
 */
export const FILE_SECRET_AAD = 'roster_imports.file_secret';
export const HEAD_AAD = 'roster_imports.head';

interface FileSecret {
  k: string;
  iv: string;
  tag: string;
}

export async function storeEncrypted(app: FastifyInstance, file: Buffer): Promise<{ storageKey: string; secretSealed: string }> {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(file), cipher.final()]);
  const secret: FileSecret = { k: key.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  const storageKey = newStorageKey('enc');
  await app.storage.put(storageKey, Readable.from([body]));
  return { storageKey, secretSealed: app.keyring.seal(FILE_SECRET_AAD, JSON.stringify(secret)) };
}

/**
 * The plain file, in memory that can be handed to the reading worker without
 * a copy (its ArrayBuffer is transferable).
 */
export async function readDecrypted(app: FastifyInstance, storageKey: string, secretSealed: string, size: number): Promise<Uint8Array> {
  const secret = JSON.parse(app.keyring.open(FILE_SECRET_AAD, secretSealed)) as FileSecret;
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(secret.k, 'base64'), Buffer.from(secret.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(secret.tag, 'base64'));
  const out = new Uint8Array(size);
  let at = 0;
  const put = (chunk: Buffer) => {
    if (at + chunk.length > size) throw new AppError('roster_file_unreadable');
    out.set(chunk, at);
    at += chunk.length;
  };
  try {
    for await (const chunk of app.storage.createReadStream(storageKey) as AsyncIterable<Buffer>) put(decipher.update(chunk));
    put(decipher.final());
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('roster_file_unreadable');
  }
  if (at !== size) throw new AppError('roster_file_unreadable');
  return out;
}
