import type { FastifyInstance } from 'fastify';
import type { AttachmentSlot, FormTemplate } from '../../../../contracts/form-template.ts';
import { piiKindLabels, type AcknowledgePiiInput, type SubmissionPrivacyDto } from '../../../../contracts/pii.ts';
import type {
  ActivityInput,
  CreateSubmissionInput,
  ReplaceStudentsInput,
  SubmissionDetail,
  SubmissionListItem,
  SubmitProblem,
  UpdateSubmissionInput,
} from '../../../../contracts/submissions.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { SubmissionsTable } from '../../db/schema.ts';
import { AppError, ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  isUnitStaff,
  whyNotAcknowledgePii,
  whyNotApproveSubmission,
  whyNotCreateSubmission,
  whyNotDeleteSubmission,
  whyNotEditSubmission,
  whyNotSelectSubmission,
  whyNotSubmitSubmission,
  whyNotViewSubmission,
  whyNotWithdrawSubmission,
} from '../../policies/submission-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { findStoredFiles, isFileInHistory, type StoredFileRow } from '../files/files.repository.ts';
import { discardStoredFile } from '../files/files.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { FileStorage } from '../../storage/file-storage.ts';
import { submitProblems } from './submission-checks.ts';
import { loadCaseChecks, loadCaseParts, quotaFact, type CaseParts } from './submission-facts.ts';
import { PII_SCANNER_VERSION, scanFile, scanWaits, type ScanNow } from './submission-privacy.ts';
import {
  deleteAcknowledgement,
  findAcknowledgement,
  findUnscannedCaseFiles,
  upsertAcknowledgement,
} from './submission-privacy.repository.ts';
import { presentSubmissionDetail, presentSubmissionListItem, submissionStatus, submissionTarget } from './submissions.presenter.ts';
import * as repo from './submissions.repository.ts';
import type { SubmissionRow } from './submissions.repository.ts';
import type { Updateable } from 'kysely';

// ---- loading with authorisation ----

/** Loads a live submission the actor may see; others learn nothing beyond the refusal. */
export async function loadVisibleSubmission(db: DbOrTrx, actor: Actor, id: number, options: { forUpdate?: boolean } = {}) {
  const row = found(await repo.findSubmission(db, id, options));
  ensure(whyNotViewSubmission(actor, submissionTarget(row)));
  return row;
}

async function loadForEdit(db: DbOrTrx, actor: Actor, id: number, options: { forUpdate?: boolean } = {}) {
  const row = await loadVisibleSubmission(db, actor, id, options);
  ensure(whyNotEditSubmission(actor, submissionTarget(row)));
  return row;
}

/**
 * The full case as the actor may see it, with abilities, and for the unit its
 * privacy check and (while editable) what submit would refuse. With `scan`,
 * attachments not yet scanned are scanned now (waiting as long as it says).
 */
export async function submissionDetail(
  db: DbOrTrx,
  actor: Actor,
  row: SubmissionRow,
  options: { scan?: ScanNow | null; now?: Date } = {},
): Promise<SubmissionDetail> {
  const now = options.now ?? new Date();
  const [parts, versions, events] = await Promise.all([
    loadCaseParts(db, row.id),
    repo.listVersions(db, row.id),
    repo.listEvents(db, row.id),
  ]);
  const { students, attachments, activities, evidenceFiles } = parts;
  const staff = isUnitStaff(actor, row.unit_id);
  const status = submissionStatus(row);
  let quota = null;
  let problems: SubmitProblem[] | null = null;
  let privacy: SubmissionPrivacyDto | null = null;
  if (staff) {
    quota = (await repo.quotaUsage(db, row.campaign_id, row.unit_id)).find((q) => q.trackId === row.track_id) ?? null;
    const check = (await loadCaseChecks(db, [row], { parts, countQuota: () => status === 'draft', scan: options.scan, today: now })).get(
      row.id,
    )!;
    privacy = check.privacy;
    if (status === 'draft' || status === 'returned') problems = submitProblems(check.facts, now);
  }
  return presentSubmissionDetail(
    actor,
    row,
    { students, attachments, activities, evidenceFiles, versions, events, quota, problems, privacy },
    now,
  );
}

