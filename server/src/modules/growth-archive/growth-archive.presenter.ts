import {
  archiveEntryKinds,
  fenToYuan,
  type ActivityType,
  type AidType,
  type ArchiveEntryDto,
  type ArchiveEntryKind,
  type ArchiveStudentDto,
} from '../../../../contracts/growth-archive.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotEditArchiveEntry, whyNotExportArchive, whyNotWriteArchive } from '../../policies/growth-archive-policy.ts';
import type { StudentTarget } from '../../policies/student-policy.ts';
import type { StudentRow } from '../students/students.repository.ts';
import type { ArchiveEntryRow } from './growth-archive.repository.ts';

const person = (id: number | null, name: string | null) => (id === null ? null : { id, displayName: name ?? '' });

export const entryTarget = (row: ArchiveEntryRow) => ({ kind: row.kind, createdBy: row.created_by, fromAward: row.award_id !== null });

export function presentEntry(actor: Actor, student: StudentTarget, row: ArchiveEntryRow): ArchiveEntryDto {
  const rule = ability(whyNotEditArchiveEntry(actor, student, entryTarget(row)));
  return {
    id: row.id,
    kind: row.kind,
    occurredOn: row.occurred_on,
    schoolYear: schoolYearOf(row.occurred_on),
    aidType: row.aid_type as AidType | null,
    amountFen: row.amount_fen,
    amount: row.amount_fen === null ? null : fenToYuan(row.amount_fen),
    funder: row.funder,
    activityType: row.activity_type as ActivityType | null,
    title: row.title,
    hours: row.hours === null ? null : Number(row.hours),
    body: row.body,
    note: row.note,
    targetOn: row.target_on,
    goalStatus: row.goal_status,
    award:
      row.award_id === null ? null : { id: row.award_id, itemName: row.award_item_name ?? '', schoolYear: row.award_school_year ?? '' },
    createdBy: person(row.created_by, row.created_by_name),
    createdAt: row.created_at.toISOString(),
    updatedBy: person(row.updated_by, row.updated_by_name),
    updatedAt: row.updated_at.toISOString(),
    abilities: { edit: rule, delete: rule },
  };
}

export function presentArchiveStudent(row: StudentRow): ArchiveStudentDto {
  return {
    id: row.id,
    name: row.name,
    studentNo: row.student_no,
    unitId: row.unit_id,
    unitName: row.unit_name,
    department: row.department,
    programme: row.programme,
    grade: row.grade,
    className: row.class_name,
    idNumberMasked: row.id_number_masked,
  };
}

export function archiveAbilities(actor: Actor, student: StudentTarget) {
  return {
    create: Object.fromEntries(archiveEntryKinds.map((k) => [k, ability(whyNotWriteArchive(actor, student, k))])) as Record<
      ArchiveEntryKind,
      ReturnType<typeof ability>
    >,
    export: ability(whyNotExportArchive(actor, student)),
  };
}

/** What the audit log keeps of an entry: its facts, without empty columns. */
export function auditViewOfEntry(row: ArchiveEntryRow, studentNo: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    studentId: row.student_id,
    studentNo,
    kind: row.kind,
    occurredOn: row.occurred_on,
    aidType: row.aid_type,
    amountFen: row.amount_fen,
    funder: row.funder,
    activityType: row.activity_type,
    title: row.title,
    hours: row.hours === null ? null : Number(row.hours),
    body: row.body,
    note: row.note,
    targetOn: row.target_on,
    goalStatus: row.goal_status,
    awardId: row.award_id,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== null));
}
