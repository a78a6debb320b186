import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

/** Decides by content, not by file name: an .xlsx is a zip with the OOXML parts. */
export async function assertXlsx(buffer: Buffer): Promise<void> {
  const type = await fileTypeFromBuffer(buffer);
  // file-type reads the first zip entries only; streamed writers (exceljs's among them) put the workbook parts later.
  if (type?.ext === 'zip' && isXlsxZip(buffer)) return;
  if (type?.ext !== 'xlsx') throw new AppError('file_type_not_allowed');
}

/** A zip whose central directory lists the workbook part of an .xlsx. */
function isXlsxZip(buffer: Buffer): boolean {
  try {
    const entries = zipEntries(buffer);
    return entries.has('[Content_Types].xml') && entries.has('xl/workbook.xml');
  } catch {
    return false;
  }
}

/** Full-width ASCII to half-width, trimmed: what people type into Excel. */
export function normalizeCell(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Text of a cell value: numbers without exponent, rich text joined, hyperlinks and formulas by their shown text. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r: { text: string }) => r.text).join('');
    if ('text' in v) return valueText(v.text);
    if ('result' in v) return valueText(v.result);
    return '';
  }
  return String(v);
}

const cellText = (cell: ExcelJS.Cell) => valueText(cell.value);

export interface SheetRow {
  /** Row number as Excel shows it. */
  rowNumber: number;
  cells: Record<string, string>;
}

/**
 * Reads the first sheet: finds the header row (the first row holding all the
 * required headers, so a title row above it is fine) and returns the non-empty
 * rows below it keyed by header.
 */
export async function readSheet(
  buffer: Buffer,
  requiredHeaders: readonly string[],
): Promise<{ rows: SheetRow[]; missingHeaders: string[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('file_type_not_allowed');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], missingHeaders: [...requiredHeaders] };
  let headerRow = 0;
  let columns = new Map<number, string>();
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !headerRow; r++) {
    const found = new Map<number, string>();
    sheet.getRow(r).eachCell((cell, col) => found.set(col, normalizeCell(cellText(cell))));
    if (requiredHeaders.every((h) => [...found.values()].includes(h))) {
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) return { rows: [], missingHeaders: [...requiredHeaders] };
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Record<string, string> = {};
    for (const [col, header] of columns) cells[header] = normalizeCell(cellText(row.getCell(col)));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ rowNumber: r, cells });
  }
  return { rows, missingHeaders: [] };
}

/** A plain one-sheet workbook with a bold, frozen header row. */
export async function buildWorkbook(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '永助';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]?.length ?? 4, ...rows.map((r) => String(r[i] ?? '').length));
    column.width = Math.min(60, Math.max(10, longest * 2 + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Moved to content-disposition.ts (downloads of any file use it); kept here for existing imports. */
export { attachmentHeader } from './content-disposition.ts';

// ---- big workbooks: streamed, with merged cells filled ----------------------

/** A cell as the streaming reader gives it: formulas by their result, rich text and links by their text. */
export type CellValue = string | number | boolean | Date | null;

export interface StreamedRow {
  /** Row number as Excel shows it. */
  rowNumber: number;
  /** values[c] is column c (1 = A); index 0 unused. */
  values: CellValue[];
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 'B' → 2, 'AA' → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 2 → 'B', 27 → 'AA'. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function parseRange(ref: string): Range | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(ref.replace(/\$/g, ''));
  if (!m) return null;
  const [a, b] = [columnNumber(m[1]!), columnNumber(m[3]!)];
  const [r1, r2] = [Number(m[2]), Number(m[4])];
  return { top: Math.min(r1, r2), left: Math.min(a, b), bottom: Math.max(r1, r2), right: Math.max(a, b) };
}

function plainCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r: { text: string }) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? plainCellValue(v.result) : null;
    if ('text' in v) return plainCellValue(v.text);
  }
  return null;
}

interface ZipEntry {
  method: number;
  /** The whole local record (header, data, data descriptor), copied as is when re-ordering. */
  recordStart: number;
  recordEnd: number;
  dataStart: number;
  dataEnd: number;
  /** Size once inflated, from the central directory. */
  size: number;
}