/**
 * A page of the list, each item with the abilities its detail would have and,
 * for the unit's staff while editable, how many problems a submit would meet —
 * checked for the whole page at once (loadCaseChecks), not case by case.
 * Attachments are not scanned here: one never scanned counts as to be checked by hand.
 */
export async function presentListItems(db: DbOrTrx, actor: Actor, rows: SubmissionRow[], now = new Date()): Promise<SubmissionListItem[]> {
  const editable = (row: SubmissionRow) => {
    const status = submissionStatus(row);
    return isUnitStaff(actor, row.unit_id) && (status === 'draft' || status === 'returned');
  };
  const checks = await loadCaseChecks(db, rows.filter(editable), {
    countQuota: (row) => submissionStatus(row) === 'draft',
    today: now,
  });
  return rows.map((row) => {
    const check = checks.get(row.id);
    return presentSubmissionListItem(actor, row, check ? submitProblems(check.facts, now) : null, now);
  });
}

// ---- drafting ----

export async function createDraft(db: Db, actor: Actor, input: CreateSubmissionInput, audit: AuditContext): Promise<number> {
  ensure(whyNotCreateSubmission(actor));
  const track = found(await repo.findTrackForDrafting(db, input.trackId));
  if (track.campaign_status !== 'open') throw new AppError('campaign_not_open');
  if (input.subtypeId) {
    const subtype = await repo.findSubtype(db, input.subtypeId);
    if (!subtype || subtype.track_id !== track.id) throw new AppError('subtype_invalid');
  }
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertSubmission(trx, {
      campaignId: track.campaign_id,
      trackId: track.id,
      subtypeId: input.subtypeId ?? null,
      unitId: actor.unitId!,
      createdBy: actor.id,
      title: input.title ?? '',
    });
    await repo.insertEvent(trx, id, 'created', actor.id);
    await recordAudit(trx, audit, {
      action: 'submission.created',
      entityType: 'submission',
      entityId: id,
      summary: { after: { trackId: track.id, unitId: actor.unitId, title: input.title ?? '' } },
    });
    return id;
  });
}

/**
 * Bumps the revision of an editable case, or tells why not: someone saved first
 * (conflict, with the current revision) or the case got locked meanwhile.
 */
async function saveContent(
  db: DbOrTrx,
  actor: Actor,
  row: SubmissionRow,
  expectedRevision: number | null,
  changes: Updateable<SubmissionsTable>,
) {
  const saved = await repo.updateSubmissionContent(db, row.id, expectedRevision, changes);
  if (saved) return saved;
  const now = found(await repo.findSubmission(db, row.id));
  ensure(whyNotEditSubmission(actor, submissionTarget(now)));
  throw new AppError('conflict', { details: { currentRevision: now.revision } });
}

/** Autosave: shape-checked, never completeness-checked; a stale revision is a 409 with the current one. */
export async function updateDraft(db: Db, actor: Actor, id: number, input: UpdateSubmissionInput) {
  const row = await loadForEdit(db, actor, id);
  const template = row.form_template as FormTemplate;
  const issues: { path: string; message: string }[] = [];
  if (input.sections) {
    const keys = new Set(template.sections.map((s) => s.key));
    for (const key of Object.keys(input.sections)) {
      if (!keys.has(key)) issues.push({ path: `sections.${key}`, message: '该栏目不在本类别的申报模板中' });
    }
  }
  if (issues.length) throw new AppError('validation_failed', { issues });
  if (input.subtypeId) {
    const subtype = await repo.findSubtype(db, input.subtypeId);
    if (!subtype || subtype.track_id !== row.track_id) throw new AppError('subtype_invalid');
  }
  const changes: Updateable<SubmissionsTable> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.summary !== undefined) changes.summary = input.summary;
  if (input.subtypeId !== undefined) changes.subtype_id = input.subtypeId;
  // Sections merge: a save of one section keeps the others.
  if (input.sections !== undefined) changes.sections = JSON.stringify({ ...row.sections, ...input.sections });
  if (input.implementation !== undefined) changes.implementation = input.implementation;
  if (input.isCollective !== undefined) changes.is_collective = input.isCollective;
  if (input.collectiveLeaderName !== undefined) changes.collective_leader_name = input.collectiveLeaderName;
  if (input.priorityTags !== undefined) changes.priority_tags = JSON.stringify(input.priorityTags);
  if (input.contact !== undefined) {
    changes.contact_name = input.contact.name;
    changes.contact_phone = input.contact.phone;
  }
  const saved = await saveContent(db, actor, row, input.revision, changes);
  return { revision: saved.revision, updatedAt: saved.updated_at.toISOString() };
}

