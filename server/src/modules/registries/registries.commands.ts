import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import {
  REGISTRY_FILE_MAX_BYTES,
  registryFileKinds,
  type AwardInput,
  type AwardsPage,
  type ListAwardsQuery,
  type ListSeminarsQuery,
  type RegistryFileOwner,
  type RewardItemInput,
  type RewardSchemeInput,
  type RewardSchemeView,
  type SeminarInput,
  type SeminarsPage,
  type SupportCenterInput,
  type SupportCenterView,
  type UnitQuery,
} from '../../../../contracts/registries.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotEditRegistries, whyNotViewRegistries } from '../../policies/registry-policy.ts';
import { studentScopeOf, whyNotViewStudent } from '../../policies/student-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { deleteStoredFileRow } from '../files/files.repository.ts';
import { storeUpload } from '../files/files.service.ts';
import { entryColumns, insertEntry } from '../growth-archive/growth-archive.repository.ts';
import { ensureNoPii } from '../growth-archive/text-check.ts';
import { studentTarget } from '../students/students.commands.ts';
import { findStudentById } from '../students/students.repository.ts';
import { presentAward, presentRegistryFile, presentRewardItem, presentSeminar, presentSupportCenter } from './registries.presenter.ts';
import * as repo from './registries.repository.ts';

/** Files per registry (the centre, the scheme, one seminar). */
export const MAX_FILES_PER_OWNER = 20;

const itemUniqueReasons = { reward_items_unit_name_key: 'reward_item_name_taken' } as const;
const awardUniqueReasons = { reward_awards_item_student_day_key: 'award_duplicate' } as const;

/** The unit whose registries are meant: the one named, else the user's own (the institute admin must name one). */
async function unitToRead(db: Db, actor: Actor, query: UnitQuery) {
  const unitId = query.unitId ?? actor.unitId;
  ensure(whyNotViewRegistries(actor, unitId));
  if (unitId === null) throw new AppError('registry_unit_required');
  return found(await repo.findUnitBrief(db, unitId));
}

/** The unit a write goes to: always the aid officer's own. */
function unitToWrite(actor: Actor): number {
  ensure(whyNotEditRegistries(actor, actor.unitId));
  return actor.unitId!;
}

// ---- 学生发展支持中心 ----

export async function viewSupportCenter(db: Db, actor: Actor, query: UnitQuery): Promise<SupportCenterView> {
  const unit = await unitToRead(db, actor, query);
  const editReason = whyNotEditRegistries(actor, unit.id);
  const [center, files] = await Promise.all([repo.findSupportCenter(db, unit.id), repo.listOwnerFiles(db, unit.id, 'support_center')]);
  return {
    unit,
    center: center ? presentSupportCenter(center) : null,
    files: files.map((f) => presentRegistryFile(f, editReason)),
    abilities: { edit: ability(editReason) },
  };
}

export async function saveSupportCenter(db: Db, actor: Actor, input: SupportCenterInput, audit: AuditContext) {
  const unitId = unitToWrite(actor);
  ensureNoPii({ note: input.note });
  await db.transaction().execute(async (trx) => {
    const before = await repo.findSupportCenter(trx, unitId);
    await repo.upsertSupportCenter(trx, {
      unit_id: unitId,
      name: input.name,
      established_on: input.establishedOn,
      place: input.place,
      staff: JSON.stringify(input.staff),
      services: JSON.stringify(input.services),
      note: input.note ?? null,
      created_by: actor.id,
      updated_by: actor.id,
    });
    await recordAudit(trx, audit, {
      action: before ? 'support_center.updated' : 'support_center.created',
      entityType: 'support_center',
      entityId: unitId,
      summary: { ...(before ? { before: presentSupportCenter(before) as unknown as Record<string, unknown> } : {}), after: { ...input } },
    });
  });
  return viewSupportCenter(db, actor, { unitId });
}

// ---- 成长奖励制度 ----

export async function viewRewardScheme(db: Db, actor: Actor, query: UnitQuery): Promise<RewardSchemeView> {
  const unit = await unitToRead(db, actor, query);
  const editReason = whyNotEditRegistries(actor, unit.id);
  const [scheme, items, files] = await Promise.all([
    repo.findRewardScheme(db, unit.id),
    repo.listRewardItems(db, unit.id),
    repo.listOwnerFiles(db, unit.id, 'reward_scheme'),
  ]);
  const addReason = editReason ?? (scheme ? null : 'reward_scheme_missing');
  return {
    unit,
    scheme: scheme
      ? {
          title: scheme.title,
          adoptedOn: scheme.adopted_on,
          note: scheme.note,
          updatedAt: scheme.updated_at.toISOString(),
          updatedBy: scheme.updated_by === null ? null : { id: scheme.updated_by, displayName: scheme.updated_by_name ?? '' },
        }
      : null,
    items: items.map((i) => presentRewardItem(i, editReason)),
    files: files.map((f) => presentRegistryFile(f, editReason)),
    abilities: { edit: ability(editReason), addItem: ability(addReason), award: ability(addReason) },
  };
}

