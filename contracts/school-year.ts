import { z } from 'zod';

/**
 * A school year is written '2024-2025' and starts on 1 September (Beijing
 * time); its first semester runs to the end of January, the second from
 * February to the end of August. Identification, archives, coverage and
 * grade promotion all count by it.
 */
export const schoolYear = z
  .string()
  .regex(/^(\d{4})-(\d{4})$/, '学年格式应为 2024-2025')
  .refine((v) => {
    const [a, b] = v.split('-').map(Number);
    return b === a! + 1;
  }, '学年应为相邻两年,例如 2024-2025');

export type Semester = 'first' | 'second';
export const semesterLabels: Record<Semester, string> = { first: '第一学期', second: '第二学期' };

/** The Beijing calendar date of an instant, as 'YYYY-MM-DD'. */
function shanghaiDate(at: Date): { y: number; m: number } {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1 };
}

/** The school year an instant or a 'YYYY-MM-DD' date falls in. */
export function schoolYearOf(at: Date | string): string {
  const { y, m } = typeof at === 'string' ? { y: Number(at.slice(0, 4)), m: Number(at.slice(5, 7)) } : shanghaiDate(at);
  const start = m >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

export function semesterOf(at: Date | string): Semester {
  const m = typeof at === 'string' ? Number(at.slice(5, 7)) : shanghaiDate(at).m;
  return m >= 9 || m === 1 ? 'first' : 'second';
}

/** First and last calendar day of a school year: ['2024-09-01', '2025-08-31']. */
export function schoolYearRange(year: string): [string, string] {
  const start = Number(year.slice(0, 4));
  return [`${start}-09-01`, `${start + 1}-08-31`];
}

/** This school year and the ones before it, newest first: the choices of a school-year filter. */
export function recentSchoolYears(count = 5, now: Date = new Date()): string[] {
  const start = Number(schoolYearOf(now).slice(0, 4));
  return Array.from({ length: count }, (_, i) => `${start - i}-${start - i + 1}`);
}
