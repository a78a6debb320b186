import type { FormTemplate } from '../../../../contracts/form-template.ts';
import type { SubmissionPiiFindingDto, SubmissionPrivacyDto } from '../../../../contracts/pii.ts';
import { priorityTagLabels, type PriorityTag } from '../../../../contracts/priorities.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { extractLimits, readAtMost, uncheckedKind } from '../../lib/pii/extract-text.ts';
import { uncheckedScan, type DocumentScan } from '../../lib/pii/scan-document.ts';
import { documentScanPool, type DocumentScanPool } from '../../lib/pii/scan-pool.ts';
import { scanText } from '../../lib/pii/scan.ts';
import type { FileStorage } from '../../storage/file-storage.ts';
import { findFileScans, saveFileScan, type AcknowledgementRow, type FileScanRow } from './submission-privacy.repository.ts';

/**
 * The PII check of a case before it goes upward (product.md, "Privacy rules"):
 * its free text is scanned whenever the check runs (it is cheap); each attachment
 * once, when it is uploaded, its findings kept by stored file. A finding blocks
 * the submission until the text is changed or the unit acknowledges it with a
 * reason; the acknowledgement is keyed by the value's fingerprint, so it holds
 * wherever that value appears in the case.
 */

/** Raise when the scanner finds more or differently: files scanned by an older version are scanned again. */
export const PII_SCANNER_VERSION = 1;

// ---- attachments: scanned once ----

export interface ScannableFile {
  id: number;
  storage_key: string;
  extension: string;
}

/**
 * Reads a stored file, has the scan pool extract and scan its text (off the
 * event loop), records the result. A file that cannot be read is recorded as
 * unchecked, never an error.
 */
export async function scanStoredFile(
  db: DbOrTrx,
  storage: FileStorage,
  file: ScannableFile,
  today = new Date(),
  pool: DocumentScanPool = documentScanPool,
): Promise<FileScanRow> {
  const unchecked = uncheckedKind(file.extension);
  let scan: DocumentScan;
  if (unchecked) scan = uncheckedScan(unchecked.reason);
  else {
    const data = await readAtMost(storage, file.storage_key, extractLimits.maxBytes).catch(() => undefined);
    if (data === undefined) scan = uncheckedScan('unreadable');
    else if (data === null) scan = uncheckedScan('too_large');
    else scan = await pool.scan(data, file.extension, today);
  }
  return saveFileScan(db, file.id, { ...scan, scannerVersion: PII_SCANNER_VERSION });
}

/** Whether a file's recorded scan is the current scanner's. */
export const isScanCurrent = (scan: FileScanRow | undefined): scan is FileScanRow =>
  scan !== undefined && scan.scanner_version >= PII_SCANNER_VERSION;

/**
 * How long an answer waits for a file's scan before it reports the scan as
 * pending; the scan goes on and is recorded when ready. An upload waits long
 * (the user expects its findings), a page little, a submit long enough for any
 * ordinary queue — and then refuses (pii_scan_pending), never passes the file.
 */
export const scanWaits = { upload: 15_000, detail: 2_000, submit: 10_000 } as const;

/** Scanning while answering: where the result is written (never a transaction: the scan may outlive it), the store, how long to wait. */
export interface ScanNow {
  db: Db;
  storage: FileStorage;
  waitMs: number;
}

const scansUnderWay = new Map<number, Promise<FileScanRow | null>>();

/**
 * Scans the file unless its scan is already under way, and waits for it at most
 * `waitMs`. Null when not done by then, or when the file was removed meanwhile.
 */
export async function scanFile(scan: ScanNow, file: ScannableFile): Promise<FileScanRow | null> {
  let running = scansUnderWay.get(file.id);
  if (!running) {
    running = scanStoredFile(scan.db, scan.storage, file)
      .catch(() => null)
      .finally(() => scansUnderWay.delete(file.id));
    scansUnderWay.set(file.id, running);
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), scan.waitMs);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The scans of these files; with `scan`, files never scanned (or scanned by an
 * older scanner) are scanned now, waiting as long as it allows. Without it they
 * are simply absent (or stale) — never scan inside a transaction that holds
 * locks: a scan waits for a worker.
 */
export async function fileScans(db: DbOrTrx, scan: ScanNow | null, files: ScannableFile[]): Promise<Map<number, FileScanRow>> {
  const scans = new Map((await findFileScans(db, [...new Set(files.map((f) => f.id))])).map((s) => [s.file_id, s]));
  if (scan) {
    const todo = files.filter((f, i) => !isScanCurrent(scans.get(f.id)) && files.findIndex((g) => g.id === f.id) === i);
    for (const done of await Promise.all(todo.map((file) => scanFile(scan, file)))) if (done) scans.set(done.file_id, done);
  }
  return scans;
}

// ---- what a case holds ----

/** A piece of the case's free text, with where it is in the form. */
export interface CaseText {
  field: string;
  where: string;
  text: string;
}

/** A file of the case, with where it is in the form. */
export interface CaseFile extends ScannableFile {
  name: string;
  field: string;
  where: string;
}

interface CaseContent {
  track_kind: 'case' | 'ambassador';
  form_template: unknown;
  title: string;
  summary: string;
  sections: Record<string, string>;
  priority_tags: { tag: string; justification: string }[];
}

