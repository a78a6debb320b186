import { schoolYearOf } from '../../../../../contracts/school-year.ts';

/** This school year and the four before it, newest first, for filters and forms. */
export function schoolYearOptions(now = new Date()): { value: string; label: string }[] {
  const start = Number(schoolYearOf(now).slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => {
    const year = `${start - i}-${start - i + 1}`;
    return { value: year, label: `${year} 学年` };
  });
}
