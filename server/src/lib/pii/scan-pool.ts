import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isTextKind, uncheckedKind } from './extract-text.ts';
import { uncheckedScan, type DocumentScan } from './scan-document.ts';
import type { ScanJob, ScanReply } from './scan.worker.ts';

/**
 * Scans uploaded documents in a few worker threads (docs/decisions/016): PDF.js
 * and the scanner take tens to hundreds of milliseconds of CPU per file, which
 * on the event loop would stall every other request — autosaves and submits
 * during a deadline rush. Jobs queue in order; each worker takes one at a time.
 * A worker that dies, runs out of its heap or overruns the time limit is
 * replaced, and its file is reported unreadable (a person checks it), exactly
 * as a file the extractor cannot read.
 */

export interface ScanPoolOptions {
  /** Worker threads (default: one per core beyond the first, 1–2). */
  size?: number;
  /** A document taking longer is given up as unreadable (default 60 s). */
  jobTimeoutMs?: number;
  /** A worker with nothing to do for this long exits, giving back its memory (default 60 s). */
  idleMs?: number;
  /** Each worker's heap (default 512 MB): a hostile file cannot take the server's memory. */
  heapMb?: number;
}

interface Pending {
  id: number;
  data: Uint8Array;
  kind: string;
  today: Date;
  resolve: (scan: DocumentScan) => void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** tsx's ESM API (its CommonJS build cannot register the loader in a worker), as the roster import's worker does. */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}

export class DocumentScanPool {
  private readonly size: number;
  private readonly jobTimeoutMs: number;
  private readonly idleMs: number;
  private readonly heapMb: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(options: ScanPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
    this.jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
    this.idleMs = options.idleMs ?? 60_000;
    this.heapMb = options.heapMb ?? 512;
  }

  /** The document's scan; kinds without text (images, videos) answer at once, without a worker. */
  scan(data: Buffer, kind: string, today = new Date()): Promise<DocumentScan> {
    if (!isTextKind(kind)) return Promise.resolve(uncheckedScan(uncheckedKind(kind)!.reason));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, data, kind, today, resolve });
      this.dispatch();
    });
  }

  /** Jobs waiting for a worker (not counting those being scanned). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Ends every worker; jobs still queued or running are reported unreadable. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.resolve(uncheckedScan('unreadable'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Pending): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.timer = setTimeout(() => void this.fail(slot), this.jobTimeoutMs).unref();
    // Copied, not transferred (a memcpy: well under a millisecond for 2 MB): the caller keeps its buffer.
    const message: ScanJob = { id: job.id, data: job.data, kind: job.kind, today: job.today.toISOString() };
    slot.worker.postMessage(message);
  }

  private spawn(): Slot {
    const url = new URL('./scan.worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
    const worker = new Worker(boot, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
      // The worker needs none of the server's flags (a debugger port, a profiler, the loader: it registers its own).
      execArgv: [],
    });
    // An idle pool never keeps the process alive.
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    this.slots.add(slot);
    worker.on('message', (reply: ScanReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.job = null;
      job.resolve('scan' in reply ? reply.scan : uncheckedScan('unreadable'));
      slot.timer = setTimeout(() => void this.retire(slot), this.idleMs).unref();
      this.dispatch();
    });
    worker.on('error', () => void this.fail(slot));
    worker.on('exit', () => void this.fail(slot));
    return slot;
  }

  /** The worker is gone or stuck: its document is unreadable, and another worker takes the queue. */
  private async fail(slot: Slot): Promise<void> {
    if (!this.slots.has(slot)) return;
    await this.retire(slot);
    this.dispatch();
  }

  /** Ends the worker; a document it was scanning is reported unreadable. */
  private async retire(slot: Slot): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    await slot.worker.terminate();
    job?.resolve(uncheckedScan('unreadable'));
  }
}

/** The server's pool: workers start on the first document and leave when idle. */
export const documentScanPool = new DocumentScanPool();
