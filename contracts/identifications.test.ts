import { describe, expect, it } from 'vitest';
import { countWorkingDays, earliestNoticeEnd, shanghaiToday } from './identifications.ts';

describe('公示 working days (Monday–Friday)', () => {
  it.each([
    ['a Monday start ends on Friday', '2024-09-23', '2024-09-27'],
    ['a Friday start runs over the weekend to Thursday', '2024-09-27', '2024-10-03'],
    ['a Saturday start counts from Monday', '2024-09-28', '2024-10-04'],
    ['a Sunday start counts from Monday', '2024-09-29', '2024-10-04'],
    ['across a year end', '2024-12-30', '2025-01-03'],
  ])('%s', (_, start, end) => {
    expect(earliestNoticeEnd(start)).toBe(end);
    expect(countWorkingDays(start, end)).toBe(5);
    expect(countWorkingDays(start, new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10))).toBe(4);
  });

  it('counts no working day in a weekend or a reversed period', () => {
    expect(countWorkingDays('2024-09-28', '2024-09-29')).toBe(0);
    expect(countWorkingDays('2024-09-27', '2024-09-23')).toBe(0);
  });

  it('does not know public holidays: over 国庆节 the officer extends the end date', () => {
    // 2024-10-01..07 is a holiday, yet Tuesday to Friday count: the UI says to extend.
    expect(countWorkingDays('2024-09-30', '2024-10-04')).toBe(5);
  });

  it('takes today as the Beijing calendar date', () => {
    expect(shanghaiToday(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(shanghaiToday(new Date('2024-09-30T15:59:00Z'))).toBe('2024-09-30');
  });
});
