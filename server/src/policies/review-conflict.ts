/**
 * Conflicts of interest in review (回避), shared by assignment, scoring, ranking and
 * decisions: nobody reviews, scores or steers a case of their own unit, nor of a
 * unit they declared a conflict with for the campaign.
 */
export type ConflictKind = 'own_unit' | 'declared';

export interface ConflictFacts {
  /** The person's own unit (null for an external expert without one). */
  userUnitId: number | null;
  /** Units the person has a declared conflict with in this campaign. */
  declaredUnitIds: ReadonlySet<number>;
}

export function conflictOf(facts: ConflictFacts, unitId: number): ConflictKind | null {
  if (facts.userUnitId !== null && facts.userUnitId === unitId) return 'own_unit';
  if (facts.declaredUnitIds.has(unitId)) return 'declared';
  return null;
}
