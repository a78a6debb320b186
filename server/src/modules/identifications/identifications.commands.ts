import type { Updateable } from 'kysely';
import type {
  AdjustLevelInput,
  AppraisalInput,
  CreateIdentificationInput,
  IdentificationStatus,
  LevelInput,
  LinkVisitInput,
  RecheckInput,
  UnitReviewInput,
  UpdateLevelInput,
} from '../../../../contracts/identifications.ts';
import type { ReasonCode } from '../../../../contracts/reasons.ts';
import { schoolYearOf, semesterLabels, semesterOf } from '../../../../contracts/school-year.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { IdentificationsTable } from '../../db/schema.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAdjustLevel,
  whyNotApplyIdentification,
  whyNotAppraise,
  whyNotConfirmIdentification,
  whyNotLinkVisit,
  whyNotManageLevels,
  whyNotProposeLevel,
  whyNotRejectIdentification,
  whyNotReturnIdentification,
  whyNotViewIdentification,
  type IdentificationTarget,
} from '../../policies/identification-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { findCompletedVisits } from '../home-visits/home-visits.repository.ts';
import { studentTargetOf } from '../home-visits/student-brief.ts';
import { studentTarget } from '../students/students.commands.ts';
import { findStudentById } from '../students/students.repository.ts';
import * as repo from './identifications.repository.ts';

export const identificationTarget = (row: repo.IdentificationRow): IdentificationTarget => ({
  student: studentTargetOf(row),
  unitId: row.unit_id,
  status: row.status,
  hasCompletedVisit: Boolean(row.has_completed_visit),
  appraised: row.appraisal_result !== null,
});

export async function loadVisibleIdentification(db: DbOrTrx, actor: Actor, id: number) {
  const row = found(await repo.findIdentification(db, id, actor.id));
  ensure(whyNotViewIdentification(actor, identificationTarget(row)));
  return row;
}

/** An active level, or the reason it cannot be chosen. */
async function activeLevel(db: DbOrTrx, id: number | null | undefined) {
  if (id === null || id === undefined) return null;
  const level = await repo.findLevel(db, id);
  if (!level || !level.active) throw new AppError('level_unavailable');
  return level;
}

const who = (row: Pick<repo.IdentificationRow, 'student_no' | 'student_name' | 'school_year'>) => ({
  studentNo: row.student_no,
  name: row.student_name,
  schoolYear: row.school_year,
});

/**
 * One step of the pipeline, in one transaction: the row moves only from the
 * statuses the step starts from, with an event for its history and an audit row.
 * If someone else moved it first, the refusal is the policy's answer on the row as it now is.
 */
async function step(
  db: Db,
  actor: Actor,
  row: repo.IdentificationRow,
  s: {
    from: readonly IdentificationStatus[];
    changes: Updateable<IdentificationsTable>;
    action: string;
    note?: string | null;
    details?: Record<string, unknown>;
    audit: AuditContext;
    recheck: (target: IdentificationTarget) => ReasonCode | null;
  },
) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.advanceIdentification(trx, row.id, s.from, s.changes))) {
      const now = found(await repo.findIdentification(trx, row.id, actor.id));
      ensure(s.recheck(identificationTarget(now)));
      throw new AppError('identification_step_invalid');
    }
    await repo.insertIdentificationEvent(trx, {
      identificationId: row.id,
      action: s.action,
      actorId: actor.id,
      note: s.note ?? null,
      details: s.details,
    });
    await recordAudit(trx, s.audit, {
      action: `identification.${s.action}`,
      entityType: 'identification',
      entityId: row.id,
      summary: {
        before: { ...who(row), status: row.status },
        after: { status: s.changes.status ?? row.status, ...s.details },
        ...(s.note ? { note: s.note } : {}),
      },
    });
  });
}

