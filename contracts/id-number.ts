/**
 * Chinese mainland resident ID numbers (GB 11643-1999): 17 digits and a
 * check character (0–9 or X). Shared by the roster import, the student form
 * and the PII scanner, so all three agree on what a valid number is.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';
/** Province-level codes of GB/T 2260 (the ID number's first two digits). */
// prettier-ignore
const provinceCodes = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** A real calendar date between 1900-01-01 and `today`. */
export function isPastDate(year: number, month: number, day: number, today = new Date()): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return false;
  return date.getTime() <= today.getTime();
}

/** Full-width digits and letters to half-width; spaces, hyphens and NBSP removed; x upper-cased. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000-]/g, '')
    .toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** 'YYYY-MM-DD' when the seventh-to-fourteenth digits are a real date not in the future, else null. */
export function birthDateOfIdNumber(id: string, today = new Date()): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m || !isPastDate(Number(m[1]), Number(m[2]), Number(m[3]), today)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * An 18-character number (as typed: full-width digits, spaces, a lower-case x
 * are fine) with a known province code, a real birth date not in the future,
 * and the ISO 7064 MOD 11-2 check character (X for 10).
 */
export function isValidIdNumber(value: string, today = new Date()): boolean {
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id) || !provinceCodes.has(id.slice(0, 2))) return false;
  if (!birthDateOfIdNumber(id, today)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** The 17th digit: odd for men, even for women. */
export function genderOfIdNumber(id: string): '男' | '女' | null {
  if (!isValidIdNumber(id)) return null;
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}
