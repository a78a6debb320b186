import { on } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import type { ReasonCode } from '../../../../contracts/reasons.ts';
import type { RosterMapping } from '../../../../contracts/roster.ts';
import { sensitiveFields, type SensitiveField } from '../../../../contracts/students.ts';
import { AppError } from '../../errors.ts';
import type { Keyring } from '../../privacy/keyring.ts';
import { openSensitive, sealSensitive, sensitiveColumn, type SealedColumns } from '../../privacy/sensitive-columns.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { readDecrypted } from './roster-file.ts';
import type { CheckedRow, WorkerJob, WorkerMessage } from './roster-import.worker.ts';
import type { ImportedStudent, RowContext } from './roster-rows.ts';
import {
  addBatchCounts,
  findStudentsByNumbers,
  insertImportErrors,
  updateRosterImport,
  upsertStudents,
  type ExistingStudentRow,
  type ImportedStudentRow,
} from './roster.repository.ts';

/** Rows per batch: one statement of ~28 columns each stays well under PostgreSQL's 65 535 parameters. */
export const BATCH_SIZE = 1000;
/** The error report keeps this many row errors; the counts stay exact beyond it. */
export const MAX_KEPT_ERRORS = 50_000;
/** The worker's heap: a 200 000-row roster needs ~20 MB live (shared strings are kept compact); the rest is headroom, and a bound on a hostile file. */
const WORKER_HEAP_MB = 128;

/** tsx's ESM API (its CommonJS build cannot register the loader in a worker). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}

/**
 * Starts the reading worker. Workers do not inherit the TypeScript loader the
 * server runs under, so the worker registers tsx itself before importing.
 */
export function startWorker(job: WorkerJob, transfer: ArrayBuffer[] = []): Worker {
  const url = new URL('./roster-import.worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, {
    eval: true,
    workerData: job,
    transferList: transfer,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
    // The worker needs none of the server's flags (a debugger port, the loader: it registers its own).
    execArgv: [],
  });
}

function failureOf(error: unknown): ReasonCode {
  if (error instanceof AppError) return error.code;
  if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'roster_file_too_complex';
  return 'internal_error';
}

/** Reads the first rows, the merged ranges and the row count of an uploaded file, off the main thread. */
export async function readHead(file: Buffer, maxRows: number): Promise<Extract<WorkerMessage, { type: 'head' }>> {
  const worker = startWorker({ mode: 'head', file: new Uint8Array(file), maxRows });
  try {
    for await (const [message] of on(worker, 'message') as AsyncIterable<[WorkerMessage]>) {
      if (message.type === 'head') return message;
      if (message.type === 'failed') throw new AppError(message.code);
    }
    throw new AppError('roster_file_unreadable');
  } catch (error) {
    throw new AppError(failureOf(error));
  } finally {
    await worker.terminate();
  }
}

// ---- writing one batch --------------------------------------------------------------

const plainColumnOf = {
  gender: 'gender',
  department: 'department',
  schooling: 'schooling',
  className: 'class_name',
  origin: 'origin',
  hukouCity: 'hukou_city',
} as const satisfies Partial<Record<keyof ImportedStudent, keyof ExistingStudentRow>>;

/**
 * The row to write for one student, or null when the roster already holds
 * exactly what the file says (a re-import changes nothing). Values the file
 * leaves empty keep what the roster has; sensitive fields are written only
 * when new or changed, so an unchanged ID number keeps its ciphertext.
 * `presealed` are the worker's sealed columns (trusted once checked), else
 * this thread seals.
 */
function rowToWrite(keyring: Keyring, row: CheckedRow, presealed: SealedColumns | null, prev: ExistingStudentRow | undefined) {
  const s = row.student;
  const base: ImportedStudentRow = { student_no: s.studentNo, name: s.name, programme: s.programme, grade: s.grade };
  let changed = !prev || prev.name !== s.name || prev.programme !== s.programme || prev.grade !== s.grade;
  for (const [field, column] of Object.entries(plainColumnOf) as [
    keyof typeof plainColumnOf,
    (typeof plainColumnOf)[keyof typeof plainColumnOf],
  ][]) {
    const value = s[field];
    if (value === null) continue;
    (base as Record<string, unknown>)[column] = value;
    if (!prev || prev[column] !== value) changed = true;
  }
  const toSeal: Partial<Record<SensitiveField, string>> = {};
  const sealed: SealedColumns = {};
  for (const field of sensitiveFields) {
    const value = s[field];
    if (value === null) continue;
    const stem = sensitiveColumn[field];
    if (prev && openSensitive(keyring, field, prev[`${stem}_sealed`] ?? null) === value) continue;
    if (presealed?.[`${stem}_sealed`]) {
      sealed[`${stem}_sealed`] = presealed[`${stem}_sealed`];
      sealed[`${stem}_masked`] = presealed[`${stem}_masked`];
    } else toSeal[field] = value;
  }
  if (Object.keys(sealed).length || Object.keys(toSeal).length) changed = true;
  return changed ? { ...base, ...sealed, ...sealSensitive(keyring, toSeal) } : null;
}

/**
 * The worker seals with the keys it read itself; its work is used only if a
 * value it sealed is under this server's current key and opens to the
 * plain value (otherwise — another key file, a key given to the app in code —
 * this thread seals everything).
 */
function workerSealsRight(keyring: Keyring, rows: readonly CheckedRow[]): boolean | null {
  for (const row of rows) {
    for (const field of sensitiveFields) {
      const value = row.student[field];
      const sealed = row.sealed?.[`${sensitiveColumn[field]}_sealed`];
      if (value === null) continue;
      if (!sealed || keyring.isStale(sealed)) return false;
      try {
        return openSensitive(keyring, field, sealed) === value;
      } catch {
        return false;
      }
    }
  }
  return null;
}

