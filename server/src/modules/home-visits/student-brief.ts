import type { StudentBrief } from '../../../../contracts/home-visits.ts';
import type { StudentTarget } from '../../policies/student-policy.ts';

/**
 * The student columns visit and identification queries select (aliases s =
 * students, su = the student's unit): what the records show of a student, and
 * the facts the policies need. Never a sensitive column, not even masked.
 */
export const studentBriefColumns = [
  's.id as student_id',
  's.name as student_name',
  's.student_no',
  's.unit_id as student_unit_id',
  'su.name as student_unit_name',
  's.department as student_department',
  's.programme as student_programme',
  's.grade as student_grade',
  's.class_name as student_class_name',
] as const;

export interface StudentBriefRow {
  student_id: number;
  student_name: string;
  student_no: string;
  student_unit_id: number;
  student_unit_name: string;
  student_department: string | null;
  student_programme: string;
  student_grade: number;
  student_class_name: string | null;
  own_student: boolean | null;
}

export function presentStudentBrief(row: StudentBriefRow): StudentBrief {
  return {
    id: row.student_id,
    name: row.student_name,
    studentNo: row.student_no,
    unitId: row.student_unit_id,
    unitName: row.student_unit_name,
    department: row.student_department,
    programme: row.student_programme,
    grade: row.student_grade,
    className: row.student_class_name,
  };
}

export const studentTargetOf = (row: Pick<StudentBriefRow, 'student_unit_id' | 'own_student'>): StudentTarget => ({
  unitId: row.student_unit_id,
  ownStudent: Boolean(row.own_student),
});
