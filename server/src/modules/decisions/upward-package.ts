/**
 * The upward package (上报材料) of one track: one .zip for the province, streamed.
 *
 *   推荐名单.xlsx                       the notice's five columns, in ranking order
 *   封面.docx                           cover sheet: campaign, track, counts, date, contact
 *   <受理编号>-<标题>/<受理编号>-<标题>.docx   the case as printed
 *   <受理编号>-<标题>/<original names>       its attachments, streamed from the store
 *
 * Entries are stored, not deflated (the attachments are PDF, Office and image
 * files, already compressed), every size is known in advance, so yazl gives
 * the exact Content-Length before the first byte and the browser can show
 * progress. Only the generated documents (a few tens of kB each) are held in
 * memory; attachments are opened one at a time as the zip reaches them.
 */
import type { Readable } from 'node:stream';
import { AlignmentType, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import { ZipFile } from 'yazl';
import type { FormTemplate } from '../../../../contracts/form-template.ts';
import { a4Document, cell, HEADING_FONT, run, SIZE } from '../../lib/docx.ts';
import { formatShanghai } from '../../lib/shanghai-time.ts';
import type { Db } from '../../db/database.ts';
import type { FileStorage } from '../../storage/file-storage.ts';
import { buildCaseDocument } from '../exports/case-document.ts';
import { buildRecommendationList, recommendationRows } from '../exports/recommendation-list.ts';
import { contentFromSnapshot, formCheckStatusOf } from '../form-check/form-check.presenter.ts';
import { latestSnapshots } from '../form-check/form-check.repository.ts';
import { caseSnapshot } from '../submissions/submissions.commands.ts';
import { findSubmission } from '../submissions/submissions.repository.ts';
import { found } from '../../errors.ts';
import * as repo from './decisions.repository.ts';
import { shanghaiWallClock } from '../../lib/shanghai-time.ts';

/** The notice's columns: 项目类别、项目名称、申报单位、联系人、联系方式. */
export const PACKAGE_LIST_COLUMNS = 5;

export type PackageEntry =
  { path: string; kind: 'buffer'; buffer: Buffer } | { path: string; kind: 'stored'; storageKey: string; size: number; sha256: string };

export interface PackagePlan {
  fileName: string;
  cases: number;
  entries: PackageEntry[];
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A path segment Windows Explorer accepts: no \ / : * ? " < > | or control
 * characters, no trailing dot or space, no reserved device name, at most `max`
 * characters (the extension kept), so that a folder plus a file stays far
 * below the 260-character path limit.
 */
export function windowsSafeName(name: string, max = 60): string {
  let cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/[. ]+$/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  let stem = ext ? cleaned.slice(0, dot) : cleaned;
  if ([...stem].length + ext.length > max) stem = [...stem].slice(0, Math.max(1, max - ext.length)).join('');
  stem = stem.replace(/[. ]+$/, '');
  cleaned = `${stem || '未命名'}${ext}`;
  return WINDOWS_RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Keeps names unique inside one folder (Windows compares them case-insensitively): 附件.pdf, 附件(2).pdf… */
function uniqueIn(taken: Set<string>, name: string): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${stem}(${i})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

async function coverSheet(
  track: repo.DecisionTrackRow,
  counts: { cases: number; attachments: number; units: number },
  now: Date,
): Promise<Buffer> {
  const contact = [track.contact_name, track.contact_phone, track.contact_email].filter(Boolean).join(' ');
  const facts: [string, string][] = [
    ['活动名称', track.campaign_title],
    ['项目类别', track.name],
    ['推荐省级案例', `${counts.cases} 项(涉及 ${counts.units} 个申报单位)`],
    ['原始附件', `${counts.attachments} 个`],
    ['材料清单', '推荐名单.xlsx;每个案例一个文件夹(受理编号-项目名称),内含案例文档(.docx)及申报单位上传的原始附件'],
    ['牵头单位', track.host_unit_name ?? '江苏联合职业技术学院'],
    ['联系人', contact || '学生管理处'],
    ['生成日期', formatShanghai(now)],
  ];
  return a4Document({
    title: `${track.campaign_title}${track.name}上报材料`,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 1200, after: 240 },
        children: [new TextRun({ text: track.campaign_title, font: HEADING_FONT, size: SIZE.title, bold: true })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 600 },
        children: [new TextRun({ text: `${track.name} · 省级遴选上报材料`, font: HEADING_FONT, size: SIZE.heading, bold: true })],
      }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: facts.map(
          ([label, value]) => new TableRow({ children: [cell(label, { bold: true, width: 25, shade: true }), cell(value, { width: 75 })] }),
        ),
      }),
      new Paragraph({ spacing: { before: 480 }, children: [run('江苏联合职业技术学院 学生管理处', { bold: true })] }),
    ],
  });
}

