import type { RevealInput, RevealResult, StudentInput, UpdateStudentInput } from '../../../../contracts/students.ts';
import type { Db } from '../../db/database.ts';
import { ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotManageRoster, whyNotRevealField, whyNotViewStudent } from '../../policies/student-policy.ts';
import type { Keyring } from '../../privacy/keyring.ts';
import { maskedOf, openSensitive, sealSensitive, sensitiveColumn } from '../../privacy/sensitive-columns.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { findSealedField, findStudentById, insertStudent, updateStudent, type StudentRow } from './students.repository.ts';

const uniqueReasons = { students_unit_student_no_key: 'student_no_taken' } as const;

export const studentTarget = (row: StudentRow) => ({ unitId: row.unit_id, ownStudent: Boolean(row.own_student) });

/** A student the actor may see, or the reason they may not (404 when it does not exist). */
export async function loadVisibleStudent(db: Db, actor: Actor, id: number): Promise<StudentRow> {
  const row = found(await findStudentById(db, id, actor.id));
  ensure(whyNotViewStudent(actor, studentTarget(row)));
  return row;
}

/** What the audit log may keep of a student: masked values only, never a sensitive field in full. */
function auditView(row: StudentRow) {
  return {
    studentNo: row.student_no,
    name: row.name,
    programme: row.programme,
    grade: row.grade,
    className: row.class_name,
    status: row.status,
    ...maskedOf(row),
  };
}

function plainColumns(input: Omit<UpdateStudentInput, 'sensitive'>) {
  return {
    ...(input.studentNo !== undefined && { student_no: input.studentNo }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.gender !== undefined && { gender: input.gender }),
    ...(input.department !== undefined && { department: input.department ?? null }),
    ...(input.programme !== undefined && { programme: input.programme }),
    ...(input.schooling !== undefined && { schooling: input.schooling ?? null }),
    ...(input.grade !== undefined && { grade: input.grade }),
    ...(input.className !== undefined && { class_name: input.className ?? null }),
    ...(input.origin !== undefined && { origin: input.origin }),
    ...(input.hukouCity !== undefined && { hukou_city: input.hukouCity ?? null }),
    ...(input.status !== undefined && { status: input.status }),
  };
}

export async function createStudent(db: Db, keyring: Keyring, actor: Actor, input: StudentInput, audit: AuditContext) {
  const unitId = input.unitId ?? actor.unitId;
  ensure(whyNotManageRoster(actor, unitId));
  const { sensitive, unitId: _unit, ...plain } = input;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertStudent(trx, {
        unit_id: unitId!,
        student_no: plain.studentNo,
        name: plain.name,
        programme: plain.programme,
        grade: plain.grade,
        ...plainColumns(plain),
        ...sealSensitive(keyring, sensitive ?? {}),
        created_by: actor.id,
        updated_by: actor.id,
      });
      const row = found(await findStudentById(trx, id, actor.id));
      await recordAudit(trx, audit, { action: 'student.created', entityType: 'student', entityId: id, summary: { after: auditView(row) } });
      return id;
    });
    return found(await findStudentById(db, id, actor.id));
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
}

export async function updateStudentDetails(
  db: Db,
  keyring: Keyring,
  actor: Actor,
  id: number,
  input: UpdateStudentInput,
  audit: AuditContext,
) {
  const before = await loadVisibleStudent(db, actor, id);
  ensure(whyNotManageRoster(actor, before.unit_id));
  const { sensitive, ...plain } = input;
  try {
    await db.transaction().execute(async (trx) => {
      await updateStudent(trx, id, { ...plainColumns(plain), ...sealSensitive(keyring, sensitive ?? {}), updated_by: actor.id });
      const after = found(await findStudentById(trx, id, actor.id));
      await recordAudit(trx, audit, {
        action: 'student.updated',
        entityType: 'student',
        entityId: id,
        summary: { before: auditView(before), after: auditView(after) },
      });
    });
    return found(await findStudentById(db, id, actor.id));
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
}

/** One field in full, for a permitted role with a stated reason; the reveal is audited (the value is not). */
export async function revealStudentField(db: Db, keyring: Keyring, actor: Actor, id: number, input: RevealInput, audit: AuditContext) {
  const row = await loadVisibleStudent(db, actor, id);
  ensure(whyNotRevealField(actor, studentTarget(row), input.field));
  const sealed = found(await findSealedField(db, id, `${sensitiveColumn[input.field]}_sealed`));
  await recordAudit(db, audit, {
    action: 'student.revealed',
    entityType: 'student',
    entityId: id,
    summary: { note: input.reason, after: { field: input.field, studentNo: row.student_no, name: row.name } },
  });
  const result: RevealResult = { field: input.field, value: openSensitive(keyring, input.field, sealed.sealed) };
  return result;
}
