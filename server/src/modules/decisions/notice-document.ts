import { AlignmentType, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import { decisionOutcomeLabels, type PublicCampaignNoticeDto } from '../../../../contracts/decisions.ts';
import { a4Document, cell, HEADING_FONT, run, SIZE } from '../../lib/docx.ts';

/**
 * The 公示 as a Word document, printed from the same public DTO the page shows:
 * whatever the page may not show, the document cannot contain either.
 */
export function buildNoticeDocument(notice: PublicCampaignNoticeDto): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    children: ['序号', '项目类别', '项目名称', '申报单位', '结果', '涉及学生'].map((h) =>
      cell(h, { bold: true, shade: true, size: SIZE.table }),
    ),
  });
  const rows = notice.entries.map(
    (e) =>
      new TableRow({
        children: [
          cell(String(e.no), { size: SIZE.table, width: 6 }),
          cell(e.trackName, { size: SIZE.table, width: 18 }),
          cell(e.title, { size: SIZE.table, width: 26 }),
          cell(e.unitName, { size: SIZE.table, width: 14 }),
          cell(decisionOutcomeLabels[e.outcome], { size: SIZE.table, width: 10 }),
          cell(
            e.students
              .map((s) => [s.name, s.unitName, s.department, s.grade ? `${s.grade}年级` : null, s.className].filter(Boolean).join(','))
              .join('\n') || '—',
            { size: SIZE.table, width: 26 },
          ),
        ],
      }),
  );
  return a4Document({
    title: notice.title,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: notice.title, font: HEADING_FONT, size: SIZE.title, bold: true })],
      }),
      ...notice.body
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(l.trim())] })),
      new Paragraph({
        spacing: { before: 120, after: 240 },
        children: [run(`公示期:${notice.startsOn} 至 ${notice.endsOn}。公示期内如有异议,请通过公示页面提出。`)],
      }),
      new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [run('江苏联合职业技术学院 学生管理处')] }),
    ],
  });
}