/** The entries of a zip held in memory, from its central directory (no zip64: an .xlsx this size never needs it). */
function zipEntries(buffer: Buffer): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('file_type_not_allowed');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== 0x02014b50) throw new AppError('file_type_not_allowed');
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const size = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const offset = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || offset === 0xffffffff || offset + 30 > buffer.length) throw new AppError('file_type_not_allowed');
    if (buffer.readUInt32LE(offset) !== 0x04034b50) throw new AppError('file_type_not_allowed');
    const dataStart = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > buffer.length) throw new AppError('file_type_not_allowed');
    let recordEnd = dataEnd;
    if (flags & 0x08) recordEnd += dataEnd + 4 <= buffer.length && buffer.readUInt32LE(dataEnd) === 0x08074b50 ? 16 : 12;
    entries.set(name, { method, recordStart: offset, recordEnd, dataStart, dataEnd, size });
  }
  return entries;
}

/**
 * An .xlsx opened for streaming: the first worksheet (in the workbook's tab
 * order), its merged ranges and its row count. Everything is decompressed by
 * Node's zlib as it streams; only the (compressed) file is held in memory.
 */
export class StreamedWorkbook {
  private constructor(
    private readonly buffer: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly sheetPath: string,
    readonly sheetName: string,
  ) {}

  static open(buffer: Buffer): StreamedWorkbook {
    const entries = zipEntries(buffer);
    const text = (name: string) => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const data = buffer.subarray(entry.dataStart, entry.dataEnd);
      try {
        return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
      } catch {
        throw new AppError('file_type_not_allowed');
      }
    };
    const workbookXml = text('xl/workbook.xml');
    const relsXml = text('xl/_rels/workbook.xml.rels');
    if (!workbookXml || !relsXml) throw new AppError('file_type_not_allowed');
    const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const sheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
    const relId = attribute(sheet, 'r:id') ?? attribute(sheet, '\\w+:id');
    const rel = [...relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => attribute(tag, 'Id') === relId);
    const target = rel ? attribute(rel, 'Target') : undefined;
    const sheetPath = target?.startsWith('/') ? target.slice(1) : `xl/${(target ?? '').replace(/^\.\//, '')}`;
    if (!target || !entries.has(sheetPath)) throw new AppError('file_type_not_allowed');
    const name = (attribute(sheet, 'name') ?? 'Sheet1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return new StreamedWorkbook(buffer, entries, sheetPath, name);
  }

  private inflated(name: string): Readable {
    const entry = this.entries.get(name)!;
    const data = Readable.from([this.buffer.subarray(entry.dataStart, entry.dataEnd)]);
    return entry.method === 8 ? data.pipe(createInflateRaw()) : data;
  }

  /** Merged ranges ('A1:P1', at most `maxMerges`) and the number of <row> elements of the first sheet. */
  async layout(maxMerges = 50_000): Promise<{ merges: string[]; rowCount: number }> {
    const decoder = new TextDecoder();
    const KEEP = 16;
    let carry = '';
    let rowCount = 0;
    let mergeText: string | null = null;
    const merges: string[] = [];
    const takeMerges = (final: boolean) => {
      if (mergeText === null) return;
      const re = /<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"/g;
      let last = 0;
      for (let m = re.exec(mergeText); m; m = re.exec(mergeText)) {
        if (merges.length < maxMerges) merges.push(m[1]!);
        last = re.lastIndex;
      }
      mergeText = final ? '' : mergeText.slice(last);
    };
    try {
      for await (const chunk of this.inflated(this.sheetPath) as AsyncIterable<Buffer>) {
        const text = carry + decoder.decode(chunk, { stream: true });
        if (mergeText !== null) {
          mergeText += text.slice(carry.length);
          takeMerges(false);
        } else {
          const limit = text.length - KEEP;
          const counter = /<(?:\w+:)?row[\s>]/g;
          for (let m = counter.exec(text); m && m.index < limit; m = counter.exec(text)) rowCount++;
          const at = text.indexOf('<mergeCells');
          if (at >= 0) {
            mergeText = text.slice(at);
            takeMerges(false);
          }
        }
        carry = text.slice(-KEEP);
      }
    } catch {
      throw new AppError('file_type_not_allowed');
    }
    if (mergeText === null) rowCount += (carry.match(/<(?:\w+:)?row[\s>]/g) ?? []).length;
    takeMerges(true);
    return { merges, rowCount };
  }

