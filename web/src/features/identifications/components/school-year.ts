import { schoolYearOf } from '../../../../../contracts/school-year.ts';

/** This school year and the two before it, newest first. */
export function recentSchoolYears(now = new Date()): string[] {
  const start = Number(schoolYearOf(now).slice(0, 4));
  return [0, 1, 2].map((n) => `${start - n}-${start - n + 1}`);
}