export async function deleteDraft(db: Db, actor: Actor, id: number, audit: AuditContext): Promise<void> {
  const row = await loadVisibleSubmission(db, actor, id);
  ensure(whyNotDeleteSubmission(actor, submissionTarget(row)));
  await db.transaction().execute(async (trx) => {
    await repo.setSubmissionFacts(trx, id, { deleted_at: new Date() });
    await repo.insertEvent(trx, id, 'deleted', actor.id);
    await recordAudit(trx, audit, {
      action: 'submission.deleted',
      entityType: 'submission',
      entityId: id,
      summary: { before: { title: row.title } },
    });
  });
}

export async function replaceStudents(db: Db, actor: Actor, id: number, input: ReplaceStudentsInput) {
  const row = await loadForEdit(db, actor, id);
  const nominee = row.track_kind === 'ambassador';
  if (nominee && input.students.length > 1) {
    throw new AppError('validation_failed', { issues: [{ path: 'students', message: '宣传大使推荐只能填写一名学生' }] });
  }
  await db.transaction().execute(async (trx) => {
    await saveContent(trx, actor, row, input.revision, {});
    await repo.replaceStudents(trx, id, nominee ? 'nominee' : 'involved', input.students);
  });
}

// ---- attachments ----

function slotOf(row: SubmissionRow, slotKey: string): AttachmentSlot {
  const slot = (row.form_template as FormTemplate).attachmentSlots.find((s) => s.key === slotKey);
  if (!slot) throw new AppError('unknown_slot');
  return slot;
}

/** Checks before the bytes arrive: who, which slot, room left. */
export async function prepareAttachmentUpload(db: Db, actor: Actor, id: number, slotKey: string) {
  const row = await loadForEdit(db, actor, id);
  const slot = slotOf(row, slotKey);
  if ((await repo.countSlotFiles(db, id, slotKey)) >= slot.maxFiles) throw tooManyFiles(slot);
  return { row, slot };
}

function tooManyFiles(slot: AttachmentSlot): AppError {
  return new AppError('too_many_files', {
    message: `“${slot.label}”最多上传 ${slot.maxFiles} 个文件,请先删除已有文件再上传。`,
    details: { maxFiles: slot.maxFiles },
  });
}

/** The scan of a new upload: started at once, waited for as long as an upload waits. */
const uploadScan = (app: FastifyInstance, file: StoredFileRow) =>
  scanFile({ db: app.db, storage: app.storage, waitMs: scanWaits.upload }, file);

/**
 * Links a stored upload into its slot: re-checks under the row lock, throws the
 * file away if refused; meanwhile its text is scanned for the privacy check
 * (once, in the scan pool), and the answer waits for that scan.
 */
export async function attachStoredFile(app: FastifyInstance, actor: Actor, id: number, slot: AttachmentSlot, file: StoredFileRow) {
  const scanned = uploadScan(app, file);
  try {
    await app.db.transaction().execute(async (trx) => {
      const row = await loadForEdit(trx, actor, id, { forUpdate: true });
      if ((await repo.countSlotFiles(trx, id, slot.key)) >= slot.maxFiles) throw tooManyFiles(slot);
      await repo.insertAttachment(trx, id, slot.key, file.id);
      await saveContent(trx, actor, row, null, {});
    });
    await scanned;
  } catch (error) {
    await discardStoredFile(app, app.db, file);
    throw error;
  }
}

