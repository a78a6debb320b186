/**
 * One thread of the document scan pool (scan-pool.ts): text extraction and the
 * PII scan of uploaded documents, off the server's event loop. Takes one job at
 * a time.
 */
import { parentPort } from 'node:worker_threads';
import { scanDocument, type DocumentScan } from './scan-document.ts';

export interface ScanJob {
  id: number;
  data: Uint8Array;
  kind: string;
  /** ISO time: birth dates are judged against the server's day. */
  today: string;
}

export type ScanReply = { id: number; scan: DocumentScan } | { id: number; failed: string };

const port = parentPort!;
port.on('message', (job: ScanJob) => {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  scanDocument(data, job.kind, new Date(job.today)).then(
    (scan) => port.postMessage({ id: job.id, scan } satisfies ScanReply),
    (error: unknown) => port.postMessage({ id: job.id, failed: String(error) } satisfies ScanReply),
  );
});
