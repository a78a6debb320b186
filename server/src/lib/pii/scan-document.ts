import type { PiiFinding, UncheckedReason } from '../../../../contracts/pii.ts';
import { extractTextFromBuffer } from './extract-text.ts';
import { scanText } from './scan.ts';

/** What the scanner made of one document: its findings, or why a person must check it by hand. */
export interface DocumentScan {
  status: 'scanned' | 'unchecked';
  uncheckedReason: UncheckedReason | null;
  findings: PiiFinding[];
  textChars: number;
}

/** A PDF or Word file with fewer letters than this is likely a scan: a person must look at it. */
const MIN_TEXT_CHARS = 20;

export const uncheckedScan = (reason: UncheckedReason): DocumentScan => ({
  status: 'unchecked',
  uncheckedReason: reason,
  findings: [],
  textChars: 0,
});

/**
 * Extracts a document's text and scans it. CPU-bound (PDF.js above all): the
 * server runs it in the scan pool's worker threads (scan-pool.ts), never on the
 * event loop that answers requests. Never throws for a bad file.
 */
export async function scanDocument(data: Buffer, kind: string, today: Date): Promise<DocumentScan> {
  const extracted = await extractTextFromBuffer(data, kind);
  if (extracted.status === 'unchecked') return uncheckedScan(extracted.reason);
  const findings = scanText(extracted.text, today);
  // Next to nothing to read in a PDF or Word file: probably scanned pages, for a person to look at.
  const noText = findings.length === 0 && kind !== 'txt' && extracted.text.replace(/\s+/g, '').length < MIN_TEXT_CHARS;
  return noText ? uncheckedScan('no_text') : { status: 'scanned', uncheckedReason: null, findings, textChars: extracted.text.length };
}