export async function removeAttachment(app: FastifyInstance, actor: Actor, id: number, attachmentId: number): Promise<void> {
  const file = await app.db.transaction().execute(async (trx) => {
    const row = await loadForEdit(trx, actor, id, { forUpdate: true });
    const attachment = found(await repo.findAttachment(trx, id, attachmentId));
    await repo.deleteAttachment(trx, attachmentId);
    await saveContent(trx, actor, row, null, {});
    return attachment;
  });
  await forgetFileUnlessHistory(app, file.file_id, file.storage_key);
}

/** A file a submitted version still holds stays (the coordinator may compare versions). */
async function forgetFileUnlessHistory(app: FastifyInstance, fileId: number, storageKey: string): Promise<void> {
  if (await isFileInHistory(app.db, fileId)) return;
  await discardStoredFile(app, app.db, { id: fileId, storage_key: storageKey });
}

// ---- ambassador activities ----

async function loadAmbassadorForEdit(db: DbOrTrx, actor: Actor, id: number, options: { forUpdate?: boolean } = {}) {
  const row = await loadForEdit(db, actor, id, options);
  if (row.track_kind !== 'ambassador') throw new AppError('not_ambassador_track');
  return row;
}

export async function createActivity(db: Db, actor: Actor, id: number, input: ActivityInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await loadAmbassadorForEdit(trx, actor, id, { forUpdate: true });
    const created = await trx
      .insertInto('ambassador_activities')
      .values({
        submission_id: id,
        kind: input.kind,
        title: input.title,
        held_on: input.heldOn,
        place: input.place,
        audience: input.audience,
        description: input.description ?? null,
        evidence_file_ids: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveContent(trx, actor, row, null, {});
    return created.id;
  });
}

export async function updateActivity(db: Db, actor: Actor, id: number, activityId: number, input: ActivityInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadAmbassadorForEdit(trx, actor, id, { forUpdate: true });
    found(await repo.findActivity(trx, id, activityId));
    await trx
      .updateTable('ambassador_activities')
      .set({
        kind: input.kind,
        title: input.title,
        held_on: input.heldOn,
        place: input.place,
        audience: input.audience,
        description: input.description ?? null,
      })
      .where('id', '=', activityId)
      .execute();
    await saveContent(trx, actor, row, null, {});
  });
}

export async function deleteActivity(app: FastifyInstance, actor: Actor, id: number, activityId: number): Promise<void> {
  const fileIds = await app.db.transaction().execute(async (trx) => {
    const row = await loadAmbassadorForEdit(trx, actor, id, { forUpdate: true });
    const activity = found(await repo.findActivity(trx, id, activityId));
    await trx.deleteFrom('ambassador_activities').where('id', '=', activityId).execute();
    await saveContent(trx, actor, row, null, {});
    return activity.evidence_file_ids;
  });
  for (const f of await findStoredFiles(app.db, fileIds)) await forgetFileUnlessHistory(app, f.id, f.storage_key);
}

/** The evidence rules: the track template's 'evidence' slot if it has one, else photos, documents and videos up to 100 MB. */
export function evidenceRules(row: SubmissionRow): AttachmentSlot {
  const slot = (row.form_template as FormTemplate).attachmentSlots.find((s) => s.key === 'evidence');
  return {
    key: 'activity_evidence',
    label: '活动佐证',
    guidance: '',
    required: false,
    requiredWhenPlanned: false,
    accept: slot?.accept ?? ['jpg', 'png', 'pdf', 'docx', 'mp4', 'zip'],
    maxBytes: slot?.maxBytes ?? 100 * 1024 * 1024,
    maxFiles: 10,
  };
}

export async function prepareEvidenceUpload(db: Db, actor: Actor, id: number, activityId: number) {
  const row = await loadAmbassadorForEdit(db, actor, id);
  const activity = found(await repo.findActivity(db, id, activityId));
  const rules = evidenceRules(row);
  if (activity.evidence_file_ids.length >= rules.maxFiles) throw tooManyFiles(rules);
  return { row, rules };
}