  /**
   * The rows of the first sheet, one at a time, with every cell of a merged
   * range carrying the range's value (a class name merged down ten rows
   * belongs to all ten). Memory stays flat however long the sheet is.
   */
  async *rows(merges: readonly string[] = []): AsyncGenerator<StreamedRow> {
    const pending = merges
      .map(parseRange)
      .filter((r): r is Range => r !== null && (r.bottom > r.top || r.right > r.left))
      .sort((a, b) => a.top - b.top);
    let next = 0;
    let active: { range: Range; value: CellValue }[] = [];
    // The strings' text is shorter than their XML: the part's size is room enough, allocated once.
    const strings = new SharedStrings(this.entries.get('xl/sharedStrings.xml')?.size ?? 0);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(this.orderedZip(), {
      worksheets: 'emit',
      // Emitted, not cached as a million small strings: kept compact here (a 200 000-row roster's
      // shared strings are ~30 MB as UTF-8, ~100 MB as strings). Handing the reader a table
      // (that looks up the compact store) also lets it stream the sheet without a temporary file.
      sharedStrings: 'emit',
      styles: 'ignore',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    (reader as unknown as { sharedStrings: unknown }).sharedStrings = strings.table;
    const events = (
      reader as unknown as { parse(): AsyncIterable<{ index?: number; text?: unknown; eventType?: string; value?: unknown }> }
    ).parse();
    for await (const event of events) {
      if (event.index !== undefined) {
        strings.add(sharedText(event.text));
        continue;
      }
      if (event.eventType !== 'worksheet') continue;
      for await (const row of event.value as AsyncIterable<ExcelJS.Row>) {
        const r = row.number;
        const raw = row.values as unknown[];
        const values: CellValue[] = new Array<CellValue>(raw.length).fill(null);
        for (let c = 1; c < raw.length; c++) values[c] = plainCellValue(raw[c]);
        while (next < pending.length && pending[next]!.top <= r) active.push({ range: pending[next++]!, value: null });
        if (active.length) {
          active = active.filter((a) => a.range.bottom >= r);
          for (const a of active) {
            const { top, left, right } = a.range;
            if (top === r) a.value = values[left] ?? null;
            for (let c = left; c <= right; c++) if (r !== top || c !== left) values[c] = a.value;
          }
        }
        yield { rowNumber: r, values };
      }
      return; // the first worksheet only
    }
  }

  /**
   * The workbook's own compressed records, re-ordered so that the shared
   * strings come before the sheet (Excel and WPS put them last): the reader
   * then streams the sheet instead of spilling it (names, ID numbers) into a
   * temporary file. Nothing is re-compressed; the reader stops at the end of
   * the records.
   */
  private orderedZip(): Readable {
    const names = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', this.sheetPath];
    const records = names.flatMap((name) => {
      const e = this.entries.get(name);
      return e ? [this.buffer.subarray(e.recordStart, e.recordEnd)] : [];
    });
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(this.sheetPath)) throw new AppError('file_type_not_allowed');
    return Readable.from(records);
  }
}

function sharedText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
    return text.richText.map((r: { text: string | null }) => r.text ?? '').join('');
  }
  return '';
}

/** The workbook's shared strings as UTF-8 in one growing buffer, looked up by index. */
class SharedStrings {
  private bytes: Buffer;
  private used = 0;
  private ends = new Uint32Array(1 << 16);
  private count = 0;
  /** What exceljs indexes (`table[i]`): the string at i, decoded when asked for. */
  readonly table = new Proxy([] as string[], {
    get: (_, key) => (typeof key === 'string' && /^\d+$/.test(key) ? this.at(Number(key)) : undefined),
  });

  constructor(capacity: number) {
    this.bytes = Buffer.alloc(Math.max(capacity, 1 << 16));
  }

  add(text: string): void {
    const size = Buffer.byteLength(text);
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + size));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  at(i: number): string | undefined {
    if (i >= this.count) return undefined;
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}
