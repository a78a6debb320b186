import type { SensitiveField } from '../../../contracts/students.ts';

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** 3201**********1234: the region and the last four, as official lists show ID numbers. */
export function maskIdNumber(v: string): string {
  return v.length <= 8 ? stars(v.length) : v.slice(0, 4) + stars(v.length - 8) + v.slice(-4);
}

/** 138****5678 */
export function maskPhone(v: string): string {
  const digits = v.replace(/\D/g, '');
  if (digits.length < 7) return stars(digits.length);
  return digits.slice(0, 3) + stars(digits.length - 7) + digits.slice(-4);
}

/** 6222************1234 */
export function maskBankCard(v: string): string {
  return v.length <= 8 ? stars(v.length) : v.slice(0, 4) + stars(v.length - 8) + v.slice(-4);
}

/** 2006-**-**: the year is already public through the grade. */
export function maskBirthDate(v: string): string {
  return /^\d{4}-/.test(v) ? `${v.slice(0, 4)}-**-**` : stars(v.length);
}

/** The first six characters (province/city/district) and nothing of the street or house. */
export function maskAddress(v: string): string {
  const keep = Math.min(6, Math.floor(v.length / 2));
  return v.slice(0, keep) + '****';
}

export const maskers: Record<SensitiveField, (v: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
  birthDate: maskBirthDate,
  bankCard: maskBankCard,
};
