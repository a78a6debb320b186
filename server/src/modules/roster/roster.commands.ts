import type {
  PromotionPreviewDto,
  PromotionResultDto,
  RosterClassDto,
  RunPromotionInput,
  SetClassTeachersInput,
} from '../../../../contracts/roster.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, uniqueViolation } from '../../errors.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotClassTeacher, whyNotRunPromotion } from '../../policies/roster-policy.ts';
import { studentScopeOf, whyNotManageRoster } from '../../policies/student-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { schoolingYears } from './roster-rows.ts';
import {
  classExists,
  classTeachersOf,
  enrolledBySchoolingAndGrade,
  findPromotion,
  graduateStudents,
  insertPromotion,
  listClasses,
  promoteStudents,
  replaceClassTeachers,
  setPromotionCounts,
  teacherCandidates,
} from './roster.repository.ts';

// ---- classes and their 班主任 -----------------------------------------------------------

/**
 * The classes of a unit's roster the actor may see (a teacher: the classes
 * they head or where they mentor someone), with who heads each.
 */
export async function classesOf(db: Db, actor: Actor, unitId: number | undefined): Promise<RosterClassDto[]> {
  const scope = studentScopeOf(actor);
  if (typeof scope === 'string') return ensure(scope) as never;
  const unit = unitId ?? (scope.kind === 'all' ? undefined : scope.unitId);
  // The institute sees every unit, one at a time.
  if (unit === undefined) return [];
  if (scope.kind !== 'all' && unit !== scope.unitId) ensure('not_own_unit');
  const [classes, teachers] = await Promise.all([listClasses(db, scope, unit), classTeachersOf(db, unit)]);
  const assign = ability(whyNotManageRoster(actor, unit));
  return classes.map((c) => ({
    className: c.class_name,
    students: Number(c.students),
    grades: c.grades ?? [],
    teachers: teachers.filter((t) => t.class_name === c.class_name).map((t) => ({ id: t.id, displayName: t.display_name })),
    abilities: { assignTeachers: assign },
  }));
}

export async function classTeacherCandidates(db: Db, actor: Actor) {
  ensure(whyNotManageRoster(actor));
  const rows = await teacherCandidates(db, actor.unitId!);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username }));
}

/** Sets who heads one class (replacing the previous set); the teachers then see its students. */
export async function setClassTeachers(db: Db, actor: Actor, input: SetClassTeachersInput, audit: AuditContext) {
  ensure(whyNotManageRoster(actor));
  const unitId = actor.unitId!;
  if (!(await classExists(db, unitId, input.className))) throw new AppError('roster_class_unknown');
  const userIds = [...new Set(input.userIds)];
  const eligible = new Set((await teacherCandidates(db, unitId, userIds)).map((u) => u.id));
  for (const id of userIds) ensure(whyNotClassTeacher({ unitId, active: eligible.has(id), isTeacher: eligible.has(id) }, unitId));
  await db.transaction().execute(async (trx) => {
    const before = (await classTeachersOf(trx, unitId)).filter((t) => t.class_name === input.className);
    await replaceClassTeachers(trx, unitId, input.className, userIds, actor.id);
    const after = (await classTeachersOf(trx, unitId)).filter((t) => t.class_name === input.className);
    await recordAudit(trx, audit, {
      action: 'class_teachers.changed',
      entityType: 'unit',
      entityId: unitId,
      summary: {
        before: { className: input.className, teachers: before.map((t) => t.display_name) },
        after: { className: input.className, teachers: after.map((t) => t.display_name) },
      },
    });
  });
  return (await classesOf(db, actor, unitId)).find((c) => c.className === input.className)!;
}

// ---- grade promotion -----------------------------------------------------------------------

async function promotionCounts(db: Db, unitId: number) {
  const groups = await enrolledBySchoolingAndGrade(db, unitId);
  const byGrade = new Map<number, { grade: number; promote: number; graduate: number }>();
  for (const g of groups) {
    const entry = byGrade.get(g.grade) ?? { grade: g.grade, promote: 0, graduate: 0 };
    if (g.grade >= schoolingYears(g.schooling)) entry.graduate += Number(g.n);
    else entry.promote += Number(g.n);
    byGrade.set(g.grade, entry);
  }
  const rows = [...byGrade.values()].sort((a, b) => a.grade - b.grade);
  return {
    groups,
    byGrade: rows,
    promote: rows.reduce((n, r) => n + r.promote, 0),
    graduate: rows.reduce((n, r) => n + r.graduate, 0),
  };
}

/** What the promotion of the current school year would do, or what it did. */
export async function promotionPreview(db: Db, actor: Actor): Promise<PromotionPreviewDto> {
  ensure(whyNotManageRoster(actor));
  const unitId = actor.unitId!;
  const schoolYear = schoolYearOf(new Date());
  const [done, counts] = await Promise.all([findPromotion(db, unitId, schoolYear), promotionCounts(db, unitId)]);
  return {
    schoolYear,
    promote: counts.promote,
    graduate: counts.graduate,
    byGrade: counts.byGrade,
    done: done ? { at: done.run_at.toISOString(), by: done.run_by_name, promoted: done.promoted, graduated: done.graduated } : null,
    abilities: { run: ability(whyNotRunPromotion(actor, { unitId, alreadyDone: done !== undefined })) },
  };
}

/**
 * 年级升级 at the start of a school year: students in their last grade (by
 * 学制, five years when not given) become 已毕业, everyone else moves up one
 * grade. Once per unit and school year (the unique key of grade_promotions).
 */
export async function runPromotion(db: Db, actor: Actor, input: RunPromotionInput, audit: AuditContext): Promise<PromotionResultDto> {
  ensure(whyNotManageRoster(actor));
  const unitId = actor.unitId!;
  const schoolYear = schoolYearOf(new Date());
  if (input.schoolYear !== schoolYear) throw new AppError('promotion_wrong_year');
  ensure(whyNotRunPromotion(actor, { unitId, alreadyDone: (await findPromotion(db, unitId, schoolYear)) !== undefined }));
  try {
    return await db.transaction().execute(async (trx) => {
      const groups = await enrolledBySchoolingAndGrade(trx, unitId);
      if (groups.length === 0) throw new AppError('promotion_nothing_to_do');
      // The once-per-year row first: a second run at the same moment stops here instead of promoting twice.
      await insertPromotion(trx, { unit_id: unitId, school_year: schoolYear, promoted: 0, graduated: 0, run_by: actor.id });
      let promoted = 0;
      let graduated = 0;
      for (const schooling of new Set(groups.map((g) => g.schooling))) {
        const finalGrade = schoolingYears(schooling);
        // Graduates first, so that nobody is moved up into the last grade and out in the same run.
        graduated += await graduateStudents(trx, unitId, schooling, finalGrade, actor.id);
        promoted += await promoteStudents(trx, unitId, schooling, finalGrade, actor.id);
      }
      await setPromotionCounts(trx, unitId, schoolYear, { promoted, graduated });
      await recordAudit(trx, audit, {
        action: 'roster.promoted',
        entityType: 'unit',
        entityId: unitId,
        summary: { after: { schoolYear, promoted, graduated } },
      });
      return { schoolYear, promoted, graduated };
    });
  } catch (error) {
    throw uniqueViolation(error, { grade_promotions_unit_year_key: 'promotion_already_done' }) ?? error;
  }
}
