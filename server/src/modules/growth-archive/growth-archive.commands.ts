import {
  archiveTextFields,
  fenToYuan,
  type ArchiveEntryInput,
  type ArchiveQuery,
  type GrowthArchiveDto,
} from '../../../../contracts/growth-archive.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotEditArchiveEntry, whyNotExportArchive, whyNotWriteArchive } from '../../policies/growth-archive-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { loadVisibleStudent, studentTarget } from '../students/students.commands.ts';
import type { StudentRow } from '../students/students.repository.ts';
import { buildArchiveDocument } from './archive-document.ts';
import { archiveAbilities, auditViewOfEntry, entryTarget, presentArchiveStudent, presentEntry } from './growth-archive.presenter.ts';
import { aidTotals, deleteEntry, entryColumns, findEntry, insertEntry, listEntries, updateEntry } from './growth-archive.repository.ts';
import { ensureNoPii } from './text-check.ts';

/** The free text of an entry, by field, for the PII check. */
function textOf(input: ArchiveEntryInput): Record<string, string | null | undefined> {
  const fields: readonly string[] = archiveTextFields[input.kind];
  const values = input as unknown as Record<string, string | null | undefined>;
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}

/** The whole archive as the user may see it: the student (masked), the timeline, aid totals and abilities. */
export async function loadArchive(db: Db, actor: Actor, studentId: number, query: ArchiveQuery = {}): Promise<GrowthArchiveDto> {
  const student = await loadVisibleStudent(db, actor, studentId);
  return archiveOf(db, actor, student, query);
}

async function archiveOf(db: Db, actor: Actor, student: StudentRow, query: ArchiveQuery = {}): Promise<GrowthArchiveDto> {
  const target = studentTarget(student);
  const [rows, totals] = await Promise.all([listEntries(db, student.id, query), aidTotals(db, student.id)]);
  return {
    student: presentArchiveStudent(student),
    entries: rows.map((r) => presentEntry(actor, target, r)),
    aidTotals: totals.map((t) => ({
      schoolYear: `${t.start_year}-${Number(t.start_year) + 1}`,
      count: Number(t.n),
      amountFen: Number(t.fen),
      amount: fenToYuan(Number(t.fen)),
    })),
    abilities: archiveAbilities(actor, target),
  };
}

export async function createArchiveEntry(db: Db, actor: Actor, studentId: number, input: ArchiveEntryInput, audit: AuditContext) {
  const student = await loadVisibleStudent(db, actor, studentId);
  const target = studentTarget(student);
  ensure(whyNotWriteArchive(actor, target, input.kind));
  ensureNoPii(textOf(input));
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertEntry(trx, { student_id: student.id, ...entryColumns(input), created_by: actor.id, updated_by: actor.id });
    const row = found(await findEntry(trx, id));
    await recordAudit(trx, audit, {
      action: 'growth_archive.entry_created',
      entityType: 'growth_archive_entry',
      entityId: id,
      summary: { after: auditViewOfEntry(row, student.student_no) },
    });
    return id;
  });
  return presentEntry(actor, target, found(await findEntry(db, id)));
}

/** An entry of this student, or 404 (an entry id of another student is not found here). */
async function loadEntry(db: Db, studentId: number, entryId: number) {
  const row = await findEntry(db, entryId);
  if (!row || row.student_id !== studentId) throw new AppError('not_found');
  return row;
}

export async function updateArchiveEntry(
  db: Db,
  actor: Actor,
  studentId: number,
  entryId: number,
  input: ArchiveEntryInput,
  audit: AuditContext,
) {
  const student = await loadVisibleStudent(db, actor, studentId);
  const target = studentTarget(student);
  const before = await loadEntry(db, studentId, entryId);
  ensure(whyNotEditArchiveEntry(actor, target, entryTarget(before)));
  if (input.kind !== before.kind) throw new AppError('archive_kind_mismatch');
  ensureNoPii(textOf(input));
  await db.transaction().execute(async (trx) => {
    await updateEntry(trx, entryId, { ...entryColumns(input), updated_by: actor.id });
    const after = found(await findEntry(trx, entryId));
    await recordAudit(trx, audit, {
      action: 'growth_archive.entry_updated',
      entityType: 'growth_archive_entry',
      entityId: entryId,
      summary: { before: auditViewOfEntry(before, student.student_no), after: auditViewOfEntry(after, student.student_no) },
    });
  });
  return presentEntry(actor, target, found(await findEntry(db, entryId)));
}

export async function deleteArchiveEntry(db: Db, actor: Actor, studentId: number, entryId: number, audit: AuditContext) {
  const student = await loadVisibleStudent(db, actor, studentId);
  const before = await loadEntry(db, studentId, entryId);
  ensure(whyNotEditArchiveEntry(actor, studentTarget(student), entryTarget(before)));
  await db.transaction().execute(async (trx) => {
    await deleteEntry(trx, entryId);
    await recordAudit(trx, audit, {
      action: 'growth_archive.entry_deleted',
      entityType: 'growth_archive_entry',
      entityId: entryId,
      summary: { before: auditViewOfEntry(before, student.student_no) },
    });
  });
}

/** The printable archive (.docx), sensitive fields masked; each export is in the audit log. */
export async function exportArchive(db: Db, actor: Actor, studentId: number, audit: AuditContext) {
  const student = await loadVisibleStudent(db, actor, studentId);
  ensure(whyNotExportArchive(actor, studentTarget(student)));
  const archive = await archiveOf(db, actor, student);
  const file = await buildArchiveDocument(archive, new Date());
  await recordAudit(db, audit, {
    action: 'growth_archive.exported',
    entityType: 'student',
    entityId: student.id,
    summary: { after: { studentNo: student.student_no, name: student.name, entries: archive.entries.length } },
  });
  return { file, fileName: `${student.student_no}-${student.name}-资助成长档案.docx` };
}
