import { AlignmentType, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import type { CaseContent, FormCheckStatus } from '../../../../contracts/form-check.ts';
import { formCheckStatusLabels } from '../../../../contracts/form-check.ts';
import type { FormTemplate } from '../../../../contracts/form-template.ts';
import { ambassadorActivityLabels, priorityTagLabels } from '../../../../contracts/priorities.ts';
import { implementationLabels } from '../../../../contracts/submissions.ts';
import { a4Document, cell, heading, HEADING_FONT, run, SIZE } from '../../lib/docx.ts';
import { formatShanghai } from '../../lib/shanghai-time.ts';

/** docx sizes are half-points: 小四 = 12 pt, 四号 = 14 pt, 小二 = 18 pt. */

export interface CaseDocumentInput {
  campaign: { year: number; title: string };
  track: { name: string; kind: 'case' | 'ambassador' };
  unitName: string;
  receiptNo: string | null;
  /** null: a draft (not yet sent). */
  status: FormCheckStatus | null;
  submittedAt: Date | null;
  versionNo: number | null;
  template: FormTemplate;
  content: CaseContent;
}

/** A paragraph per line, first-line indent of two characters as Chinese prose is set. */
function prose(text: string): Paragraph[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return [new Paragraph({ children: [run('(未填写)', { italics: true })] })];
  return lines.map((line) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(line)] }));
}

function table(rows: TableRow[]): Table {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

/** The facts of the case as label/value lines of a two-column table. */
function factsTable(input: CaseDocumentInput): Table {
  const c = input.content;
  const trackName = c.subtype?.name ? `${input.track.name}(${c.subtype.name})` : input.track.name;
  const facts: [string, string][] = [
    ['回执编号', input.receiptNo ?? '(尚未提交)'],
    ['项目类别', trackName],
    ['申报单位', input.unitName],
    ['联系人', c.contact.name ?? ''],
    ['联系方式', c.contact.phone ?? ''],
  ];
  if (input.track.kind === 'case') {
    facts.push(['实施情况', c.implementation ? implementationLabels[c.implementation] : '未选择']);
    facts.push(['集体项目', c.isCollective ? `是(牵头分管领导:${c.collectiveLeaderName ?? '未填写'})` : '否']);
  }
  facts.push(['状态', input.status ? formCheckStatusLabels[input.status] : '草稿']);
  if (input.submittedAt) {
    facts.push(['提交时间', `${formatShanghai(input.submittedAt)}${input.versionNo ? ` 第 ${input.versionNo} 版` : ''}`]);
  }
  return table(
    facts.map(
      ([label, value]) => new TableRow({ children: [cell(label, { bold: true, width: 22, shade: true }), cell(value, { width: 78 })] }),
    ),
  );
}

/** Students as a table: name, student number, major, grade — never ID numbers or phone numbers. */
function studentsTable(students: CaseContent['students']): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['姓名', '学号', '专业', '年级'].map((h) => cell(h, { bold: true, shade: true, width: 25 })),
  });
  return table([
    header,
    ...students.map(
      (s) =>
        new TableRow({ children: [cell(s.name), cell(s.studentNo), cell(s.major ?? s.programme), cell(s.grade ? `${s.grade} 年级` : '')] }),
    ),
  ]);
}

/** The ambassador's publicity activities: kind, title, date, place, audience. */
function activitiesTable(activities: CaseContent['activities']): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['活动类型', '活动名称', '日期', '地点', '受众人数'].map((h) => cell(h, { bold: true, shade: true, width: 20 })),
  });
  return table([
    header,
    ...activities.map(
      (a) =>
        new TableRow({
          children: [cell(ambassadorActivityLabels[a.kind]), cell(a.title), cell(a.heldOn), cell(a.place), cell(String(a.audience))],
        }),
    ),
  ]);
}

export async function buildCaseDocument(input: CaseDocumentInput): Promise<Buffer> {
  const c = input.content;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: c.title || '(未填写项目名称)', font: HEADING_FONT, size: SIZE.title, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`${input.campaign.title} · ${input.track.name}`, { color: '555555' })],
    }),
    factsTable(input),
  ];

  if (c.priorityTags.length > 0) {
    children.push(heading('重点方向'));
    for (const t of c.priorityTags) {
      children.push(
        new Paragraph({
          spacing: { line: 360 },
          children: [run(`${priorityTagLabels[t.tag] ?? t.tag}:`, { bold: true }), run(t.justification || '(未填写说明)')],
        }),
      );
    }
  }

  if (c.summary.trim()) {
    children.push(heading('摘要'), ...prose(c.summary));
  }

  // The template's sections in its order, then any text under a section the template no longer has.
  const known = new Set(input.template.sections.map((s) => s.key));
  const sections = [
    ...input.template.sections.map((s) => ({ title: s.title, text: c.sections[s.key] ?? '' })),
    ...Object.entries(c.sections)
      .filter(([k, v]) => !known.has(k) && v.trim())
      .map(([k, v]) => ({ title: k, text: v })),
  ];
  for (const s of sections) children.push(heading(s.title), ...prose(s.text));

  children.push(heading(input.track.kind === 'ambassador' ? '被推荐学生' : '涉及学生'));
  children.push(c.students.length ? studentsTable(c.students) : new Paragraph({ children: [run('(无)')] }));

  if (c.activities.length) {
    children.push(heading('宣传活动记录'));
    children.push(activitiesTable(c.activities));
  }

  children.push(heading('附件'));
  if (c.attachments.length === 0) children.push(new Paragraph({ children: [run('(无)')] }));
  const slotLabels = new Map(input.template.attachmentSlots.map((s) => [s.key, s.label]));
  c.attachments.forEach((a, i) => {
    children.push(new Paragraph({ children: [run(`${i + 1}. ${slotLabels.get(a.slot) ?? a.slot}:${a.name}`)] }));
  });

  return a4Document({ title: c.title, children });
}