export async function saveRewardScheme(db: Db, actor: Actor, input: RewardSchemeInput, audit: AuditContext) {
  const unitId = unitToWrite(actor);
  ensureNoPii({ note: input.note });
  await db.transaction().execute(async (trx) => {
    const before = await repo.findRewardScheme(trx, unitId);
    await repo.upsertRewardScheme(trx, {
      unit_id: unitId,
      title: input.title,
      adopted_on: input.adoptedOn,
      note: input.note ?? null,
      created_by: actor.id,
      updated_by: actor.id,
    });
    await recordAudit(trx, audit, {
      action: before ? 'reward_scheme.updated' : 'reward_scheme.created',
      entityType: 'reward_scheme',
      entityId: unitId,
      summary: {
        ...(before ? { before: { title: before.title, adoptedOn: before.adopted_on, note: before.note } } : {}),
        after: { ...input },
      },
    });
  });
  return viewRewardScheme(db, actor, { unitId });
}

/** An item of the officer's own unit's scheme, or 404. */
async function loadOwnItem(db: Db, actor: Actor, itemId: number) {
  const item = found(await repo.findRewardItem(db, itemId));
  ensure(whyNotEditRegistries(actor, item.unit_id));
  return item;
}

const itemAudit = (i: { name: string; criteria: string; amount_fen: number | null }) => ({
  name: i.name,
  criteria: i.criteria,
  amountFen: i.amount_fen,
});

export async function addRewardItem(db: Db, actor: Actor, input: RewardItemInput, audit: AuditContext) {
  const unitId = unitToWrite(actor);
  if (!(await repo.findRewardScheme(db, unitId))) throw new AppError('reward_scheme_missing');
  ensureNoPii({ criteria: input.criteria });
  try {
    const id = await db.transaction().execute(async (trx) => {
      const values = { name: input.name, criteria: input.criteria, amount_fen: input.amount };
      const id = await repo.insertRewardItem(trx, { unit_id: unitId, ...values, created_by: actor.id, updated_by: actor.id });
      await recordAudit(trx, audit, {
        action: 'reward_item.created',
        entityType: 'reward_item',
        entityId: id,
        summary: { after: itemAudit(values) },
      });
      return id;
    });
    return presentRewardItem(found(await repo.findRewardItem(db, id)), null);
  } catch (error) {
    throw uniqueViolation(error, itemUniqueReasons) ?? error;
  }
}

export async function updateRewardItemDetails(db: Db, actor: Actor, itemId: number, input: RewardItemInput, audit: AuditContext) {
  const before = await loadOwnItem(db, actor, itemId);
  ensureNoPii({ criteria: input.criteria });
  try {
    await db.transaction().execute(async (trx) => {
      const values = { name: input.name, criteria: input.criteria, amount_fen: input.amount };
      await repo.updateRewardItem(trx, itemId, { ...values, updated_by: actor.id });
      await recordAudit(trx, audit, {
        action: 'reward_item.updated',
        entityType: 'reward_item',
        entityId: itemId,
        summary: { before: itemAudit(before), after: itemAudit(values) },
      });
    });
  } catch (error) {
    throw uniqueViolation(error, itemUniqueReasons) ?? error;
  }
  return presentRewardItem(found(await repo.findRewardItem(db, itemId)), null);
}

export async function removeRewardItem(db: Db, actor: Actor, itemId: number, audit: AuditContext) {
  const before = await loadOwnItem(db, actor, itemId);
  if (Number(before.award_count ?? 0) > 0) throw new AppError('reward_item_in_use');
  await db.transaction().execute(async (trx) => {
    await repo.deleteRewardItem(trx, itemId);
    await recordAudit(trx, audit, {
      action: 'reward_item.deleted',
      entityType: 'reward_item',
      entityId: itemId,
      summary: { before: itemAudit(before) },
    });
  });
}

export async function listAwardsOf(db: Db, actor: Actor, query: ListAwardsQuery): Promise<AwardsPage> {
  const unit = await unitToRead(db, actor, query);
  const scope = studentScopeOf(actor);
  if (typeof scope === 'string') throw new AppError(scope);
  const editReason = whyNotEditRegistries(actor, unit.id);
  const { rows, total, unitTotal } = await repo.listAwards(db, unit.id, scope, query);
  return { items: rows.map((r) => presentAward(r, editReason)), total, unitTotal, page: query.page, pageSize: query.pageSize };
}

