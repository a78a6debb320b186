import type { KeyTargetDto, MentorAssignmentDto } from '../../../../contracts/key-targets.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotAssignMentor, whyNotClearFlag, whyNotEndMentor, whyNotFlagStudent } from '../../policies/key-target-policy.ts';
import type { StudentTarget } from '../../policies/student-policy.ts';
import type { FlagRow, KeyTargetStudentRow, MentorAssignmentRow } from './key-targets.repository.ts';

export function presentAssignment(actor: Actor, target: StudentTarget, m: MentorAssignmentRow): MentorAssignmentDto {
  return {
    id: m.id,
    mentorId: m.mentor_id,
    mentorName: m.mentor_name,
    isLead: m.is_lead,
    note: m.note,
    assignedAt: m.assigned_at.toISOString(),
    endedAt: m.ended_at?.toISOString() ?? null,
    endReason: m.end_reason,
    abilities: { end: ability(m.ended_at ? 'mentor_assignment_ended' : whyNotEndMentor(actor, target)) },
  };
}

/**
 * A key target as the officer's worklist shows it. The list is already scoped, so
 * every row is a student the actor may see; `ownStudent` only matters to teachers,
 * who never manage key targets.
 */
export function presentKeyTarget(
  actor: Actor,
  schoolYear: string,
  row: KeyTargetStudentRow,
  flags: FlagRow[],
  mentors: MentorAssignmentRow[],
): KeyTargetDto {
  const target: StudentTarget = { unitId: row.unit_id, ownStudent: true };
  return {
    studentId: row.id,
    studentNo: row.student_no,
    name: row.name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    grade: row.grade,
    className: row.class_name,
    schoolYear,
    levelName: row.level_name,
    flags: flags.map((f) => ({
      id: f.id,
      flag: f.flag,
      department: f.department,
      note: f.note,
      flaggedAt: f.flagged_at.toISOString(),
      abilities: { clear: ability(whyNotClearFlag(actor, target)) },
    })),
    mentors: mentors.map((m) => presentAssignment(actor, target, m)),
    abilities: {
      flag: ability(whyNotFlagStudent(actor, { ...target, identified: Boolean(row.identified) })),
      assignMentor: ability(whyNotAssignMentor(actor, target)),
    },
  };
}
