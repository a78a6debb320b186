import type { FormTemplate } from '../../../../contracts/form-template.ts';
import type { SubmissionPrivacyDto } from '../../../../contracts/pii.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { findStoredFiles, type StoredFileRow } from '../files/files.repository.ts';
import { eligibilityOf, type SubmitFacts } from './submission-checks.ts';
import { assessPrivacy, caseFiles, caseTexts, fileScans, type ScanNow } from './submission-privacy.ts';
import { listAcknowledgements } from './submission-privacy.repository.ts';
import { submissionTarget } from './submissions.presenter.ts';
import * as repo from './submissions.repository.ts';
import type { SubmissionRow } from './submissions.repository.ts';

/** What the submit check looks at for one case, and its privacy check (part of it). */
export interface CaseCheck {
  facts: SubmitFacts;
  privacy: SubmissionPrivacyDto;
}

/** One case's students, attachments, activities and evidence files: loaded once where a request needs them twice. */
export interface CaseParts {
  students: Awaited<ReturnType<typeof repo.listStudentsOf>>;
  attachments: Awaited<ReturnType<typeof repo.listAttachmentsOf>>;
  activities: Awaited<ReturnType<typeof repo.listActivitiesOf>>;
  evidenceFiles: StoredFileRow[];
}

export async function loadCaseParts(db: DbOrTrx, submissionId: number): Promise<CaseParts> {
  const [students, attachments, activities] = await Promise.all([
    repo.listStudentsOf(db, [submissionId]),
    repo.listAttachmentsOf(db, [submissionId]),
    repo.listActivitiesOf(db, [submissionId]),
  ]);
  const evidenceFiles = await findStoredFiles(db, [...new Set(activities.flatMap((a) => a.evidence_file_ids))]);
  return { students, attachments, activities, evidenceFiles };
}

export interface CaseCheckOptions {
  /** The parts of the (one) case checked, when the caller has them already: not read again. */
  parts?: CaseParts;
  /** Whether the case must still win a place (a draft) — a returned case keeps its own. */
  countQuota: (row: SubmissionRow) => boolean;
  /** With it, attachments never scanned (or scanned by an older scanner) are scanned now, waiting as long as it says. */
  scan?: ScanNow | null;
  today?: Date;
}

/**
 * The submit check's facts of several cases at once, in a fixed number of
 * set-based queries whatever their number: the one place they are loaded, for
 * the submit itself (one case, under its locks), a case's detail and a list.
 * Quota and duplicate nominations are read as of now.
 */
export async function loadCaseChecks(db: DbOrTrx, rows: SubmissionRow[], options: CaseCheckOptions): Promise<Map<number, CaseCheck>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const quotaRows = rows.filter(options.countQuota);
  const pairs = quotaRows.map((r) => ({ trackId: r.track_id, unitId: r.unit_id }));
  const given = options.parts;
  const [students, attachments, activities, subtypeCounts, acknowledgements, quotas, used] = await Promise.all([
    given?.students ?? repo.listStudentsOf(db, ids),
    given?.attachments ?? repo.listAttachmentsOf(db, ids),
    given?.activities ?? repo.listActivitiesOf(db, ids),
    repo.countSubtypesOf(db, [...new Set(rows.map((r) => r.track_id))]),
    listAcknowledgements(db, ids),
    repo.quotasOf(db, pairs),
    repo.usedPlacesOf(db, pairs),
  ]);
  const ambassadorIds = new Set(rows.filter((r) => r.track_kind === 'ambassador').map((r) => r.id));
  const nomineeNos = [...new Set(students.filter((s) => ambassadorIds.has(s.submission_id)).map((s) => s.student_no))];
  const [evidenceFiles, nominations] = await Promise.all([
    given?.evidenceFiles ?? findStoredFiles(db, [...new Set(activities.flatMap((a) => a.evidence_file_ids))]),
    repo.findSentNominations(db, [...new Set(rows.map((r) => r.campaign_id))], nomineeNos),
  ]);

  const byCase = <T extends { submission_id: number }>(list: T[], id: number) => list.filter((x) => x.submission_id === id);
  const texts = new Map<number, ReturnType<typeof caseTexts>>();
  const files = new Map<number, ReturnType<typeof caseFiles>>();
  for (const row of rows) {
    const caseActivities = byCase(activities, row.id);
    texts.set(row.id, caseTexts(row, byCase(students, row.id), caseActivities));
    files.set(row.id, caseFiles(row, byCase(attachments, row.id), caseActivities, evidenceFiles));
  }
  const scans = await fileScans(db, options.scan ?? null, [...files.values()].flat());

  const checks = new Map<number, CaseCheck>();
  for (const row of rows) {
    const caseStudents = byCase(students, row.id);
    const slotCounts: Record<string, number> = {};
    for (const a of byCase(attachments, row.id)) slotCounts[a.slot_key] = (slotCounts[a.slot_key] ?? 0) + 1;
    const taken = ambassadorIds.has(row.id)
      ? nominations.filter((n) => n.campaign_id === row.campaign_id && n.id !== row.id).map((n) => n.student_no)
      : [];
    const key = repo.quotaKey(row.track_id, row.unit_id);
    const privacy = assessPrivacy(texts.get(row.id)!, files.get(row.id)!, scans, byCase(acknowledgements, row.id), options.today);
    checks.set(row.id, {
      privacy,
      facts: {
        target: submissionTarget(row),
        trackKind: row.track_kind,
        subtypeCount: subtypeCounts.get(row.track_id) ?? 0,
        subtypeId: row.subtype_id,
        template: row.form_template as FormTemplate,
        title: row.title,
        sections: row.sections,
        implementation: row.implementation,
        isCollective: row.is_collective,
        collectiveLeaderName: row.collective_leader_name,
        priorityTags: row.priority_tags,
        contactName: row.contact_name,
        contactPhone: row.contact_phone,
        students: caseStudents.map((s) => ({
          name: s.name,
          studentNo: s.student_no,
          programme: s.programme,
          grade: s.grade,
          consentAt: s.consent_at,
        })),
        slotCounts,
        eligibility: eligibilityOf(row.campaign_settings),
        nomineeTakenElsewhere: [...new Set(taken.filter((no) => caseStudents.some((s) => s.student_no === no)))],
        quota: options.countQuota(row)
          ? { quota: quotas.get(key) ?? 0, usedByOthers: (used.get(key) ?? []).filter((id) => id !== row.id).length }
          : null,
        pii: privacy.findings
          .filter((f) => !f.acknowledgement)
          .map((f) => ({ field: f.field, where: f.where, kind: f.kind, masked: f.masked, inFile: f.fileId !== null })),
        piiPending: files
          .get(row.id)!
          .filter((f) => !scans.has(f.id))
          .map((f) => ({ field: f.field, where: f.where })),
      },
    });
  }
  return checks;
}

/** The case's quota fact as of now: its (track, unit) quota and the places others hold. Read under the quota lock when it counts. */
export async function quotaFact(db: DbOrTrx, row: SubmissionRow): Promise<NonNullable<SubmitFacts['quota']>> {
  const pairs = [{ trackId: row.track_id, unitId: row.unit_id }];
  const key = repo.quotaKey(row.track_id, row.unit_id);
  const [quotas, used] = await Promise.all([repo.quotasOf(db, pairs), repo.usedPlacesOf(db, pairs)]);
  return { quota: quotas.get(key) ?? 0, usedByOthers: (used.get(key) ?? []).filter((id) => id !== row.id).length };
}