/** 申请 with 诚信承诺, recorded for the student; a completed visit of that year is linked at once. */
export async function createIdentification(db: Db, actor: Actor, input: CreateIdentificationInput, audit: AuditContext, now = new Date()) {
  const student = found(await findStudentById(db, input.studentId, actor.id));
  ensure(whyNotApplyIdentification(actor, studentTarget(student)));
  if (input.schoolYear > schoolYearOf(now)) throw new AppError('school_year_not_open');
  const level = await activeLevel(db, input.requestedLevelId);
  if (await repo.findIdentificationOf(db, student.id, input.schoolYear)) throw new AppError('identification_exists');
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await repo.insertIdentification(trx, {
        student_id: student.id,
        unit_id: student.unit_id,
        school_year: input.schoolYear,
        requested_level_id: level?.id ?? null,
        pledge_signed_on: input.pledgeSignedOn,
        stated_situation: input.statedSituation,
        applied_by: actor.id,
      });
      await repo.insertIdentificationEvent(trx, {
        identificationId: id,
        action: 'applied',
        actorId: actor.id,
        details: { pledgeSignedOn: input.pledgeSignedOn, requestedLevel: level?.name ?? null },
      });
      const [visit] = await findCompletedVisits(trx, student.id, input.schoolYear);
      if (visit) {
        await repo.advanceIdentification(trx, id, ['applied'], { home_visit_id: visit.id, visit_linked_at: new Date() });
        await repo.insertIdentificationEvent(trx, {
          identificationId: id,
          action: 'visit_linked',
          actorId: actor.id,
          note: '已有本学年已完成的家访,自动关联',
          details: { homeVisitId: visit.id, visitedOn: visit.visited_on },
        });
      }
      await recordAudit(trx, audit, {
        action: 'identification.applied',
        entityType: 'identification',
        entityId: id,
        summary: {
          after: {
            studentNo: student.student_no,
            name: student.name,
            schoolYear: input.schoolYear,
            status: 'applied',
            pledgeSignedOn: input.pledgeSignedOn,
            homeVisitId: visit?.id ?? null,
          },
        },
      });
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, { identifications_student_year_key: 'identification_exists' }) ?? error;
  }
}

/** Links a completed visit of the same student and school year (e.g. a later, fuller one). */
export async function linkVisit(db: Db, actor: Actor, id: number, input: LinkVisitInput, audit: AuditContext) {
  const row = await loadVisibleIdentification(db, actor, id);
  ensure(whyNotLinkVisit(actor, identificationTarget(row)));
  const visits = await findCompletedVisits(db, row.student_id, row.school_year);
  const visit = visits.find((v) => v.id === input.homeVisitId);
  if (!visit) throw new AppError('home_visit_not_linkable');
  await step(db, actor, row, {
    from: ['applied', 'appraised'],
    changes: { home_visit_id: visit.id, visit_linked_at: new Date() },
    action: 'visit_linked',
    details: { homeVisitId: visit.id, visitedOn: visit.visited_on },
    audit,
    recheck: (t) => whyNotLinkVisit(actor, t),
  });
}

/** 民主评议: the class's result, recorded (or corrected) until the unit has decided. */
export async function appraise(db: Db, actor: Actor, id: number, input: AppraisalInput, audit: AuditContext) {
  const row = await loadVisibleIdentification(db, actor, id);
  ensure(whyNotAppraise(actor, identificationTarget(row)));
  const level = await activeLevel(db, input.suggestedLevelId);
  await step(db, actor, row, {
    from: ['applied', 'appraised'],
    changes: {
      status: 'appraised',
      appraisal_result: input.result,
      appraisal_level_id: level?.id ?? null,
      appraised_on: input.appraisedOn,
      appraisal_note: input.note || null,
      appraised_by: actor.id,
      appraised_at: new Date(),
    },
    action: 'appraised',
    note: input.note || null,
    details: { result: input.result, suggestedLevel: level?.name ?? null, appraisedOn: input.appraisedOn },
    audit,
    recheck: (t) => whyNotAppraise(actor, t),
  });
}

/** 单位审核: propose a level (needs the completed home visit and the appraisal) or reject with a reason. */
export async function unitReview(db: Db, actor: Actor, id: number, input: UnitReviewInput, audit: AuditContext) {
  const row = await loadVisibleIdentification(db, actor, id);
  const at = new Date();
  if (input.decision === 'reject') {
    ensure(whyNotRejectIdentification(actor, identificationTarget(row)));
    return step(db, actor, row, {
      from: ['applied', 'appraised'],
      changes: { status: 'rejected', proposed_level_id: null, review_reason: input.reason, reviewed_by: actor.id, reviewed_at: at },
      action: 'rejected',
      note: input.reason,
      audit,
      recheck: (t) => whyNotRejectIdentification(actor, t),
    });
  }
  ensure(whyNotProposeLevel(actor, identificationTarget(row)));
  const level = found(await activeLevel(db, input.levelId));
  await step(db, actor, row, {
    from: ['appraised'],
    changes: {
      status: 'proposed',
      proposed_level_id: level.id,
      review_reason: input.reason || null,
      reviewed_by: actor.id,
      reviewed_at: at,
    },
    action: 'proposed',
    note: input.reason || null,
    details: { levelId: level.id, level: level.name },
    audit,
    recheck: (t) => whyNotProposeLevel(actor, t),
  });
}

