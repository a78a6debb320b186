import { afterAll, describe, expect, it } from 'vitest';
import { scanDocument } from './scan-document.ts';
import { DocumentScanPool } from './scan-pool.ts';
import { docxWith, pdfWithToUnicode } from './test-documents.ts';

/**
 * The scan pool reads uploaded documents in worker threads, so that a deadline
 * rush of uploads never stalls the autosaves and submits answered beside them.
 */

// 320102199003071239 passes GB 11643 (checked by hand, independently of the scanner).
const ID = '320102199003071239';
const TODAY = new Date('2026-11-27T08:00:00Z');

const pool = new DocumentScanPool({ size: 1 });
afterAll(() => pool.close());

/** A PDF without a cross-reference table: PDF.js reads all of it in recovery mode before giving up — seconds of CPU for tens of MB. */
const brokenPdf = (mb: number) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), Buffer.alloc(mb * 1024 * 1024 - 40, 0x20), Buffer.from('\n%%EOF\n')]);

/** The longest gap between ticks of a 5 ms timer while `work` runs: how long the event loop was held. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stall: number; took: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  stall = Math.max(stall, performance.now() - last);
  return { stall, took: performance.now() - started };
}

describe('DocumentScanPool', () => {
  it('finds the same things in a worker as the scanner does in this thread, masked', async () => {
    const docx = await docxWith(['受助学生情况', `身份证号 ${ID},家住张庄村3组`]);
    const pdf = pdfWithToUnicode([[[50, `学生身份证号:${ID}`]]]);
    for (const [data, kind] of [
      [docx, 'docx'],
      [pdf, 'pdf'],
    ] as const) {
      const inWorker = await pool.scan(data, kind, TODAY);
      expect(inWorker).toEqual(await scanDocument(data, kind, TODAY));
      expect(inWorker.findings.map((f) => f.kind)).toContain('id_number');
      expect(JSON.stringify(inWorker)).not.toContain(ID);
    }
  });

  it('answers at once for images, without a worker', async () => {
    expect(await pool.scan(Buffer.alloc(10), 'png', TODAY)).toEqual({
      status: 'unchecked',
      uncheckedReason: 'image',
      findings: [],
      textChars: 0,
    });
  });

  it('leaves the event loop free while a heavy document is read', async () => {
    // About a second of PDF.js: far above a busy machine's timer jitter (≈ 150 ms at a load of 15 on two cores).
    const pdf = brokenPdf(24);
    await pool.scan(brokenPdf(1), 'pdf', TODAY); // the worker and PDF.js loaded
    await scanDocument(brokenPdf(1), 'pdf', TODAY); // PDF.js loaded here too, for the comparison
    const here = await longestStall(() => scanDocument(pdf, 'pdf', TODAY));
    const pooled = await longestStall(() => pool.scan(pdf, 'pdf', TODAY));
    // In this thread the reading holds every other request for its whole length; in the pool, no more than a timer's jitter.
    expect(here.stall).toBeGreaterThan(here.took / 2);
    expect(pooled.stall).toBeLessThan(here.stall / 3);
  });

  it('gives up a document that takes too long as unreadable (a person checks it), and carries on with the next', async () => {
    const impatient = new DocumentScanPool({ size: 1, jobTimeoutMs: 1 });
    try {
      expect(await impatient.scan(brokenPdf(8), 'pdf', TODAY)).toEqual({
        status: 'unchecked',
        uncheckedReason: 'unreadable',
        findings: [],
        textChars: 0,
      });
    } finally {
      await impatient.close();
    }
    // The pool's worker was replaced: later documents are read as usual.
    const docx = await docxWith([`电话 13812345678`]);
    expect((await pool.scan(docx, 'docx', TODAY)).findings.map((f) => f.kind)).toEqual(['mobile']);
  });
});
