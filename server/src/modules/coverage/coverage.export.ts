import ExcelJS from 'exceljs';
import {
  coverageMeasureHints,
  coverageMeasureLabels,
  coverageMeasures,
  type CoverageGrade,
  type CoverageReport,
} from '../../../../contracts/coverage.ts';
import { regionLabels } from '../../../../contracts/regions.ts';
import { semesterLabels } from '../../../../contracts/school-year.ts';

const fills: Record<CoverageGrade, string> = { green: 'FFD9F7BE', amber: 'FFFFF1B8', red: 'FFFFCCC7', none: 'FFF0F0F0' };

/** The dashboard as a printable sheet: one row per unit, the six measures coloured as on screen, the total last. */
export async function coverageWorkbook(report: CoverageReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '永助';
  const sheet = workbook.addWorksheet('六个全覆盖', {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = ['单位', '地区', ...coverageMeasures.map((m) => coverageMeasureLabels[m]), '达标项数'];
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getCell(1, 1).value = `资助育人“六个全覆盖”情况(${report.schoolYear} 学年${semesterLabels[report.semester]})`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.addRow([]);
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.eachCell((cell, col) => {
    const measure = coverageMeasures[col - 3];
    if (measure) cell.note = coverageMeasureHints[measure];
  });
  const rows = report.total ? [...report.rows, report.total] : report.rows;
  for (const row of rows) {
    const line = sheet.addRow([
      row.unitName,
      row.region ? regionLabels[row.region] : '',
      ...coverageMeasures.map((m) => row.cells[m].text),
      `${row.greenCount}/6`,
    ]);
    coverageMeasures.forEach((m, i) => {
      line.getCell(i + 3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[row.cells[m].grade] } };
    });
    if (row === report.total) line.font = { bold: true };
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 22 : i === 1 ? 8 : 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