/** 学院复核: confirm the unit's level (the visit is checked again), or send it back to the unit with a reason. */
export async function recheck(db: Db, actor: Actor, id: number, input: RecheckInput, audit: AuditContext) {
  const row = await loadVisibleIdentification(db, actor, id);
  const at = new Date();
  if (input.decision === 'return') {
    ensure(whyNotReturnIdentification(actor, identificationTarget(row)));
    return step(db, actor, row, {
      from: ['proposed'],
      changes: { status: 'appraised', returned_at: at, return_reason: input.reason },
      action: 'returned',
      note: input.reason,
      audit,
      recheck: (t) => whyNotReturnIdentification(actor, t),
    });
  }
  ensure(whyNotConfirmIdentification(actor, identificationTarget(row)));
  await step(db, actor, row, {
    from: ['proposed'],
    changes: { status: 'confirmed', level_id: row.proposed_level_id, rechecked_by: actor.id, rechecked_at: at },
    action: 'confirmed',
    details: { levelId: row.proposed_level_id, level: row.proposed_level_name },
    audit,
    recheck: (t) => whyNotConfirmIdentification(actor, t),
  });
}

/** 学期调整: the level in force changes with a reason; the history keeps every change. */
export async function adjustLevel(db: Db, actor: Actor, id: number, input: AdjustLevelInput, audit: AuditContext, now = new Date()) {
  const row = await loadVisibleIdentification(db, actor, id);
  ensure(whyNotAdjustLevel(actor, identificationTarget(row)));
  const level = found(await activeLevel(db, input.levelId));
  if (level.id === row.level_id) throw new AppError('level_unchanged');
  const semester = semesterOf(now);
  await step(db, actor, row, {
    from: ['archived'],
    changes: { level_id: level.id },
    action: 'adjusted',
    note: input.reason,
    details: {
      fromLevelId: row.level_id,
      fromLevel: row.level_name,
      toLevelId: level.id,
      toLevel: level.name,
      semester,
      semesterLabel: `${schoolYearOf(now)}学年${semesterLabels[semester]}`,
    },
    audit,
    recheck: (t) => whyNotAdjustLevel(actor, t),
  });
}

// ---- levels

const levelUnique = { identification_levels_name_key: 'level_name_taken' } as const;

export async function createLevel(db: Db, actor: Actor, input: LevelInput, audit: AuditContext): Promise<number> {
  ensure(whyNotManageLevels(actor));
  try {
    return await db.transaction().execute(async (trx) => {
      const levels = await repo.listLevels(trx);
      const sortOrder = input.sortOrder ?? Math.max(0, ...levels.map((l) => l.sort_order)) + 1;
      const id = await repo.insertLevel(trx, { name: input.name, sort_order: sortOrder, active: input.active ?? true });
      await recordAudit(trx, audit, {
        action: 'identification_level.created',
        entityType: 'identification_level',
        entityId: id,
        summary: { after: { name: input.name, sortOrder, active: input.active ?? true } },
      });
      return id;
    });
  } catch (error) {
    throw uniqueViolation(error, levelUnique) ?? error;
  }
}

export async function updateLevelSettings(db: Db, actor: Actor, id: number, input: UpdateLevelInput, audit: AuditContext) {
  ensure(whyNotManageLevels(actor));
  const before = found(await repo.findLevel(db, id));
  try {
    await db.transaction().execute(async (trx) => {
      await repo.updateLevel(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        ...(input.active !== undefined && { active: input.active }),
      });
      await recordAudit(trx, audit, {
        action: 'identification_level.updated',
        entityType: 'identification_level',
        entityId: id,
        summary: {
          before: { name: before.name, sortOrder: before.sort_order, active: before.active },
          after: { ...input },
        },
      });
    });
  } catch (error) {
    throw uniqueViolation(error, levelUnique) ?? error;
  }
}
