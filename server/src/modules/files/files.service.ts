import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { fileTypeFromBuffer, fileTypeFromStream, type FileTypeResult } from 'file-type';
import { fileKindLabels, type FileKind } from '../../../../contracts/form-template.ts';
import type { StoredFileDto } from '../../../../contracts/submissions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { newStorageKey } from '../../storage/local-disk-storage.ts';
import { deleteStoredFileRow, insertStoredFile, type StoredFileRow } from './files.repository.ts';

export interface UploadRules {
  accept: readonly FileKind[];
  maxBytes: number;
  unitId: number | null;
  uploadedBy: number;
}

/** Enough of the start of a file for file-type to decide (OOXML needs its first zip entries). */
const HEAD_BYTES = 64 * 1024;
const MB = 1024 * 1024;

const kindByExtension: Record<string, FileKind> = {
  docx: 'docx',
  pdf: 'pdf',
  xlsx: 'xlsx',
  jpg: 'jpg',
  png: 'png',
  mp4: 'mp4',
  m4v: 'mp4',
  zip: 'zip',
};

export function fileKindOf(extension: string | undefined): FileKind | null {
  return (extension && kindByExtension[extension]) || null;
}

/** The limits to pass to request.file() so busboy stops one byte past the slot's limit. */
export function multipartLimits(maxBytes: number) {
  return { limits: { fileSize: maxBytes + 1 } };
}

export function fileTooLarge(maxBytes: number): AppError {
  const maxMB = Math.round((maxBytes / MB) * 100) / 100;
  const limit = maxBytes >= MB ? `${Math.round((maxBytes / MB) * 10) / 10} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new AppError('file_too_large', {
    message: `文件超过大小限制(最大 ${limit}),请压缩后重新上传。`,
    details: { maxBytes, maxMB },
  });
}

export function fileTypeNotAllowed(accept: readonly FileKind[]): AppError {
  const labels = accept.map((k) => fileKindLabels[k]);
  return new AppError('file_type_not_allowed', {
    message: `文件类型不符合要求,此处只接受:${labels.join('、')}。系统按文件内容识别类型,改扩展名无效。`,
    details: { accept },
  });
}

/** A file name fit to show and to download under: no path, no control characters, bounded length. */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return '未命名文件';
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - ext.length) + ext;
}

/**
 * Streams one uploaded file into storage and records it: hashes (SHA-256) and
 * counts bytes on the way, stops at `maxBytes`, decides the type from the
 * content (never the name or the browser's claim) and refuses kinds outside
 * `accept`. Nothing is left behind on any failure, including a dropped
 * connection. The caller passes `multipartLimits(maxBytes)` to request.file().
 */
export async function storeUpload(app: FastifyInstance, part: MultipartFile, rules: UploadRules, db: DbOrTrx = app.db) {
  const source = part.file;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const hash = createHash('sha256');
  let size = 0;
  const readChunk = async (): Promise<Buffer | null> => {
    let result: IteratorResult<Buffer>;
    try {
      result = await iterator.next();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(rules.maxBytes);
      throw new AppError('upload_interrupted');
    }
    if (result.done) {
      if (source.truncated) throw fileTooLarge(rules.maxBytes);
      return null;
    }
    size += result.value.length;
    if (size > rules.maxBytes) throw fileTooLarge(rules.maxBytes);
    hash.update(result.value);
    return result.value;
  };
  // Reads and drops the rest of the part, so the client gets the refusal rather than a reset connection.
  const abandon = async () => {
    try {
      for (;;) if ((await iterator.next()).done) return;
    } catch {
      // the client went away: nothing to drain
    }
  };

  // 1. Read the head and decide the type before anything is written.
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  try {
    while (headSize < HEAD_BYTES) {
      const chunk = await readChunk();
      if (!chunk) {
        ended = true;
        break;
      }
      head.push(chunk);
      headSize += chunk.length;
    }
  } catch (error) {
    await abandon();
    throw error;
  }
  if (size === 0) throw new AppError('file_required');
  const headBuffer = Buffer.concat(head);
  let type: FileTypeResult | undefined = await fileTypeFromBuffer(headBuffer);
  // A zip whose OOXML parts lie beyond the head is decided again from the whole stored file.
  const decideLater = type?.ext === 'zip' && !ended && rules.accept.some((k) => k === 'docx' || k === 'xlsx');
  const headKind = fileKindOf(type?.ext);
  if (!decideLater && (!headKind || !rules.accept.includes(headKind))) {
    await abandon();
    throw fileTypeNotAllowed(rules.accept);
  }

  // 2. Stream head + rest into storage; the store keeps nothing unless the stream completes.
  const key = newStorageKey(decideLater ? '' : (type?.ext ?? ''));
  async function* body() {
    yield headBuffer;
    for (;;) {
      const chunk = await readChunk();
      if (!chunk) return;
      yield chunk;
    }
  }
  try {
    await app.storage.put(key, Readable.from(body(), { objectMode: false }));
  } catch (error) {
    await abandon();
    throw error instanceof AppError ? error : new AppError('upload_interrupted');
  }

  try {
    if (decideLater) type = await fileTypeFromStream(Readable.toWeb(app.storage.createReadStream(key)) as ReadableStream<Uint8Array>);
    const kind = fileKindOf(type?.ext);
    if (!type || !kind || !rules.accept.includes(kind)) throw fileTypeNotAllowed(rules.accept);
    return await insertStoredFile(db, {
      storageKey: key,
      originalName: sanitizeFileName(part.filename),
      mimeType: type.mime,
      extension: type.ext === 'm4v' ? 'mp4' : type.ext,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      unitId: rules.unitId,
      uploadedBy: rules.uploadedBy,
    });
  } catch (error) {
    await app.storage.delete(key);
    throw error;
  }
}

/** Removes a stored file that nothing refers to any more: the row and its bytes. */
export async function discardStoredFile(app: FastifyInstance, db: DbOrTrx, file: { id: number; storage_key: string }): Promise<void> {
  await deleteStoredFileRow(db, file.id);
  await app.storage.delete(file.storage_key);
}

export function presentStoredFile(row: StoredFileRow): StoredFileDto {
  return {
    id: row.id,
    name: row.original_name,
    kind: fileKindOf(row.extension),
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedAt: row.created_at.toISOString(),
    url: `/api/files/${row.id}`,
  };
}
