import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { a4Document } from '../../lib/docx.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { regionLabels, type Region } from '../../../../contracts/regions.ts';
import { filingStateLabels, type CellValue, type GridDto, type StatisticsColumn } from '../../../../contracts/statistics.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { FileStorage } from '../../storage/file-storage.ts';
import { metricByKey } from './metrics.ts';
import * as repo from './statistics.repository.ts';
import type { Loaded } from './statistics.service.ts';

const FIXED = ['序号', '单位', '区域'];

function cellOf(col: StatisticsColumn, v: CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  const yesno = col.kind === 'boolean' || (col.kind === 'computed' && metricByKey.get(col.metric ?? '')?.format === 'yesno');
  if (yesno) return v === true || v === 1 ? '是' : '否';
  return typeof v === 'boolean' ? (v ? '是' : '否') : v;
}

/**
 * The table in the configured layout: a title row, two header rows (group
 * headers merged across their adjacent columns; a column without a group
 * merges its header vertically), one row per unit in code order, a totals row;
 * A4 landscape, fit to one page wide, header rows repeated on each page.
 */
export async function statisticsWorkbook(
  title: string,
  grid: Pick<GridDto, 'columns' | 'rows' | 'totals'>,
  withTotals: boolean,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '永助';
  const ws = wb.addWorksheet('统计表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:3' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }],
  });
  const cols = grid.columns;
  const width = FIXED.length + cols.length;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([...FIXED, ...cols.map((c) => c.group || c.header)]);
  ws.addRow([...FIXED, ...cols.map((c) => c.header)]);
  for (let i = 1; i <= FIXED.length; i++) ws.mergeCells(2, i, 3, i);
  let i = 0;
  while (i < cols.length) {
    const start = i;
    const group = cols[i]!.group;
    while (group && i + 1 < cols.length && cols[i + 1]!.group === group) i++;
    const from = FIXED.length + start + 1;
    const to = FIXED.length + i + 1;
    if (!group) ws.mergeCells(2, from, 3, from);
    else if (to > from) ws.mergeCells(2, from, 2, to);
    i++;
  }
  for (const r of [2, 3]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  grid.rows.forEach((row, n) => {
    ws.addRow([
      n + 1,
      row.unit.name,
      row.unit.region ? regionLabels[row.unit.region as Region] : '',
      ...cols.map((c, k) => cellOf(c, row.values[k] ?? null)),
    ]);
  });
  if (withTotals) {
    const totals = ws.addRow(['合计', '', '', ...grid.totals]);
    ws.mergeCells(totals.number, 1, totals.number, 3);
    totals.font = { bold: true };
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 6;
  for (let k = 0; k < cols.length; k++)
    ws.getColumn(FIXED.length + k + 1).width = Math.max(8, Math.min(16, cols[k]!.header.length * 2 + 2));
  ws.eachRow((row, r) => {
    if (r === 1) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function safe(name: string) {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
}

/** All summary reports: one folder per unit with its text (.txt) and its uploaded file. Units without a report are listed in 未报送.txt. */
export async function reportsZip(db: DbOrTrx, storage: FileStorage, l: Loaded): Promise<Buffer> {
  const zip = new JSZip();
  const [units, filings] = await Promise.all([repo.filingUnits(db), repo.listFilings(db, l.campaign.id)]);
  const byUnit = new Map(filings.map((f) => [f.unit_id, f]));
  const missing: string[] = [];
  for (const u of units) {
    const f = byUnit.get(u.id);
    const folder = `${u.code}_${safe(u.name)}`;
    const text = (f?.report_sections ?? []).filter((s) => s.body.trim()).map((s) => `${s.title}\n\n${s.body}\n`);
    if (text.length > 0) zip.file(`${folder}/总结报告.txt`, text.join('\n'));
    if (f?.report_file_id) {
      const file = await repo.findFileRow(db, f.report_file_id);
      if (file) zip.file(`${folder}/${safe(file.original_name)}`, storage.createReadStream(file.storage_key));
    }
    if (text.length === 0 && !f?.report_file_id) missing.push(`${u.code} ${u.name}`);
    else if (!f?.submitted_at) zip.file(`${folder}/(尚未报送,以上为草稿).txt`, '该单位尚未报送,以上为当前草稿。');
  }
  zip.file('未提交总结报告的单位.txt', missing.length ? missing.join('\n') : '(无)');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A Word digest of all written summary reports, in unit order, with each unit's state. */
export async function reportsDigest(db: DbOrTrx, l: Loaded): Promise<Buffer> {
  const [units, filings] = await Promise.all([repo.filingUnits(db), repo.listFilings(db, l.campaign.id)]);
  const byUnit = new Map(filings.map((f) => [f.unit_id, f]));
  const children: Paragraph[] = [new Paragraph({ text: `${l.campaign.title} 各单位总结报告汇编`, heading: HeadingLevel.TITLE })];
  for (const u of units) {
    const f = byUnit.get(u.id);
    const state = f?.submitted_at ? filingStateLabels.submitted : f ? filingStateLabels.draft : filingStateLabels.not_started;
    children.push(new Paragraph({ text: `${u.name}(${state})`, heading: HeadingLevel.HEADING_1 }));
    const sections = (f?.report_sections ?? []).filter((s) => s.body.trim());
    if (sections.length === 0)
      children.push(
        new Paragraph({
          children: [new TextRun({ text: f?.report_file_id ? '(报告以附件形式上传,见报告压缩包)' : '(未填写)', italics: true })],
        }),
      );
    for (const s of sections) {
      children.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_2 }));
      for (const line of s.body.split(/\n+/)) children.push(new Paragraph({ text: line }));
    }
  }
  return a4Document({ title: `${l.campaign.title} 总结报告汇编`, children });
}
