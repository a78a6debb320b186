import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import type { UncheckedReason } from '../../../../contracts/pii.ts';
import type { FileStorage } from '../../storage/file-storage.ts';

/**
 * The text of an uploaded document, for the PII scanner: Word (.docx), PDF,
 * plain text (UTF-8, else GB18030) and Excel (.xlsx). Images and other kinds
 * have no text to read — the caller tells the user to check those by hand.
 * Nothing here throws for a bad file: a file that cannot be read is
 * `unchecked: unreadable`.
 */
export type ExtractedText = { status: 'text'; text: string; truncated: boolean } | { status: 'unchecked'; reason: UncheckedReason };

export interface ExtractOptions {
  /** Files larger than this are not read (default 50 MB). */
  maxBytes?: number;
  /** Text beyond this is cut (default 2,000,000 characters); `truncated` says so. */
  maxChars?: number;
  /** PDF pages beyond this are not read (default 500). */
  maxPages?: number;
}

const MB = 1024 * 1024;
export const extractLimits = { maxBytes: 50 * MB, maxChars: 2_000_000, maxPages: 500 };

/** The file kinds (stored_files.extension, as decided by content sniffing) whose text can be read. */
export const textKinds = ['docx', 'pdf', 'txt', 'xlsx'] as const;
export type TextKind = (typeof textKinds)[number];
const imageKinds = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'heic']);

export function isTextKind(kind: string): kind is TextKind {
  return (textKinds as readonly string[]).includes(kind);
}

/** Reads the stored file under `storageKey` and extracts its text by `kind` (the stored extension). */
export async function extractText(
  storage: FileStorage,
  storageKey: string,
  kind: string,
  options: ExtractOptions = {},
): Promise<ExtractedText> {
  const unchecked = uncheckedKind(kind);
  if (unchecked) return unchecked;
  const maxBytes = options.maxBytes ?? extractLimits.maxBytes;
  let data: Buffer;
  try {
    const read = await readAtMost(storage, storageKey, maxBytes);
    if (!read) return { status: 'unchecked', reason: 'too_large' };
    data = read;
  } catch {
    return { status: 'unchecked', reason: 'unreadable' };
  }
  return extractTextFromBuffer(data, kind, options);
}

/** The same, from bytes already in memory. */
export async function extractTextFromBuffer(data: Buffer, kind: string, options: ExtractOptions = {}): Promise<ExtractedText> {
  const unchecked = uncheckedKind(kind);
  if (unchecked) return unchecked;
  const maxBytes = options.maxBytes ?? extractLimits.maxBytes;
  const maxChars = options.maxChars ?? extractLimits.maxChars;
  if (data.length > maxBytes) return { status: 'unchecked', reason: 'too_large' };
  try {
    let text: string | null;
    switch (kind as TextKind) {
      case 'txt':
        text = decodePlainText(data);
        break;
      case 'docx':
        text = await docxText(data, maxBytes);
        break;
      case 'xlsx':
        text = await xlsxText(data, maxBytes);
        break;
      case 'pdf':
        text = await pdfText(data, options.maxPages ?? extractLimits.maxPages, maxChars);
        break;
    }
    if (text === null) return { status: 'unchecked', reason: 'too_large' };
    return text.length > maxChars
      ? { status: 'text', text: text.slice(0, maxChars), truncated: true }
      : { status: 'text', text, truncated: false };
  } catch {
    return { status: 'unchecked', reason: 'unreadable' };
  }
}

/** The answer for a kind whose text is never read (images, videos, archives), or null for a text kind. */
export function uncheckedKind(kind: string): Extract<ExtractedText, { status: 'unchecked' }> | null {
  if (isTextKind(kind)) return null;
  return { status: 'unchecked', reason: imageKinds.has(kind) ? 'image' : 'unsupported' };
}

/** The stored file's bytes, or null when it holds more than `maxBytes` (it is not read further). */
export async function readAtMost(storage: FileStorage, key: string, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = storage.createReadStream(key);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// ---- plain text ----

/** UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else that is not valid UTF-8 is read as GB18030 (GBK, GB2312). */
export function decodePlainText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

// ---- Office Open XML ----

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name] ?? whole;
  });
}

/** An entry's text, or null when it would unpack to more than `maxBytes` (a zip bomb is not read). */
async function zipEntryText(zip: JSZip, name: string, maxBytes: number): Promise<string | null> {
  const entry = zip.file(name);
  if (!entry) return '';
  // JSZip keeps the central directory's uncompressed size on the entry (not in its typings).
  const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (size !== undefined && size > maxBytes * 4) return null;
  return entry.async('string');
}

