/** The editable content of a home visit as the form holds it, and how it travels to the server (autosave). */
import { visitContent, type HomeVisitDto, type VisitContent } from '../../../../../contracts/home-visits.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { fetchHomeVisit, patchHomeVisit } from '../api/home-visits-api.ts';

export function contentOf(d: HomeVisitDto): VisitContent {
  return { visitedOn: d.visitedOn, mode: d.mode, visitors: d.visitors, household: d.household, findings: d.findings };
}

/** A field is sent once the server would take it (e.g. not while a visitor's name is still empty); until then it stays on this device. */
export function fieldReady(key: keyof VisitContent, value: unknown): boolean {
  return visitContent.shape[key].safeParse(value).success;
}

export async function saveVisitContent(id: number, changes: Partial<VisitContent>, revision: number): Promise<number> {
  return (await patchHomeVisit(id, { revision, ...changes })).revision;
}

export async function loadLatestVisit(id: number): Promise<{ values: VisitContent; revision: number }> {
  const detail = await fetchHomeVisit(id);
  return { values: contentOf(detail), revision: detail.revision };
}

export const isStaleRevision = (error: unknown) => isApiError(error) && error.code === 'conflict';
export const isLockedError = (error: unknown) =>
  isApiError(error) &&
  ['home_visit_completed', 'home_visit_not_author', 'not_found', 'not_own_student', 'not_own_unit'].includes(error.code);

export const localVisitKey = (id: number) => `yongzhu:home-visit-draft:${id}`;
