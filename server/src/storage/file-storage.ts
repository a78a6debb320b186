import type { Readable } from 'node:stream';

/**
 * Where uploaded files' bytes live. The database keeps the facts (stored_files:
 * original name, type, size, SHA-256); the store keeps only bytes under keys the
 * application generated. Local disk is the default; an S3-compatible store can
 * implement the same four verbs (see docs/decisions/006-file-storage.md).
 */
export interface FileStorage {
  /**
   * Stores the stream under `key`. All or nothing: if the stream fails or is
   * destroyed part-way, nothing is left under `key` and the promise rejects.
   */
  put(key: string, stream: Readable): Promise<void>;
  /** Rejects (ENOENT-like) on read when the key does not exist. */
  createReadStream(key: string): Readable;
  /** Removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Keys are generated, never taken from user input: `yyyy/mm/<random>.<ext>`. */
export const STORAGE_KEY_PATTERN = /^\d{4}\/\d{2}\/[a-f0-9]{32}(\.[a-z0-9]{1,8})?$/;