export async function attachEvidence(app: FastifyInstance, actor: Actor, id: number, activityId: number, file: StoredFileRow) {
  const scanned = uploadScan(app, file);
  try {
    await app.db.transaction().execute(async (trx) => {
      const row = await loadAmbassadorForEdit(trx, actor, id, { forUpdate: true });
      const activity = found(await repo.findActivity(trx, id, activityId));
      const rules = evidenceRules(row);
      if (activity.evidence_file_ids.length >= rules.maxFiles) throw tooManyFiles(rules);
      await trx
        .updateTable('ambassador_activities')
        .set({ evidence_file_ids: JSON.stringify([...activity.evidence_file_ids, file.id]) })
        .where('id', '=', activityId)
        .execute();
      await saveContent(trx, actor, row, null, {});
    });
    await scanned;
  } catch (error) {
    await discardStoredFile(app, app.db, file);
    throw error;
  }
}

export async function removeEvidence(app: FastifyInstance, actor: Actor, id: number, activityId: number, fileId: number): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const row = await loadAmbassadorForEdit(trx, actor, id, { forUpdate: true });
    const activity = found(await repo.findActivity(trx, id, activityId));
    if (!activity.evidence_file_ids.includes(fileId)) throw new AppError('not_found');
    await trx
      .updateTable('ambassador_activities')
      .set({ evidence_file_ids: JSON.stringify(activity.evidence_file_ids.filter((f) => f !== fileId)) })
      .where('id', '=', activityId)
      .execute();
    await saveContent(trx, actor, row, null, {});
  });
  const [file] = await findStoredFiles(app.db, [fileId]);
  if (file) await forgetFileUnlessHistory(app, file.id, file.storage_key);
}

// ---- the unit's steps: selection, sign-off ----

export async function setSelected(db: Db, actor: Actor, id: number, selected: boolean, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    ensure(whyNotSelectSubmission(actor, submissionTarget(row)));
    if ((row.selected_at !== null) === selected) return;
    await repo.setSubmissionFacts(
      trx,
      id,
      selected ? { selected_at: new Date(), selected_by: actor.id } : { selected_at: null, selected_by: null },
    );
    await repo.insertEvent(trx, id, selected ? 'selected' : 'unselected', actor.id);
    await recordAudit(trx, audit, {
      action: selected ? 'submission.selected' : 'submission.unselected',
      entityType: 'submission',
      entityId: id,
      summary: { after: { selected } },
    });
  });
}

/** The leader signs off the case as it is now; any later edit bumps the revision and voids the sign-off. */
export async function approve(db: Db, actor: Actor, id: number, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    ensure(whyNotApproveSubmission(actor, submissionTarget(row)));
    await repo.setSubmissionFacts(trx, id, { approved_at: new Date(), approved_by: actor.id, approved_revision: row.revision });
    await repo.insertEvent(trx, id, 'approved', actor.id, `第 ${row.revision} 版`);
    await recordAudit(trx, audit, {
      action: 'submission.approved',
      entityType: 'submission',
      entityId: id,
      summary: { after: { approvedRevision: row.revision } },
    });
  });
}

// ---- submission and withdrawal ----

const pad4 = (n: number) => String(n).padStart(4, '0');

/** Who hears of a submission: the track's coordinator (or, for their own unit's case, the institute admins), the unit's officers, the author. */
async function recipients(db: DbOrTrx, row: SubmissionRow): Promise<number[]> {
  const ids = new Set<number>();
  const coordinator = row.track_coordinator_id ? await repo.findUserUnit(db, row.track_coordinator_id) : undefined;
  if (coordinator && coordinator.unit_id !== row.unit_id) ids.add(coordinator.id);
  else for (const id of await repo.findInstituteAdminIds(db)) ids.add(id);
  for (const id of await repo.findUnitOfficerIds(db, row.unit_id)) ids.add(id);
  ids.add(row.created_by);
  return [...ids];
}

