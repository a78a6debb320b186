import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { assertXlsx, StreamedWorkbook, type StreamedRow } from './xlsx.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'yz-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(buffer: Buffer): Promise<{ name: string; rows: StreamedRow[]; rowCount: number; merges: string[] }> {
  const workbook = StreamedWorkbook.open(buffer);
  const { merges, rowCount } = await workbook.layout();
  const rows: StreamedRow[] = [];
  for await (const row of workbook.rows(merges)) rows.push(row);
  return { name: workbook.sheetName, rows, rowCount, merges };
}

describe('StreamedWorkbook', () => {
  it('reads a file written by a streaming writer, without shared strings, that file-type alone calls a zip', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = writer.addWorksheet('名册');
    sheet.addRow(['学号', '姓名']).commit();
    sheet.addRow([2021001, '张三']).commit();
    sheet.commit();
    await writer.commit();
    const buffer = readFileSync(file);
    await expect(assertXlsx(buffer)).resolves.toBeUndefined();
    const { name, rows } = await rowsOf(buffer);
    expect(name).toBe('名册');
    expect(rows.map((r) => r.values.slice(1))).toEqual([
      ['学号', '姓名'],
      [2021001, '张三'],
    ]);
  });

  it('gives every cell of a merged range its value, down and across, and joins rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名册');
    wb.addWorksheet('说明');
    sheet.addRow(['班级', '姓名']);
    sheet.addRow(['护理1班', { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }]);
    sheet.addRow([null, '李四']);
    sheet.addRow([null, '王五']);
    sheet.mergeCells('A2:A4');
    const { name, rows, rowCount, merges } = await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(name).toBe('名册');
    expect(merges).toEqual(['A2:A4']);
    expect(rowCount).toBe(4);
    expect(rows.map((r) => r.values.slice(1))).toEqual([
      ['班级', '姓名'],
      ['护理1班', '张三'],
      ['护理1班', '李四'],
      ['护理1班', '王五'],
    ]);
  });

  it('refuses what is not a workbook', () => {
    expect(() => StreamedWorkbook.open(Buffer.from('学号,姓名\n'))).toThrow();
  });
});