/**
 * Every free-text field of the case: title, summary, the template's sections,
 * the priority tags' justifications, the students' consent notes and the
 * ambassador's activities. Names, 学号 and the contact (meant to be a phone
 * number: the recommendation list needs it) are structured fields, not scanned.
 */
export function caseTexts(
  row: CaseContent,
  students: { name: string; consent_note: string | null }[],
  activities: { id: number; title: string; place: string; description: string | null }[],
): CaseText[] {
  const template = row.form_template as FormTemplate;
  const texts: CaseText[] = [
    { field: 'title', where: '项目名称', text: row.title },
    { field: 'summary', where: row.track_kind === 'case' ? '案例摘要' : '推荐理由摘要', text: row.summary },
  ];
  for (const section of template.sections) {
    texts.push({ field: `sections.${section.key}`, where: `“${section.title}”栏目`, text: row.sections[section.key] ?? '' });
  }
  row.priority_tags.forEach((t, i) => {
    const label = priorityTagLabels[t.tag as PriorityTag] ?? t.tag;
    texts.push({ field: `priorityTags.${i}.justification`, where: `重点方向“${label}”的说明`, text: t.justification });
  });
  students.forEach((s, i) => {
    if (s.consent_note) texts.push({ field: `students.${i}.consentNote`, where: `学生“${s.name}”的同意说明`, text: s.consent_note });
  });
  for (const a of activities) {
    texts.push({
      field: `activities.${a.id}`,
      where: `宣传活动“${a.title}”`,
      text: [a.title, a.place, a.description ?? ''].join('\n'),
    });
  }
  return texts.filter((t) => t.text.trim());
}

/** The case's files: attachments in their slots, and the activities' evidence. */
export function caseFiles(
  row: { form_template: unknown },
  attachments: (ScannableFile & { slot_key: string; original_name: string })[],
  activities: { id: number; title: string; evidence_file_ids: number[] }[],
  evidenceFiles: (ScannableFile & { original_name: string })[],
): CaseFile[] {
  const template = row.form_template as FormTemplate;
  const files: CaseFile[] = attachments.map((a) => {
    const slot = template.attachmentSlots.find((s) => s.key === a.slot_key);
    return {
      id: a.id,
      storage_key: a.storage_key,
      extension: a.extension,
      name: a.original_name,
      field: `attachments.${a.slot_key}`,
      where: `附件“${a.original_name}”${slot ? `(${slot.label})` : ''}`,
    };
  });
  for (const a of activities) {
    for (const id of a.evidence_file_ids) {
      const f = evidenceFiles.find((x) => x.id === id);
      if (!f) continue;
      files.push({
        id: f.id,
        storage_key: f.storage_key,
        extension: f.extension,
        name: f.original_name,
        field: `activities.${a.id}`,
        where: `宣传活动“${a.title}”的佐证“${f.original_name}”`,
      });
    }
  }
  return files;
}

/**
 * The privacy check of a case: every finding where it is, acknowledged or not,
 * and the files a person must check by hand. A file without a scan yet is not
 * here: the submit check refuses it as pending — it never passes silently.
 */
export function assessPrivacy(
  texts: CaseText[],
  files: CaseFile[],
  scans: Map<number, FileScanRow>,
  acknowledgements: AcknowledgementRow[],
  today = new Date(),
): SubmissionPrivacyDto {
  const acks = new Map(acknowledgements.map((a) => [a.fingerprint, a]));
  const findings: SubmissionPiiFindingDto[] = [];
  const seen = new Set<string>();
  const add = (
    field: string,
    where: string,
    fileId: number | null,
    f: Omit<SubmissionPiiFindingDto, 'field' | 'where' | 'fileId' | 'acknowledgement'>,
  ) => {
    // One entry per value per place: the same number three times in a section is one thing to fix.
    const key = `${field}|${fileId ?? ''}|${f.fingerprint}`;
    if (seen.has(key)) return;
    seen.add(key);
    const ack = acks.get(f.fingerprint);
    findings.push({
      fingerprint: f.fingerprint,
      kind: f.kind,
      excerpt: f.excerpt,
      masked: f.masked,
      where,
      field,
      fileId,
      acknowledgement: ack
        ? {
            id: ack.id,
            reason: ack.reason,
            by: ack.acknowledged_by ? { id: ack.acknowledged_by, displayName: ack.acknowledged_by_name ?? '' } : null,
            at: ack.acknowledged_at.toISOString(),
          }
        : null,
    });
  };
  for (const t of texts) for (const f of scanText(t.text, today)) add(t.field, t.where, null, f);
  const unchecked: SubmissionPrivacyDto['unchecked'] = [];
  for (const file of files) {
    const scan = scans.get(file.id);
    // Not scanned yet: the submit check reports it as pending (pii_scan_pending).
    if (!scan) continue;
    if (scan.status === 'unchecked') {
      unchecked.push({
        fileId: file.id,
        name: file.name,
        where: file.where,
        field: file.field,
        reason: scan.unchecked_reason ?? 'unreadable',
      });
      continue;
    }
    for (const f of scan.findings) add(file.field, file.where, file.id, f);
  }
  return { findings, unchecked };
}