export interface RunContext {
  importId: number;
  unitId: number;
  actorId: number;
  audit: AuditContext;
  fileName: string;
  storageKey: string;
  secretSealed: string;
  fileSize: number;
  headerRow: number;
  mapping: RosterMapping;
  headers: [number, string][];
  merges: string[];
  context: RowContext;
}

/**
 * Runs imports in this process: one worker per import reads and checks, the
 * main thread seals and writes batch by batch, each batch in its own
 * transaction with the import's counts, so the progress the web polls is what
 * is really in the database — and a crash loses nothing written before it.
 */
export class RosterImportRunner {
  private readonly running = new Map<number, { stop: AbortController; done: Promise<void> }>();

  constructor(private readonly app: FastifyInstance) {}

  isRunning(importId: number): boolean {
    return this.running.has(importId);
  }

  start(run: RunContext): void {
    const stop = new AbortController();
    const done = this.execute(run, stop.signal)
      .catch((error: unknown) => this.app.log.error({ err: error, importId: run.importId }, 'roster import failed'))
      .finally(() => this.running.delete(run.importId));
    this.running.set(run.importId, { stop, done });
  }

  /** On shutdown: stop after the current batch and record the import as interrupted. */
  async close(): Promise<void> {
    for (const { stop } of this.running.values()) stop.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private async execute(run: RunContext, signal: AbortSignal): Promise<void> {
    const { app } = this;
    let worker: Worker | null = null;
    let keptErrors = 0;
    let trustWorker: boolean | null = null;
    let outcome: { status: 'finished' | 'cancelled' | 'failed'; code?: ReasonCode } = { status: 'failed', code: 'roster_file_unreadable' };
    try {
      const file = await readDecrypted(app, run.storageKey, run.secretSealed, run.fileSize);
      worker = startWorker(
        {
          mode: 'run',
          file,
          merges: run.merges,
          headerRow: run.headerRow,
          mapping: run.mapping,
          headers: run.headers,
          context: run.context,
          batchSize: BATCH_SIZE,
          keys: { piiKeys: app.config.piiKeys, dataDir: app.config.dataDir },
        },
        [file.buffer as ArrayBuffer],
      );
      for await (const [message] of on(worker, 'message', { signal }) as AsyncIterable<[WorkerMessage]>) {
        if (message.type === 'batch') {
          const room = Math.max(0, MAX_KEPT_ERRORS - keptErrors);
          const kept = message.errors.slice(0, room);
          keptErrors += kept.length;
          const cancelRequested = await app.db.transaction().execute(async (trx) => {
            const existing = new Map(
              (
                await findStudentsByNumbers(
                  trx,
                  run.unitId,
                  message.students.map((s) => s.student.studentNo),
                )
              ).map((r) => [r.student_no, r]),
            );
            trustWorker ??= workerSealsRight(app.keyring, message.students);
            const rows = [];
            for (const checked of message.students) {
              const presealed = trustWorker ? checked.sealed : null;
              const row = rowToWrite(app.keyring, checked, presealed, existing.get(checked.student.studentNo));
              if (row) rows.push(row);
            }
            const { inserted, updated } = await upsertStudents(trx, run.unitId, run.actorId, rows);
            await insertImportErrors(trx, run.importId, kept);
            return addBatchCounts(trx, run.importId, {
              rowsRead: message.rowsRead,
              inserted,
              updated,
              unchanged: message.students.length - rows.length,
              failed: new Set(message.errors.map((e) => e.row)).size,
              errorsTruncated: kept.length < message.errors.length,
            });
          });
          if (cancelRequested) {
            outcome = { status: 'cancelled' };
            break;
          }
          worker.postMessage('ack');
        } else if (message.type === 'done') {
          outcome = { status: 'finished' };
          break;
        } else if (message.type === 'failed') {
          outcome = { status: 'failed', code: message.code === 'file_type_not_allowed' ? 'roster_file_unreadable' : message.code };
          break;
        }
      }
    } catch (error) {
      outcome = { status: 'failed', code: signal.aborted ? 'roster_import_interrupted' : failureOf(error) };
      if (outcome.code === 'internal_error') app.log.error({ err: error, importId: run.importId }, 'roster import failed');
    } finally {
      await worker?.terminate();
    }
    await this.finish(run, outcome);
  }

  /** The end of an import, whatever it was: the state, one audit row, and the file gone. */
  private async finish(run: RunContext, outcome: { status: 'finished' | 'cancelled' | 'failed'; code?: ReasonCode }) {
    const { app } = this;
    await app.db.transaction().execute(async (trx) => {
      await updateRosterImport(trx, run.importId, {
        status: outcome.status,
        failure_code: outcome.status === 'failed' ? (outcome.code ?? 'roster_file_unreadable') : null,
        finished_at: new Date(),
        storage_key: null,
        file_secret_sealed: null,
        head_sealed: null,
      });
      const counts = await trx
        .selectFrom('roster_imports')
        .select(['rows_read', 'inserted', 'updated', 'unchanged', 'failed'])
        .where('id', '=', run.importId)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, run.audit, {
        action: { finished: 'roster.imported', cancelled: 'roster.import_cancelled', failed: 'roster.import_failed' }[outcome.status],
        entityType: 'roster_import',
        entityId: run.importId,
        summary: {
          after: {
            fileName: run.fileName,
            rowsRead: counts.rows_read,
            inserted: counts.inserted,
            updated: counts.updated,
            unchanged: counts.unchanged,
            failed: counts.failed,
            ...(outcome.code && outcome.status === 'failed' ? { failure: outcome.code } : {}),
          },
        },
      });
    });
    await app.storage.delete(run.storageKey);
  }
}
