import { sensitiveFields, type StudentDto } from '../../../../contracts/students.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotManageRoster, whyNotRevealField } from '../../policies/student-policy.ts';
import { maskedOf } from '../../privacy/sensitive-columns.ts';
import { studentTarget } from './students.commands.ts';
import type { StudentRow } from './students.repository.ts';

/** A student as every list and page shows them: sensitive fields masked, never in full. */
export function presentStudent(actor: Actor, row: StudentRow): StudentDto {
  const target = studentTarget(row);
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    studentNo: row.student_no,
    name: row.name,
    gender: row.gender,
    department: row.department,
    programme: row.programme,
    schooling: row.schooling,
    grade: row.grade,
    className: row.class_name,
    origin: row.origin,
    hukouCity: row.hukou_city,
    status: row.status,
    masked: maskedOf(row),
    updatedAt: row.updated_at.toISOString(),
    abilities: {
      edit: ability(whyNotManageRoster(actor, row.unit_id)),
      reveal: Object.fromEntries(
        sensitiveFields.map((f) => [f, ability(whyNotRevealField(actor, target, f))]),
      ) as StudentDto['abilities']['reveal'],
    },
  };
}
