import { keyTargetFlagLabels, type AssignMentorInput, type FlagStudentInput } from '../../../../contracts/key-targets.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAssignMentor,
  whyNotBeMentor,
  whyNotClearFlag,
  whyNotEndMentor,
  whyNotFlagStudent,
} from '../../policies/key-target-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { loadVisibleStudent, studentTarget } from '../students/students.commands.ts';
import {
  clearFlag,
  endAssignment,
  findAssignment,
  findFlag,
  findMentorCandidate,
  identificationOf,
  insertAssignment,
  insertFlag,
} from './key-targets.repository.ts';

export async function flagStudent(db: Db, actor: Actor, studentId: number, input: FlagStudentInput, audit: AuditContext) {
  const student = await loadVisibleStudent(db, actor, studentId);
  const identification = await identificationOf(db, studentId, input.schoolYear);
  ensure(whyNotFlagStudent(actor, { ...studentTarget(student), identified: identification !== null }));
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertFlag(trx, {
        student_id: studentId,
        school_year: input.schoolYear,
        flag: input.flag,
        department: input.department,
        note: input.note ?? null,
        flagged_by: actor.id,
      });
      await recordAudit(trx, audit, {
        action: 'key_target.flagged',
        entityType: 'student',
        entityId: studentId,
        summary: { after: { schoolYear: input.schoolYear, flag: keyTargetFlagLabels[input.flag], department: input.department } },
      });
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, { key_target_flags_active_key: 'key_target_flag_exists' }) ?? error;
  }
}

export async function clearStudentFlag(db: Db, actor: Actor, flagId: number, reason: string, audit: AuditContext) {
  const flag = found(await findFlag(db, flagId));
  const student = await loadVisibleStudent(db, actor, flag.student_id);
  ensure(whyNotClearFlag(actor, studentTarget(student)));
  if (flag.cleared_at) throw new AppError('flag_already_cleared');
  await db.transaction().execute(async (trx) => {
    await clearFlag(trx, flagId, actor.id, reason);
    await recordAudit(trx, audit, {
      action: 'key_target.cleared',
      entityType: 'student',
      entityId: flag.student_id,
      summary: { before: { schoolYear: flag.school_year, flag: keyTargetFlagLabels[flag.flag] }, note: reason },
    });
  });
}

/** Assigns a teacher of the unit; the new lead replaces the old one (who stays on the team). The mentor is told. */
export async function assignMentor(db: Db, actor: Actor, studentId: number, input: AssignMentorInput, audit: AuditContext) {
  const student = await loadVisibleStudent(db, actor, studentId);
  ensure(whyNotAssignMentor(actor, studentTarget(student)));
  const mentor = await findMentorCandidate(db, input.mentorId);
  ensure(
    mentor
      ? whyNotBeMentor(
          { unitId: mentor.unit_id, isMentor: Boolean(mentor.is_mentor), disabled: mentor.disabled_at !== null },
          student.unit_id,
        )
      : 'mentor_not_eligible',
  );
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertAssignment(trx, {
        student_id: studentId,
        mentor_id: input.mentorId,
        is_lead: input.isLead,
        note: input.note ?? null,
        assigned_by: actor.id,
      });
      await recordAudit(trx, audit, {
        action: 'mentor.assigned',
        entityType: 'student',
        entityId: studentId,
        summary: { after: { mentor: mentor!.display_name, isLead: input.isLead } },
      });
      await notify(trx, {
        template: 'mentor.assigned',
        userIds: [input.mentorId],
        data: {
          studentName: student.name,
          studentNo: student.student_no,
          unitName: student.unit_name,
          role: input.isLead ? '主导师' : '导师团队成员',
        },
        link: `/key-targets?student=${studentId}`,
      });
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, { mentor_assignments_active_key: 'mentor_already_assigned' }) ?? error;
  }
}

export async function endMentorAssignment(db: Db, actor: Actor, assignmentId: number, reason: string, audit: AuditContext) {
  const assignment = found(await findAssignment(db, assignmentId));
  const student = await loadVisibleStudent(db, actor, assignment.student_id);
  ensure(whyNotEndMentor(actor, studentTarget(student)));
  if (assignment.ended_at) throw new AppError('mentor_assignment_ended');
  await db.transaction().execute(async (trx) => {
    await endAssignment(trx, assignmentId, reason);
    await recordAudit(trx, audit, {
      action: 'mentor.ended',
      entityType: 'student',
      entityId: assignment.student_id,
      summary: { before: { mentorId: assignment.mentor_id, isLead: assignment.is_lead }, note: reason },
    });
  });
}
