import { AlignmentType, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import {
  activityTypeLabels,
  aidTypeLabels,
  goalStatusLabels,
  type ArchiveEntryDto,
  type ArchiveStudentDto,
  type GrowthArchiveDto,
} from '../../../../contracts/growth-archive.ts';
import { a4Document, cell, heading, HEADING_FONT, run, SIZE } from '../../lib/docx.ts';
import { formatShanghai } from '../../lib/shanghai-time.ts';

/** Half-points: 五号 10.5 pt for tables, 小四 12 pt for text, 四号 14 pt headings, 小二 18 pt title. */

/** A table with a repeated header row; `widths` in percent. */
function grid(headers: string[], widths: number[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, shade: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { width: widths[i] })) })),
    ],
  });
}

const none = () => new Paragraph({ children: [run('(暂无记录)', { color: '555555' })] });

/** The student's facts, sensitive ones masked: this document is printed and filed. */
function studentTable(s: ArchiveStudentDto): Table {
  const pairs: [string, string][] = [
    ['姓名', s.name],
    ['学号', s.studentNo],
    ['单位', s.unitName],
    ['院系/专业', [s.department, s.programme].filter(Boolean).join(' / ')],
    ['年级', `${s.grade} 年级`],
    ['班级', s.className ?? ''],
    ['身份证号', s.idNumberMasked ?? '(未登记)'],
  ];
  const rows: TableRow[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const [a, b] = [pairs[i]!, pairs[i + 1]];
    rows.push(
      new TableRow({
        children: b
          ? [
              cell(a[0], { bold: true, shade: true, width: 15 }),
              cell(a[1], { width: 35 }),
              cell(b[0], { bold: true, shade: true, width: 15 }),
              cell(b[1], { width: 35 }),
            ]
          : [cell(a[0], { bold: true, shade: true, width: 15 }), cell(a[1], { span: 3 })],
      }),
    );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

const byDate = (entries: ArchiveEntryDto[], kind: ArchiveEntryDto['kind']) =>
  entries.filter((e) => e.kind === kind).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id);

export async function buildArchiveDocument(archive: GrowthArchiveDto, exportedAt: Date): Promise<Buffer> {
  const { student, entries } = archive;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: '学生资助成长档案', font: HEADING_FONT, size: SIZE.title, bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(student.unitName, { color: '555555' })] }),
    studentTable(student),
  ];

  children.push(heading('一、受助记录'));
  const aid = byDate(entries, 'aid');
  if (aid.length) {
    children.push(
      grid(
        ['日期', '资助类型', '金额(元)', '资助方', '备注'],
        [16, 20, 14, 22, 28],
        aid.map((e) => [e.occurredOn, e.aidType ? aidTypeLabels[e.aidType] : '', e.amount ?? '', e.funder ?? '', e.note ?? '']),
      ),
    );
    for (const t of [...archive.aidTotals].reverse()) {
      children.push(
        new Paragraph({ spacing: { before: 60 }, children: [run(`${t.schoolYear} 学年:共 ${t.count} 笔,合计 ${t.amount} 元`)] }),
      );
    }
  } else children.push(none());

  children.push(heading('二、发展活动'));
  const activities = byDate(entries, 'activity');
  children.push(
    activities.length
      ? grid(
          ['日期', '类型', '活动名称', '学时', '说明'],
          [16, 14, 28, 10, 32],
          activities.map((e) => [
            e.occurredOn,
            e.activityType ? activityTypeLabels[e.activityType] : '',
            e.title ?? '',
            e.hours === null ? '' : String(e.hours),
            e.note ?? '',
          ]),
        )
      : none(),
  );

  children.push(heading('三、成长奖励'));
  const rewards = byDate(entries, 'reward');
  children.push(
    rewards.length
      ? grid(
          ['日期', '奖励', '说明'],
          [16, 34, 50],
          rewards.map((e) => [
            e.occurredOn,
            e.title ?? '',
            [e.award ? `成长奖励制度(${e.award.schoolYear} 学年)` : '', e.note ?? ''].filter(Boolean).join(';'),
          ]),
        )
      : none(),
  );

  children.push(heading('四、成长目标'));
  const goals = byDate(entries, 'goal');
  children.push(
    goals.length
      ? grid(
          ['制定日期', '目标', '目标日期', '状态'],
          [16, 50, 16, 18],
          goals.map((e) => [e.occurredOn, e.body ?? '', e.targetOn ?? '', e.goalStatus ? goalStatusLabels[e.goalStatus] : '']),
        )
      : none(),
  );

  children.push(heading('五、导师记录'));
  const notes = byDate(entries, 'note');
  if (notes.length === 0) children.push(none());
  for (const n of notes) {
    children.push(
      new Paragraph({
        spacing: { before: 120 },
        children: [run(`${n.occurredOn}  ${n.createdBy?.displayName ?? ''}`, { bold: true })],
      }),
      ...(n.body ?? '')
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(l.trim())] })),
    );
  }

  children.push(
    new Paragraph({
      spacing: { before: 360 },
      children: [run(`导出时间:${formatShanghai(exportedAt)}。本档案中的身份证号等敏感信息已脱敏。`, { size: 18, color: '555555' })],
    }),
  );

  return a4Document({ title: `${student.name}资助成长档案`, footerPrefix: `${student.name} 资助成长档案  `, children });
}
