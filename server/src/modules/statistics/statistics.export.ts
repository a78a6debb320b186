import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { a4Document } from '../../lib/docx.ts';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { regionLabels, type Region } from '../../../../contracts/regions.ts';
import { filingStateLabels, type CellValue, type GridDto, type StatisticsColumn } from '../../../../contracts/statistics.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { FileStorage } from '../../storage/file-storage.ts';
import { metricByKey } from './metrics.ts';
import * as repo from './statistics.repository.ts';
import type { Loaded } from './statistics.service.ts';
import { shanghaiWallClock } from '../../lib/shanghai-time.ts';

const FIXED = ['序号', '单位', '区域'];
/** The light orange of overridden figures, as in the institute grid on screen. */
const OVERRIDE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7BA' } };

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
  let overridden = 0;
  grid.rows.forEach((row, n) => {
    const added = ws.addRow([
      n + 1,
      row.unit.name,
      row.unit.region ? regionLabels[row.unit.region as Region] : '',
      ...cols.map((c, k) => cellOf(c, row.values[k] ?? null)),
    ]);
    // An overridden figure is marked (fill) and carries both values and the reason (a cell note), as on screen.
    cols.forEach((c, k) => {
      const o = row.overrides[k];
      if (!o) return;
      overridden += 1;
      const cell = added.getCell(FIXED.length + k + 1);
      cell.fill = OVERRIDE_FILL;
      cell.note = `单位更正。系统统计:${o.computed === null ? '无' : cellOf(c, o.computed)};更正理由:${o.reason}`;
    });
  });
  if (withTotals) {
    const totals = ws.addRow(['合计', '', '', ...grid.totals]);
    ws.mergeCells(totals.number, 1, totals.number, 3);
    totals.font = { bold: true };
  }
  const lastTableRow = ws.rowCount;
  if (overridden > 0) {
    const legend = ws.addRow(['注:底色标出的数值为单位更正后的数值,单元格批注中有系统统计值和更正理由。']);
    ws.mergeCells(legend.number, 1, legend.number, width);
    legend.getCell(1).fill = OVERRIDE_FILL;
    legend.font = { size: 9 };
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 6;
  for (let k = 0; k < cols.length; k++)
    ws.getColumn(FIXED.length + k + 1).width = Math.max(8, Math.min(16, cols[k]!.header.length * 2 + 2));
  ws.eachRow((row, r) => {
    if (r === 1 || r > lastTableRow) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function safe(name: string) {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
}

/**
 * All summary reports as one .zip, streamed (yazl): one folder per unit with its written report
 * (.txt) and its uploaded file, read from storage only while the archive is being sent. Entries
 * are stored uncompressed (.docx/.pdf are compressed already), so the archive's size is known in
 * advance and the browser can show the download's progress. Names are Chinese (yazl marks them
 * UTF-8). Units without a report are listed in 未提交总结报告的单位.txt.
 */
export async function reportsZip(db: DbOrTrx, storage: FileStorage, l: Loaded): Promise<{ stream: Readable; size: number | null }> {
  const zip = new ZipFile();
  const mtime = shanghaiWallClock();
  // A download cut short (the browser closed) destroys the archive stream; the stored file being read
  // at that moment would stay open (paused, holding its descriptor), so it is closed with it.
  const reading = new Set<Readable>();
  zip.outputStream.once('close', () => {
    for (const r of reading) r.destroy();
  });
  const open = (key: string) => {
    const r = storage.createReadStream(key);
    reading.add(r);
    r.once('close', () => reading.delete(r));
    return r;
  };
  const [units, filings] = await Promise.all([repo.filingUnits(db), repo.listFilings(db, l.campaign.id)]);
  const byUnit = new Map(filings.map((f) => [f.unit_id, f]));
  const stored = await repo.findFileRows(
    db,
    filings.map((f) => f.report_file_id),
  );
  const text = (s: string) => Buffer.from(s, 'utf8');
  const missing: string[] = [];
  for (const u of units) {
    const f = byUnit.get(u.id);
    const folder = `${u.code}_${safe(u.name)}`;
    const sections = (f?.report_sections ?? []).filter((s) => s.body.trim()).map((s) => `${s.title}\n\n${s.body}\n`);
    if (sections.length > 0) zip.addBuffer(text(sections.join('\n')), `${folder}/总结报告.txt`, { compress: false, mtime });
    const file = f?.report_file_id ? stored.get(f.report_file_id) : undefined;
    if (file && (await storage.exists(file.storage_key))) {
      zip.addReadStreamLazy(`${folder}/${safe(file.original_name)}`, { compress: false, size: Number(file.size_bytes), mtime }, (cb) =>
        cb(null, open(file.storage_key)),
      );
    }
    if (sections.length === 0 && !file) missing.push(`${u.code} ${u.name}`);
    else if (!f?.submitted_at)
      zip.addBuffer(text('该单位尚未报送,以上为当前草稿。'), `${folder}/(尚未报送,以上为草稿).txt`, { compress: false, mtime });
  }
  zip.addBuffer(text(missing.length ? missing.join('\n') : '(无)'), '未提交总结报告的单位.txt', { compress: false, mtime });
  let size: number | null = null;
  // yazl calls back with the total size (-1 when unknown); its type declaration omits the argument.
  const onSize = (total: number) => {
    size = total >= 0 ? total : null;
  };
  zip.end(undefined, onSize as unknown as () => void);
  return { stream: zip.outputStream as Readable, size };
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