/** Word: body, then headers, footers, footnotes, endnotes and comments; paragraphs on their own lines. */
async function docxText(data: Buffer, maxBytes: number): Promise<string | null> {
  const zip = await JSZip.loadAsync(data);
  if (!zip.file('word/document.xml')) throw new Error('not a Word document');
  const parts = [
    'word/document.xml',
    ...Object.keys(zip.files)
      .filter((n) => /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(n))
      .sort(),
  ];
  const texts: string[] = [];
  for (const part of parts) {
    const xml = await zipEntryText(zip, part, maxBytes);
    if (xml === null) return null;
    texts.push(wordXmlText(xml));
  }
  return texts.join('\n');
}

/** Runs of a paragraph join without a gap (Word splits "138" "1234" into runs); cells end with a tab. */
function wordXmlText(xml: string): string {
  const out: string[] = [];
  const token = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\s*\/>|<\/w:(p|tc)>/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (m[1] !== undefined) out.push(decodeXmlEntities(m[1]));
    else if (m[2] === 'tab') out.push('\t');
    else if (m[2]) out.push('\n');
    else out.push(m[3] === 'tc' ? '\t' : '\n');
  }
  return out.join('');
}

/** Excel: shared strings, inline strings and cell values (a phone number is often stored as a number). */
async function xlsxText(data: Buffer, maxBytes: number): Promise<string | null> {
  const zip = await JSZip.loadAsync(data);
  const texts: string[] = [];
  const shared = await zipEntryText(zip, 'xl/sharedStrings.xml', maxBytes);
  if (shared === null) return null;
  for (const si of shared.split('</si>')) {
    const parts = [...si.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => decodeXmlEntities(m[1]!));
    if (parts.length) texts.push(parts.join(''));
  }
  const sheets = Object.keys(zip.files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort();
  for (const sheet of sheets) {
    const xml = await zipEntryText(zip, sheet, maxBytes);
    if (xml === null) return null;
    for (const row of xml.split('</row>')) {
      const cells: string[] = [];
      // Shared-string cells (t="s") are indexes: their text is listed above.
      for (const m of row.matchAll(/<c\b([^>]*)>(.*?)<\/c>/g)) {
        if (/\bt="s"/.test(m[1]!)) continue;
        const inline = [...m[2]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((x) => x[1]!).join('');
        const value = inline || /<v>([^<]*)<\/v>/.exec(m[2]!)?.[1] || '';
        if (value) cells.push(decodeXmlEntities(value));
      }
      if (cells.length) texts.push(cells.join('\t'));
    }
  }
  return texts.join('\n');
}

// ---- PDF ----

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

/**
 * PDF.js (legacy build for Node, worker code run in this thread): the text of
 * every page, with the predefined Chinese CMaps so that fonts without a
 * ToUnicode map (UniGB-UCS2-H and the like) come out as Chinese too. Pieces
 * on one line join without a gap when they touch, with a space when a word
 * apart, with a tab when further (table cells): numbers in neighbouring cells
 * never run together into one.
 */
async function pdfText(data: Buffer, maxPages: number, maxChars: number): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
    cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const out: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(doc.numPages, maxPages) && length <= maxChars; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let previous: PdfTextItem | null = null;
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const item = raw as PdfTextItem;
        // PDF.js fills gaps with space items: the gap itself is measured below.
        if (item.str.trim() === '' && !item.hasEOL) continue;
        if (previous && !previous.hasEOL) out.push(gapBetween(previous, item));
        out.push(item.str);
        if (item.hasEOL) out.push('\n');
        length += item.str.length + 1;
        previous = item;
      }
      out.push('\n');
      page.cleanup();
    }
    return out.join('');
  } finally {
    await doc.destroy();
  }
}

function gapBetween(a: PdfTextItem, b: PdfTextItem): string {
  const size = Math.max(Math.abs(a.height), Math.abs(b.height), 1);
  const [ax, ay] = [a.transform[4] ?? 0, a.transform[5] ?? 0];
  const [bx, by] = [b.transform[4] ?? 0, b.transform[5] ?? 0];
  if (Math.abs(ay - by) > size / 2) return '\n';
  const gap = bx - (ax + a.width);
  if (gap < size * 0.15) return '';
  return gap < size * 1.5 ? ' ' : '\t';
}