/** An award under the unit's scheme; it also appears in the student's growth archive as a reward. */
export async function giveAward(db: Db, actor: Actor, input: AwardInput, audit: AuditContext) {
  const unitId = unitToWrite(actor);
  const item = found(await repo.findRewardItem(db, input.itemId));
  if (item.unit_id !== unitId) throw new AppError('not_found');
  const student = found(await findStudentById(db, input.studentId, actor.id));
  ensure(whyNotViewStudent(actor, studentTarget(student)));
  ensureNoPii({ note: input.note });
  const schoolYear = input.schoolYear ?? schoolYearOf(input.awardedOn);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await repo.insertAward(trx, {
        unit_id: unitId,
        item_id: item.id,
        student_id: student.id,
        awarded_on: input.awardedOn,
        school_year: schoolYear,
        note: input.note ?? null,
        created_by: actor.id,
      });
      const entry = entryColumns({ kind: 'reward', occurredOn: input.awardedOn, title: item.name, note: input.note ?? null });
      await insertEntry(trx, { student_id: student.id, ...entry, award_id: id, created_by: actor.id, updated_by: actor.id });
      await recordAudit(trx, audit, {
        action: 'reward_award.created',
        entityType: 'reward_award',
        entityId: id,
        summary: {
          after: {
            item: item.name,
            studentId: student.id,
            studentNo: student.student_no,
            awardedOn: input.awardedOn,
            schoolYear,
            note: input.note,
          },
        },
      });
      return id;
    });
    return presentAward(found(await repo.findAward(db, id)), null);
  } catch (error) {
    throw uniqueViolation(error, awardUniqueReasons) ?? error;
  }
}

/** Revoking an award removes it from the student's archive too (the entry belongs to the award). */
export async function revokeAward(db: Db, actor: Actor, awardId: number, audit: AuditContext) {
  const award = found(await repo.findAward(db, awardId));
  ensure(whyNotEditRegistries(actor, award.unit_id));
  await db.transaction().execute(async (trx) => {
    await repo.deleteAward(trx, awardId);
    await recordAudit(trx, audit, {
      action: 'reward_award.deleted',
      entityType: 'reward_award',
      entityId: awardId,
      summary: {
        before: {
          item: award.item_name,
          studentId: award.student_id,
          studentNo: award.student_no,
          awardedOn: award.awarded_on,
          schoolYear: award.school_year,
        },
      },
    });
  });
}

// ---- 常态化研讨 ----

