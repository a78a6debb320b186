import { describe, expect, it } from 'vitest';
import { fromPickerValue, toPickerValue } from './deadlines.ts';

describe('deadline pickers work in Shanghai time', () => {
  it('shows an instant as its Shanghai wall clock and reads it back to the same instant', () => {
    const picked = toPickerValue('2025-06-30T09:00:00.000Z');
    expect(picked?.format('YYYY-MM-DD HH:mm')).toBe('2025-06-30 17:00');
    expect(new Date(fromPickerValue(picked)!).toISOString()).toBe('2025-06-30T09:00:00.000Z');
  });

  it('keeps an empty deadline empty', () => {
    expect(toPickerValue(null)).toBeNull();
    expect(fromPickerValue(null)).toBeNull();
  });
});