/** The whole case as stored in a version: content, students, attachments, activities. */
export async function caseSnapshot(db: DbOrTrx, row: SubmissionRow, receiptNo: string | null, parts?: CaseParts) {
  const { students, attachments, activities } = parts ?? (await loadCaseParts(db, row.id));
  const evidence = activities.flatMap((a) => a.evidence_file_ids);
  return {
    receiptNo,
    revision: row.revision,
    title: row.title,
    summary: row.summary,
    subtype: row.subtype_id ? { id: row.subtype_id, name: row.subtype_name } : null,
    sections: row.sections,
    implementation: row.implementation,
    isCollective: row.is_collective,
    collectiveLeaderName: row.collective_leader_name,
    priorityTags: row.priority_tags,
    contact: { name: row.contact_name, phone: row.contact_phone },
    students: students.map((s) => ({
      role: s.role,
      name: s.name,
      studentNo: s.student_no,
      programme: s.programme,
      grade: s.grade,
      major: s.major,
      className: s.class_name,
      consentAt: s.consent_at,
      consentNote: s.consent_note,
    })),
    attachments: attachments.map((a) => ({
      slot: a.slot_key,
      fileId: a.id,
      name: a.original_name,
      sizeBytes: Number(a.size_bytes),
      sha256: a.sha256,
    })),
    activities: activities.map((a) => ({
      kind: a.kind,
      title: a.title,
      heldOn: a.held_on,
      place: a.place,
      audience: a.audience,
      description: a.description,
      evidenceFileIds: a.evidence_file_ids,
    })),
    /** Every file this version holds: they stay downloadable while the version exists. */
    fileIds: [...attachments.map((a) => a.id), ...evidence],
  };
}

/**
 * Scans the case's files that have no current scan (normally none: each is
 * scanned at upload). Runs before the submit transaction, never inside it: a
 * scan waits for a worker, and no lock may wait with it.
 */
async function scanCaseFiles(db: Db, storage: FileStorage, id: number): Promise<void> {
  const files = await findUnscannedCaseFiles(db, id, PII_SCANNER_VERSION);
  await Promise.all(files.map((file) => scanFile({ db, storage, waitMs: scanWaits.submit }, file)));
}

/**
 * Submits (or resubmits a returned case), all checks in one transaction:
 * refuses with the first problem's code and every problem in details.problems.
 * Quota: the (track, unit) advisory lock makes concurrent submits at the last
 * free place queue up, and the count they see includes the winner. Everything
 * that can be read before is read before, so the quota lock (and the track row
 * the receipt number comes from) are held only for the count and the writes.
 * A file not scanned yet is refused as pending, never passed unchecked.
 */
export async function submit(
  db: Db,
  actor: Actor,
  id: number,
  audit: AuditContext,
  options: { storage?: FileStorage | null; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  if (options.storage) await scanCaseFiles(db, options.storage, id);
  return db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    const target = submissionTarget(row);
    ensure(whyNotSubmitSubmission(actor, target));
    const resubmission = target.status === 'returned';
    // The row is locked: its content, students and files cannot change under the check.
    const parts = await loadCaseParts(trx, id);
    if (row.track_kind === 'ambassador') {
      for (const no of parts.students.map((s) => s.student_no).sort()) await repo.lockNominee(trx, row.campaign_id, no);
    }
    const check = (await loadCaseChecks(trx, [row], { parts, countQuota: () => false, today: now })).get(row.id)!;
    const [snapshot, userIds] = await Promise.all([caseSnapshot(trx, row, null, parts), recipients(trx, row)]);
    // A returned case already holds its place; a draft must win one.
    if (!resubmission) {
      await repo.lockQuota(trx, row.track_id, row.unit_id);
      check.facts.quota = await quotaFact(trx, row);
    }
    const problems = submitProblems(check.facts, now);
    const first = problems[0];
    if (first) throw new AppError(first.code, { message: first.message, details: { problems } });

    const receiptNo = row.receipt_no ?? `${row.campaign_year}-${row.track_code}-${pad4(await repo.nextReceiptNumber(trx, row.track_id))}`;
    await repo.setSubmissionFacts(trx, id, { receipt_no: receiptNo, submitted_at: now, submitted_by: actor.id, withdrawn_at: null });
    const versionNo = await repo.insertVersion(trx, id, { ...snapshot, receiptNo }, actor.id);
    const action = resubmission ? 'resubmitted' : 'submitted';
    await repo.insertEvent(trx, id, action, actor.id, `${receiptNo} 第 ${versionNo} 版`);
    await recordAudit(trx, audit, {
      action: `submission.${action}`,
      entityType: 'submission',
      entityId: id,
      summary: { after: { receiptNo, versionNo, revision: row.revision } },
    });
    await notify(trx, {
      template: resubmission ? 'submission.resubmitted' : 'submission.submitted',
      userIds,
      data: { receiptNo, title: row.title, unitName: row.unit_name, trackName: row.track_name, time: now.toISOString() },
      link: `/submissions/${id}`,
    });
    return { receiptNo, versionNo };
  });
}