export async function listSeminarsOf(db: Db, actor: Actor, query: ListSeminarsQuery): Promise<SeminarsPage> {
  const unit = await unitToRead(db, actor, query);
  const editReason = whyNotEditRegistries(actor, unit.id);
  const { rows, total } = await repo.listSeminars(db, unit.id, query);
  const files = await repo.listSeminarFiles(
    db,
    rows.map((r) => r.id),
  );
  return {
    unit,
    items: rows.map((r) =>
      presentSeminar(
        r,
        files.filter((f) => f.seminar_id === r.id),
        editReason,
      ),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
    abilities: { create: ability(editReason) },
  };
}

async function seminarDto(db: Db, actor: Actor, id: number) {
  const row = found(await repo.findSeminar(db, id));
  return presentSeminar(row, await repo.listSeminarFiles(db, [id]), whyNotEditRegistries(actor, row.unit_id));
}

/** A seminar the user may see, or why not. */
export async function loadSeminar(db: Db, actor: Actor, id: number) {
  const row = found(await repo.findSeminar(db, id));
  ensure(whyNotViewRegistries(actor, row.unit_id));
  return seminarDto(db, actor, id);
}

const seminarColumns = (input: SeminarInput) => ({
  held_on: input.heldOn,
  topic: input.topic,
  participant_count: input.participantCount,
  participant_names: JSON.stringify(input.participantNames),
  minutes: input.minutes ?? null,
});

const seminarAudit = (s: { held_on: string; topic: string; participant_count: number }) => ({
  heldOn: s.held_on,
  topic: s.topic,
  participantCount: s.participant_count,
});

export async function createSeminar(db: Db, actor: Actor, input: SeminarInput, audit: AuditContext) {
  const unitId = unitToWrite(actor);
  ensureNoPii({ topic: input.topic, minutes: input.minutes });
  const id = await db.transaction().execute(async (trx) => {
    const values = seminarColumns(input);
    const id = await repo.insertSeminar(trx, { unit_id: unitId, ...values, created_by: actor.id, updated_by: actor.id });
    await recordAudit(trx, audit, {
      action: 'seminar.created',
      entityType: 'seminar',
      entityId: id,
      summary: { after: seminarAudit(values) },
    });
    return id;
  });
  return seminarDto(db, actor, id);
}

async function loadOwnSeminar(db: Db, actor: Actor, id: number) {
  const row = found(await repo.findSeminar(db, id));
  ensure(whyNotEditRegistries(actor, row.unit_id));
  return row;
}

export async function updateSeminarDetails(db: Db, actor: Actor, id: number, input: SeminarInput, audit: AuditContext) {
  const before = await loadOwnSeminar(db, actor, id);
  ensureNoPii({ topic: input.topic, minutes: input.minutes });
  await db.transaction().execute(async (trx) => {
    const values = seminarColumns(input);
    await repo.updateSeminar(trx, id, { ...values, updated_by: actor.id });
    await recordAudit(trx, audit, {
      action: 'seminar.updated',
      entityType: 'seminar',
      entityId: id,
      summary: { before: seminarAudit(before), after: seminarAudit(values) },
    });
  });
  return seminarDto(db, actor, id);
}

/** The seminar and its files (rows and bytes). */
export async function removeSeminar(app: FastifyInstance, actor: Actor, id: number, audit: AuditContext) {
  const before = await loadOwnSeminar(app.db, actor, id);
  const files = await repo.listSeminarFiles(app.db, [id]);
  await app.db.transaction().execute(async (trx) => {
    // Removing the stored file removes its registry row (cascade).
    for (const f of files) await deleteStoredFileRow(trx, f.file_id);
    await repo.deleteSeminar(trx, id);
    await recordAudit(trx, audit, {
      action: 'seminar.deleted',
      entityType: 'seminar',
      entityId: id,
      summary: { before: { ...seminarAudit(before), files: files.map((f) => f.original_name) } },
    });
  });
  for (const f of files) await app.storage.delete(f.storage_key);
}

// ---- documents and photos ----

/** Checked before the upload is read: whose registry, and is there room. */
export async function prepareRegistryUpload(db: Db, actor: Actor, owner: RegistryFileOwner, seminarId: number | null) {
  const unitId = unitToWrite(actor);
  if (owner === 'seminar') {
    const seminar = found(await repo.findSeminar(db, seminarId!));
    ensure(whyNotEditRegistries(actor, seminar.unit_id));
  }
  if ((await repo.countOwnerFiles(db, unitId, owner, seminarId)) >= MAX_FILES_PER_OWNER) throw new AppError('too_many_files');
  return { unitId, accept: registryFileKinds, maxBytes: REGISTRY_FILE_MAX_BYTES };
}

export async function addRegistryFile(
  app: FastifyInstance,
  actor: Actor,
  target: { unitId: number; owner: RegistryFileOwner; seminarId: number | null },
  part: MultipartFile,
  audit: AuditContext,
) {
  const file = await storeUpload(app, part, {
    accept: registryFileKinds,
    maxBytes: REGISTRY_FILE_MAX_BYTES,
    unitId: target.unitId,
    uploadedBy: actor.id,
  });
  try {
    await app.db.transaction().execute(async (trx) => {
      await repo.insertRegistryFile(trx, {
        unit_id: target.unitId,
        owner_kind: target.owner,
        seminar_id: target.seminarId,
        file_id: file.id,
        added_by: actor.id,
      });
      await recordAudit(trx, audit, {
        action: 'registry_file.added',
        entityType: 'registry_file',
        entityId: file.id,
        summary: {
          after: { owner: target.owner, seminarId: target.seminarId, name: file.original_name, sizeBytes: Number(file.size_bytes) },
        },
      });
    });
  } catch (error) {
    await deleteStoredFileRow(app.db, file.id);
    await app.storage.delete(file.storage_key);
    throw error;
  }
  return presentRegistryFile(found(await repo.findRegistryFile(app.db, file.id)), null);
}

/** A registry file the user may download, or why not. */
export async function loadRegistryFile(db: Db, actor: Actor, fileId: number) {
  const file = found(await repo.findRegistryFile(db, fileId));
  ensure(whyNotViewRegistries(actor, file.unit_id));
  return file;
}

export async function removeRegistryFile(app: FastifyInstance, actor: Actor, fileId: number, audit: AuditContext) {
  const file = found(await repo.findRegistryFile(app.db, fileId));
  ensure(whyNotEditRegistries(actor, file.unit_id));
  await app.db.transaction().execute(async (trx) => {
    await deleteStoredFileRow(trx, file.file_id);
    await recordAudit(trx, audit, {
      action: 'registry_file.removed',
      entityType: 'registry_file',
      entityId: file.file_id,
      summary: { before: { owner: file.owner_kind, seminarId: file.seminar_id, name: file.original_name } },
    });
  });
  await app.storage.delete(file.storage_key);
}
