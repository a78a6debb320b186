import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Updateable } from 'kysely';
import {
  MAX_VISIT_PHOTO_BYTES,
  MAX_VISIT_PHOTOS,
  emptyHousehold,
  type CreateHomeVisitInput,
  type UpdateHomeVisitInput,
} from '../../../../contracts/home-visits.ts';
import { shanghaiToday } from '../../../../contracts/identifications.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { HomeVisitsTable } from '../../db/schema.ts';
import { AppError, ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotCompleteHomeVisit,
  whyNotCreateHomeVisit,
  whyNotDeleteHomeVisit,
  whyNotEditHomeVisit,
  whyNotViewHomeVisit,
  type HomeVisitTarget,
} from '../../policies/home-visit-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { deleteStoredFileRow } from '../files/files.repository.ts';
import { discardStoredFile, storeUpload } from '../files/files.service.ts';
import { linkCompletedVisit } from '../identifications/identifications.repository.ts';
import { studentTarget } from '../students/students.commands.ts';
import { findStudentById } from '../students/students.repository.ts';
import * as repo from './home-visits.repository.ts';
import { studentTargetOf } from './student-brief.ts';

export const visitTarget = (row: repo.HomeVisitRow): HomeVisitTarget => ({
  student: studentTargetOf(row),
  createdBy: row.created_by,
  completed: row.completed_at !== null,
});

/** A visit the actor may see (a draft: its author only), or the reason why not. */
export async function loadVisibleHomeVisit(db: DbOrTrx, actor: Actor, id: number) {
  const row = found(await repo.findHomeVisit(db, id, actor.id));
  ensure(whyNotViewHomeVisit(actor, visitTarget(row)));
  return row;
}

/** What the audit log keeps of a visit: who, whom and when, never the free text. */
const auditView = (row: Pick<repo.HomeVisitRow, 'student_no' | 'student_name' | 'visited_on' | 'mode'>) => ({
  studentNo: row.student_no,
  name: row.student_name,
  visitedOn: row.visited_on,
  mode: row.mode,
});

function checkDate(visitedOn: string | null | undefined, now: Date) {
  if (visitedOn && visitedOn > shanghaiToday(now)) throw new AppError('visit_date_in_future');
}

function contentColumns(input: Omit<UpdateHomeVisitInput, 'revision'>): Updateable<HomeVisitsTable> {
  return {
    ...(input.visitedOn !== undefined && {
      visited_on: input.visitedOn,
      school_year: input.visitedOn === null ? null : schoolYearOf(input.visitedOn),
    }),
    ...(input.mode !== undefined && { mode: input.mode }),
    ...(input.visitors !== undefined && { visitors: JSON.stringify(input.visitors) }),
    ...(input.household !== undefined && { household: JSON.stringify(input.household) }),
    ...(input.findings !== undefined && { findings: input.findings }),
  };
}

/** A new draft for one student; the current user is the first visitor unless the form says otherwise. */
export async function createHomeVisit(db: Db, actor: Actor, input: CreateHomeVisitInput, audit: AuditContext, now = new Date()) {
  const student = found(await findStudentById(db, input.studentId, actor.id));
  ensure(whyNotCreateHomeVisit(actor, studentTarget(student)));
  checkDate(input.visitedOn, now);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertHomeVisit(trx, {
      student_id: student.id,
      unit_id: student.unit_id,
      visited_on: input.visitedOn ?? null,
      school_year: input.visitedOn ? schoolYearOf(input.visitedOn) : null,
      mode: input.mode ?? null,
      visitors: JSON.stringify(input.visitors ?? [actor.displayName]),
      household: JSON.stringify(input.household ?? emptyHousehold),
      findings: input.findings ?? '',
      created_by: actor.id,
    });
    await recordAudit(trx, audit, {
      action: 'home_visit.created',
      entityType: 'home_visit',
      entityId: id,
      summary: {
        after: { studentNo: student.student_no, name: student.name, visitedOn: input.visitedOn ?? null, mode: input.mode ?? null },
      },
    });
    return id;
  });
}

/** Autosave of a draft: any subset of fields, against the revision the client saw (409 when stale). */
export async function updateHomeVisit(db: Db, actor: Actor, id: number, input: UpdateHomeVisitInput, now = new Date()) {
  const row = await loadVisibleHomeVisit(db, actor, id);
  ensure(whyNotEditHomeVisit(actor, visitTarget(row)));
  const { revision, ...content } = input;
  checkDate(content.visitedOn, now);
  const saved = await repo.updateHomeVisitContent(db, id, revision, contentColumns(content));
  if (saved) return { revision: saved.revision, updatedAt: saved.updated_at.toISOString() };
  const current = found(await repo.findHomeVisit(db, id, actor.id));
  ensure(whyNotEditHomeVisit(actor, visitTarget(current)));
  throw new AppError('conflict', { details: { currentRevision: current.revision } });
}

/** What 完成 needs: every issue at once, on its field. */
function completenessIssues(row: repo.HomeVisitRow): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (!row.visited_on) issues.push({ path: 'visitedOn', message: '请填写家访日期' });
  if (!row.mode) issues.push({ path: 'mode', message: '请选择家访方式(实地或视频)' });
  if (row.visitors.length === 0) issues.push({ path: 'visitors', message: '请填写至少一名走访人员' });
  if (!row.household.size) issues.push({ path: 'household', message: '请填写家庭人口' });
  if (row.findings.trim().length < 10) issues.push({ path: 'findings', message: '请填写家访情况(至少 10 个字)' });
  return issues;
}