/** Takes a submitted case back before the deadline: a draft again, its place freed, its receipt number kept. */
export async function withdraw(db: Db, actor: Actor, id: number, audit: AuditContext, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    const target = submissionTarget(row);
    ensure(whyNotWithdrawSubmission(actor, target, now));
    await repo.setSubmissionFacts(trx, id, { withdrawn_at: now });
    await repo.insertEvent(trx, id, 'withdrawn', actor.id, row.receipt_no);
    await recordAudit(trx, audit, {
      action: 'submission.withdrawn',
      entityType: 'submission',
      entityId: id,
      summary: { before: { status: target.status }, after: { status: 'draft' }, note: row.receipt_no ?? undefined },
    });
    await notify(trx, {
      template: 'submission.withdrawn',
      userIds: await recipients(trx, row),
      data: { receiptNo: row.receipt_no, title: row.title, unitName: row.unit_name, trackName: row.track_name, time: now.toISOString() },
      link: `/submissions/${id}`,
    });
  });
}

export function quotaUsageFor(db: DbOrTrx, campaignId: number, unitId: number) {
  return repo.quotaUsage(db, campaignId, unitId);
}

// ---- the privacy check: keeping a finding on purpose ----

/**
 * Acknowledges a current finding of the case with a reason ("该电话为学校公开办公电话"):
 * it no longer blocks the submission, wherever the same value appears in the case.
 * Recorded with who and when, in the case's events and the audit log (masked).
 */
export async function acknowledgePii(
  app: FastifyInstance,
  actor: Actor,
  id: number,
  input: AcknowledgePiiInput,
  audit: AuditContext,
): Promise<void> {
  await scanCaseFiles(app.db, app.storage, id);
  await app.db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    ensure(whyNotAcknowledgePii(actor, submissionTarget(row)));
    const check = (await loadCaseChecks(trx, [row], { countQuota: () => false })).get(row.id)!;
    const finding = check.privacy.findings.find((f) => f.fingerprint === input.fingerprint);
    if (!finding) throw new AppError('pii_finding_gone');
    const ackId = await upsertAcknowledgement(trx, {
      submissionId: id,
      fingerprint: finding.fingerprint,
      kind: finding.kind,
      masked: finding.masked,
      reason: input.reason,
      by: actor.id,
    });
    const label = `${piiKindLabels[finding.kind]} ${finding.masked}`;
    await repo.insertEvent(trx, id, 'pii_acknowledged', actor.id, `${label}:${input.reason}`);
    await recordAudit(trx, audit, {
      action: 'submission.pii_acknowledged',
      entityType: 'submission',
      entityId: id,
      summary: {
        after: { acknowledgementId: ackId, kind: finding.kind, masked: finding.masked, where: finding.where, reason: input.reason },
      },
    });
  });
}

/** Takes an acknowledgement back: the finding blocks the submission again while it is in the case. */
export async function revokePiiAcknowledgement(app: FastifyInstance, actor: Actor, id: number, ackId: number, audit: AuditContext) {
  await app.db.transaction().execute(async (trx) => {
    const row = await loadVisibleSubmission(trx, actor, id, { forUpdate: true });
    ensure(whyNotAcknowledgePii(actor, submissionTarget(row)));
    const ack = found(await findAcknowledgement(trx, id, ackId));
    await deleteAcknowledgement(trx, ackId);
    await repo.insertEvent(trx, id, 'pii_acknowledgement_revoked', actor.id, `${piiKindLabels[ack.kind]} ${ack.masked}`);
    await recordAudit(trx, audit, {
      action: 'submission.pii_acknowledgement_revoked',
      entityType: 'submission',
      entityId: id,
      summary: { before: { acknowledgementId: ackId, kind: ack.kind, masked: ack.masked, reason: ack.reason } },
    });
  });
}
