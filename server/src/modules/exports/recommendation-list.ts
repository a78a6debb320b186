import ExcelJS from 'exceljs';
import { formCheckStatusLabels } from '../../../../contracts/form-check.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { formatShanghai } from '../../lib/shanghai-time.ts';
import { formCheckStatusOf } from '../form-check/form-check.presenter.ts';
import { latestSnapshots, type ListRow } from '../form-check/form-check.repository.ts';

/** The notice's columns of the 推荐清单, in its order, then the platform's two. */
export const RECOMMENDATION_LIST_HEADERS = ['项目类别', '项目名称', '申报单位', '联系人', '联系方式', '回执编号', '状态'] as const;

const COLUMN_WIDTHS = [34, 44, 22, 12, 18, 16, 16];

/**
 * One line per sent case. Name and contact are those of the latest submitted
 * version: while a returned case is being revised, the list still shows what
 * was sent.
 */
export async function recommendationRows(db: DbOrTrx, rows: ListRow[]): Promise<string[][]> {
  const snapshots = await latestSnapshots(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const sent = snapshots.get(r.id)?.snapshot as { title?: string; contact?: { name?: string | null; phone?: string | null } } | undefined;
    const status = formCheckStatusOf(r) ?? 'submitted';
    return [
      r.subtype_name ? `${r.track_name}(${r.subtype_name})` : r.track_name,
      sent?.title ?? r.title,
      r.unit_name,
      (sent?.contact ? sent.contact.name : r.contact_name) ?? '',
      (sent?.contact ? sent.contact.phone : r.contact_phone) ?? '',
      r.receipt_no ?? '',
      formCheckStatusLabels[status],
    ];
  });
}

/**
 * The recommendation list as a printable workbook: a title row, a bold frozen
 * header with exactly the notice's columns (plus receipt number and status),
 * A4 landscape fitted to the page width, header repeated on every page.
 */
export async function buildRecommendationList(
  title: string,
  rows: string[][],
  exportedAt: Date,
  /** The first n columns only: the upward package sends the notice's five (decisions module). */
  columns: number = RECOMMENDATION_LIST_HEADERS.length,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '永助';
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet('推荐清单', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '2:2',
    },
    headerFooter: { oddFooter: `&L导出时间:${formatShanghai(exportedAt)}&R第 &P 页,共 &N 页` },
  });
  const lastColumn = columns;

  const titleRow = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, lastColumn);
  titleRow.height = 32;
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  const header = sheet.addRow(RECOMMENDATION_LIST_HEADERS.slice(0, columns));
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = border;
  });
  for (const values of rows) {
    const row = sheet.addRow(values.slice(0, columns));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { vertical: 'middle', wrapText: true };
      cell.border = border;
      // Phone numbers and receipt numbers stay text (no 1.38E+10).
      cell.numFmt = '@';
    });
  }
  COLUMN_WIDTHS.slice(0, columns).forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
