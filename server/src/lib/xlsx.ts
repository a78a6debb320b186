import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

/** Decides by content, not by file name: an .xlsx is a zip with the OOXML parts. */
export async function assertXlsx(buffer: Buffer): Promise<void> {
  const type = await fileTypeFromBuffer(buffer);
  if (type?.ext !== 'xlsx') throw new AppError('file_type_not_allowed');
}

/** Full-width ASCII to half-width, trimmed: what people type into Excel. */
export function normalizeCell(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Text of a cell value: numbers without exponent, rich text joined, hyperlinks and formulas by their shown text. */
function valueText(v: unknown): string {
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