/**
 * 完成: the visit becomes a record that counts for identification, and is linked
 * at once to the student's identification of that school year if one awaits it.
 */
export async function completeHomeVisit(db: Db, actor: Actor, id: number, revision: number | undefined, audit: AuditContext) {
  const row = await loadVisibleHomeVisit(db, actor, id);
  ensure(whyNotCompleteHomeVisit(actor, visitTarget(row)));
  if (revision !== undefined && revision !== row.revision) {
    throw new AppError('conflict', { details: { currentRevision: row.revision } });
  }
  const issues = completenessIssues(row);
  if (issues.length) throw new AppError('home_visit_incomplete', { issues });
  await db.transaction().execute(async (trx) => {
    const at = new Date();
    if (!(await repo.markHomeVisitCompleted(trx, id, actor.id, at))) throw new AppError('home_visit_completed');
    const linked = await linkCompletedVisit(trx, {
      studentId: row.student_id,
      schoolYear: row.school_year!,
      visitId: id,
      actorId: actor.id,
    });
    await recordAudit(trx, audit, {
      action: 'home_visit.completed',
      entityType: 'home_visit',
      entityId: id,
      summary: { after: { ...auditView(row), linkedIdentificationIds: linked } },
    });
    for (const identificationId of linked) {
      await recordAudit(trx, audit, {
        action: 'identification.visit_linked',
        entityType: 'identification',
        entityId: identificationId,
        summary: { after: { homeVisitId: id, visitedOn: row.visited_on }, note: '家访完成后自动关联' },
      });
    }
  });
}

/** Deletes a draft with its photos (bytes too). */
export async function deleteHomeVisit(app: FastifyInstance, actor: Actor, id: number, audit: AuditContext) {
  const row = await loadVisibleHomeVisit(app.db, actor, id);
  ensure(whyNotDeleteHomeVisit(actor, visitTarget(row)));
  const photos = await repo.listVisitPhotos(app.db, id);
  await app.db.transaction().execute(async (trx) => {
    await repo.deleteHomeVisitRow(trx, id);
    for (const p of photos) await deleteStoredFileRow(trx, p.file_id);
    await recordAudit(trx, audit, {
      action: 'home_visit.deleted',
      entityType: 'home_visit',
      entityId: id,
      summary: { before: auditView(row) },
    });
  });
  for (const p of photos) await app.storage.delete(p.storage_key);
}

/** Checked before the upload is read, so a refused request stores nothing. */
export async function prepareVisitPhotoUpload(db: Db, actor: Actor, id: number) {
  const row = await loadVisibleHomeVisit(db, actor, id);
  ensure(whyNotEditHomeVisit(actor, visitTarget(row)));
  if ((await repo.countVisitPhotos(db, id)) >= MAX_VISIT_PHOTOS) throw new AppError('visit_photo_limit');
  return row;
}

export async function addVisitPhoto(app: FastifyInstance, actor: Actor, row: repo.HomeVisitRow, part: MultipartFile, audit: AuditContext) {
  let file;
  try {
    file = await storeUpload(app, part, {
      accept: ['jpg', 'png'],
      maxBytes: MAX_VISIT_PHOTO_BYTES,
      unitId: row.student_unit_id,
      uploadedBy: actor.id,
    });
  } catch (error) {
    // The visit's own message: photos only, whatever the general one lists.
    if (error instanceof AppError && error.code === 'file_type_not_allowed') throw new AppError('visit_photo_type');
    throw error;
  }
  try {
    await app.db.transaction().execute(async (trx) => {
      // Re-checked inside the transaction: two uploads at once must not pass the limit or land on a completed visit.
      const current = found(await repo.findHomeVisit(trx, row.id, actor.id));
      ensure(whyNotEditHomeVisit(actor, visitTarget(current)));
      if ((await repo.countVisitPhotos(trx, row.id)) >= MAX_VISIT_PHOTOS) throw new AppError('visit_photo_limit');
      await repo.insertVisitPhoto(trx, row.id, file.id);
      await repo.touchHomeVisit(trx, row.id);
      await recordAudit(trx, audit, {
        action: 'home_visit.photo_added',
        entityType: 'home_visit',
        entityId: row.id,
        summary: { after: { fileId: file.id, name: file.original_name } },
      });
    });
  } catch (error) {
    await discardStoredFile(app, app.db, file);
    throw error;
  }
}

export async function removeVisitPhoto(app: FastifyInstance, actor: Actor, id: number, photoId: number, audit: AuditContext) {
  const row = await loadVisibleHomeVisit(app.db, actor, id);
  ensure(whyNotEditHomeVisit(actor, visitTarget(row)));
  const photo = found(await repo.findVisitPhoto(app.db, id, photoId));
  await app.db.transaction().execute(async (trx) => {
    await repo.deleteVisitPhotoRow(trx, photo.id);
    await deleteStoredFileRow(trx, photo.file_id);
    await repo.touchHomeVisit(trx, id);
    await recordAudit(trx, audit, {
      action: 'home_visit.photo_removed',
      entityType: 'home_visit',
      entityId: id,
      summary: { before: { fileId: photo.file_id, name: photo.original_name } },
    });
  });
  await app.storage.delete(photo.storage_key);
}

/** A photo, for who may see the visit (and so the student). */
export async function openVisitPhoto(db: Db, actor: Actor, id: number, photoId: number) {
  await loadVisibleHomeVisit(db, actor, id);
  return found(await repo.findVisitPhoto(db, id, photoId));
}
