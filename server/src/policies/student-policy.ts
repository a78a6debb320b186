import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { SensitiveField } from '../../../contracts/students.ts';
import { hasRole, isInstituteAdmin, type Actor } from './actor.ts';

/**
 * Whose student records a user may see (product.md, Privacy rules):
 * - `all`: the institute admin, every unit, for the re-check of identifications and the coverage drill-down;
 * - `unit`: the unit's aid officer and leader, their own unit;
 * - `own`: mentors and class teachers, the classes they head and the students they mentor.
 * Reviewers and coordinators (without a unit role) never see student records.
 * Repositories turn a scope into SQL (students.repository.ts `inStudentScope`), so lists and
 * single records follow the same rule.
 */
export type StudentScope = { kind: 'all' } | { kind: 'unit'; unitId: number } | { kind: 'own'; unitId: number; userId: number };

export function studentScopeOf(actor: Actor): StudentScope | ReasonCode {
  if (isInstituteAdmin(actor)) return { kind: 'all' };
  if (actor.unitId === null) return 'student_records_forbidden';
  if (hasRole(actor, 'unit_officer') || hasRole(actor, 'unit_leader')) return { kind: 'unit', unitId: actor.unitId };
  if (hasRole(actor, 'mentor')) return { kind: 'own', unitId: actor.unitId, userId: actor.id };
  return 'student_records_forbidden';
}

export function whyNotListStudents(actor: Actor): ReasonCode | null {
  const scope = studentScopeOf(actor);
  return typeof scope === 'string' ? scope : null;
}

/** The facts about one student the rules look at. */
export interface StudentTarget {
  unitId: number;
  /** The actor heads the student's class or mentors the student. */
  ownStudent: boolean;
}

export function whyNotViewStudent(actor: Actor, s: StudentTarget): ReasonCode | null {
  const scope = studentScopeOf(actor);
  if (typeof scope === 'string') return scope;
  if (scope.kind === 'all') return null;
  if (scope.unitId !== s.unitId) return 'not_own_unit';
  if (scope.kind === 'own' && !s.ownStudent) return 'not_own_student';
  return null;
}

/** Fields a teacher needs on a home visit; the rest stays with the aid officer. */
const teacherRevealable: readonly SensitiveField[] = ['phone', 'address'];

/** Seeing a field in full: always with a stated reason, always audited. */
export function whyNotRevealField(actor: Actor, s: StudentTarget, field: SensitiveField): ReasonCode | null {
  const reason = whyNotViewStudent(actor, s);
  if (reason) return reason;
  if (isInstituteAdmin(actor) || hasRole(actor, 'unit_officer')) return null;
  if (hasRole(actor, 'mentor') && s.ownStudent && teacherRevealable.includes(field)) return null;
  return 'reveal_not_allowed';
}

/** The roster (import, add, edit, class teachers) is kept by the unit's aid officer. */
export function whyNotManageRoster(actor: Actor, unitId: number | null = actor.unitId): ReasonCode | null {
  if (unitId === null || actor.unitId !== unitId) return actor.unitId === null ? 'not_roster_manager' : 'not_own_unit';
  return hasRole(actor, 'unit_officer') ? null : 'not_roster_manager';
}