/** Everything that goes into the zip, in order; the documents are generated here, attachments only listed. */
export async function planPackage(
  db: Db,
  track: repo.DecisionTrackRow,
  order: Map<number, number>,
  now = new Date(),
): Promise<PackagePlan> {
  const rows = (await repo.listReleasedProvincial(db, track.id)).sort(
    (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER),
  );
  const ids = rows.map((r) => r.id);
  const [snapshots, attachments] = await Promise.all([latestSnapshots(db, ids), repo.listPackageAttachments(db, ids)]);

  const entries: PackageEntry[] = [];
  const listRows = await recommendationRows(db, rows);
  entries.push({
    path: '推荐名单.xlsx',
    kind: 'buffer',
    buffer: await buildRecommendationList(`${track.campaign_title}省级推荐名单(${track.name})`, listRows, now, PACKAGE_LIST_COLUMNS),
  });
  entries.push({
    path: '封面.docx',
    kind: 'buffer',
    buffer: await coverSheet(
      track,
      { cases: rows.length, attachments: attachments.length, units: new Set(rows.map((r) => r.unit_id)).size },
      now,
    ),
  });

  const folders = new Set<string>(['推荐名单.xlsx', '封面.docx']);
  for (const row of rows) {
    const latest = snapshots.get(row.id);
    // The version sent (as the form check saw it); a case without one (imported data) is printed as it stands.
    const content = contentFromSnapshot(
      latest?.snapshot ?? (await caseSnapshot(db, found(await findSubmission(db, row.id)), row.receipt_no)),
    );
    const title = content.title || row.title;
    const folder = uniqueIn(folders, windowsSafeName(`${row.receipt_no ?? row.id}-${title}`, 60));
    const taken = new Set<string>();
    const docName = uniqueIn(taken, windowsSafeName(`${folder}.docx`, 64));
    entries.push({
      path: `${folder}/${docName}`,
      kind: 'buffer',
      buffer: await buildCaseDocument({
        campaign: { year: track.campaign_year, title: track.campaign_title },
        track: { name: track.name, kind: track.kind },
        unitName: row.unit_name,
        receiptNo: row.receipt_no,
        status: formCheckStatusOf(row),
        submittedAt: row.submitted_at,
        versionNo: latest?.versionNo ?? null,
        template: track.form_template as FormTemplate,
        content,
      }),
    });
    for (const a of attachments.filter((x) => x.submission_id === row.id)) {
      entries.push({
        path: `${folder}/${uniqueIn(taken, windowsSafeName(a.original_name, 80))}`,
        kind: 'stored',
        storageKey: a.storage_key,
        size: Number(a.size_bytes),
        sha256: a.sha256,
      });
    }
  }
  return { fileName: windowsSafeName(`${track.campaign_year}年${track.name}省级推荐上报材料.zip`, 80), cases: rows.length, entries };
}

export const entryBytes = (e: PackageEntry) => (e.kind === 'buffer' ? e.buffer.length : e.size);

/**
 * The zip as a stream, and its exact size (known before the first byte, since
 * every entry is stored with a known size). Attachments are opened lazily, one
 * at a time, as the zip reaches them.
 */
export function streamPackage(
  storage: FileStorage,
  plan: PackagePlan,
  mtime = shanghaiWallClock(),
): Promise<{ stream: Readable; size: number }> {
  const zip = new ZipFile();
  // A file missing from the store ends the download with an error rather than a silently short zip.
  zip.on('error', (err: Error) => (zip.outputStream as Readable).destroy(err));
  for (const e of plan.entries) {
    if (e.kind === 'buffer') zip.addBuffer(e.buffer, e.path, { compress: false, mtime });
    else zip.addReadStreamLazy(e.path, { compress: false, size: e.size, mtime }, (cb) => cb(null, storage.createReadStream(e.storageKey)));
  }
  return new Promise((resolve) => {
    // @types/yazl omits the callback's argument: the total size, or -1 when unknown.
    // forceZip64Format (the end records only): yazl 3.3's size calculation adds the zip64
    // end records once the central directory passes 64 KB (~500 entries with Chinese
    // names), but writes them only past 4 GB — forcing them keeps Content-Length exact.
    (zip.end as (options: object, cb: (size: number) => void) => void)({ forceZip64Format: true }, (size) => {
      resolve({ stream: zip.outputStream as Readable, size });
    });
  });
}
