import { createHash } from 'node:crypto';
import { isPastDate, isValidIdNumber } from '../../../../contracts/id-number.ts';
import type { PiiFinding, PiiKind } from '../../../../contracts/pii.ts';
import { maskBankCard, maskIdNumber, maskPhone } from '../../privacy/masking.ts';

/**
 * The PII scanner: finds 身份证号, 手机号码, 银行卡号, 出生日期 and 住址 in free
 * text, as people type them in Chinese documents (full-width digits, digits in
 * groups separated by spaces or hyphens, +86 prefixes). Numbers are validated
 * (GB 11643 checksum and date, Luhn, mobile prefixes) so that ordinary case text
 * — dates, amounts, counts, 学号 — does not trip it. Every regex here is linear in
 * the text's length. Findings never carry the value in clear: only a masked
 * excerpt and a fingerprint (SHA-256 of kind + normalised value).
 */

// ---- digits ----

const FULLWIDTH_OFFSET = 0xff10 - 0x30;

/** Full-width digits and X to ASCII; everything else unchanged. */
export function normaliseDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58x]/g, (c) => {
    if (c === 'x' || c === '\uFF38' || c === '\uFF58') return 'X';
    return String.fromCharCode(c.charCodeAt(0) - FULLWIDTH_OFFSET);
  });
}

const isDigitCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const isAsciiLetterCode = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

// ---- validity checks (ID numbers: contracts/id-number.ts, shared with the roster import) ----

/** The Luhn (mod 10) check of a string of ASCII digits. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// ---- masking: ID, phone and card as the students' masked fields (privacy/masking.ts, decision 008) ----

/** 2005-**-**: the year is public through the grade anyway. */
export const maskBirthDate = (year: number) => `${year}-**-**`;
/** Every digit (ASCII, full-width, Chinese numerals) of an address becomes '*': the place stays readable, the house number not. */
export const maskAddress = (v: string) => v.replace(/[0-9\uFF10-\uFF19一二三四五六七八九十百零〇]/g, '*');

export function piiFingerprint(kind: PiiKind, normalisedValue: string): string {
  return createHash('sha256').update(`${kind}:${normalisedValue}`).digest('hex').slice(0, 32);
}

// ---- number runs: digits in groups, as typed ----

/**
 * Digits (ASCII or full-width) in groups joined by one hyphen or one or two
 * spaces, optionally ending in X. Groups are never split: a number inside a
 * longer digit string is not a match.
 */
const NUMBER_RUN =
  /[0-9\uFF10-\uFF19]+(?:(?:[ \u00A0\u3000]{1,2}|[-\u2010\u2011\u2013\u2014\uFF0D])[0-9\uFF10-\uFF19]+)*[Xx\uFF38\uFF58]?/g;

interface Group {
  digits: string;
  start: number;
  end: number;
  hasX: boolean;
}

/** Group shapes people use when they split a number (sizes of the groups). */
const ID_SHAPES = new Set(['18', '6,8,4', '6,4,4,4', '4,4,4,4,2', '6,12', '3,3,4,4,4']);
const MOBILE_SHAPES = new Set(['11', '3,4,4', '3,8', '7,4']);
/** The most groups of any shape (4-4-4-4-3, 3-3-4-4-4; 86 + 3-4-4). */
const MAX_GROUPS = 5;

function bankShape(sizes: number[], total: number): boolean {
  if (sizes.length === 1) return true;
  if (sizes.length === 2 && sizes[0] === 6) return true;
  // 4-4-4-4(-1…4): every group of four but the last.
  return sizes.length >= 4 && sizes.slice(0, -1).every((s) => s === 4) && sizes.at(-1)! >= 1 && sizes.at(-1)! <= 4 && total >= 16;
}

/** Numbers right after these words are not phone numbers (学号 2021301011 and the like). */
const NOT_A_PHONE_BEFORE =
  /(?:学号|学籍号|工号|考号|准考证号|编号|序号|单号|批号|证书号|QQ|qq|微信号?)[ \u3000]*(?:[::]|为|是)?[ \u3000]*$/;

interface RawFinding {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
  masked: string;
}

function splitGroups(text: string, start: number, end: number): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) {
      current ??= { digits: '', start: i, end: i, hasX: false };
      current.digits += code >= 0xff10 ? String.fromCharCode(code - FULLWIDTH_OFFSET) : text[i];
      current.end = i + 1;
    } else if (current && 'XxＸｘ'.includes(text[i]!)) {
      current.hasX = true;
      current.end = i + 1;
    } else if (current) {
      groups.push(current);
      current = null;
    }
  }
  if (current) groups.push(current);
  return groups;
}

/** A window of whole groups: which kind of number is it, if any. */
function classifyWindow(text: string, window: Group[], today: Date): RawFinding | null {
  const sizes = window.map((g) => g.digits.length + (g.hasX ? 1 : 0));
  const shape = sizes.join(',');
  const hasX = window.some((g) => g.hasX);
  // X only ends an ID number.
  if (window.slice(0, -1).some((g) => g.hasX)) return null;
  const value = window.map((g) => g.digits).join('') + (hasX ? 'X' : '');
  const start = window[0]!.start;
  const end = window.at(-1)!.end;

  if (value.length === 18 && ID_SHAPES.has(shape) && isValidIdNumber(value, today)) {
    return { kind: 'id_number', start, end, value, masked: maskIdNumber(value) };
  }
  if (hasX) return null;
  if (value.length >= 16 && value.length <= 19 && '34569'.includes(value[0]!) && bankShape(sizes, value.length)) {
    if (isLuhnValid(value) && !isValidIdNumber(value, today)) return { kind: 'bank_card', start, end, value, masked: maskBankCard(value) };
  }
  // A mobile number, possibly after 86 / 0086 (+86 138 1234 5678, 8613812345678).
  let phone: Group[] | null = null;
  if (value.length === 11 && MOBILE_SHAPES.has(shape)) phone = window;
  else if (window.length > 1 && (window[0]!.digits === '86' || window[0]!.digits === '0086')) {
    if (MOBILE_SHAPES.has(sizes.slice(1).join(','))) phone = window.slice(1);
  } else if (window.length === 1 && /^(?:86|0086)1[3-9]\d{9}$/.test(value)) phone = window;
  if (!phone) return null;
  const digits = phone
    .map((g) => g.digits)
    .join('')
    .slice(-11);
  if (!/^1[3-9]\d{9}$/.test(digits)) return null;
  // 135 2023 2024: a count and two years in a table, not a phone number.
  if (phone.length === 3 && phone.slice(1).every((g) => /^(?:19|20)\d\d$/.test(g.digits))) return null;
  if (NOT_A_PHONE_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return null;
  const prefix = text.slice(start, phone[0]!.start) + (phone.length === 1 ? phone[0]!.digits.slice(0, -11) : '');
  return { kind: 'mobile', start, end, value: digits, masked: prefix + maskPhone(digits) };
}

function scanNumbers(text: string, today: Date, out: RawFinding[]): void {
  NUMBER_RUN.lastIndex = 0;
  for (let m = NUMBER_RUN.exec(text); m; m = NUMBER_RUN.exec(text)) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    // Part of a code or a decimal: GB11643, No.2024…, 3.1415926…
    const before = runStart > 0 ? text.charCodeAt(runStart - 1) : -1;
    const after = runEnd < text.length ? text.charCodeAt(runEnd) : -1;
    if (isAsciiLetterCode(before) || isAsciiLetterCode(after)) continue;
    if (before === 0x2e && runStart > 1 && isDigitCode(text.charCodeAt(runStart - 2))) continue;
    if (after === 0x2e && runEnd + 1 < text.length && isDigitCode(text.charCodeAt(runEnd + 1))) continue;
    if (m[0].length < 11) continue;

    const groups = splitGroups(text, runStart, runEnd);
    // Digits before each group, so that a window's length is one subtraction.
    const upTo: number[] = [0];
    for (const g of groups) upTo.push(upTo.at(-1)! + g.digits.length + (g.hasX ? 1 : 0));
    let i = 0;
    while (i < groups.length) {
      // The longest window of whole groups that is a number of some kind wins. No shape has more
      // than five groups, nor a number more than 19 digits (+ a 0086 prefix).
      let found: RawFinding | null = null;
      let j = Math.min(groups.length, i + MAX_GROUPS) - 1;
      for (; j >= i; j -= 1) {
        const length = upTo[j + 1]! - upTo[i]!;
        if (length < 11 || length > 23) continue;
        found = classifyWindow(text, groups.slice(i, j + 1), today);
        if (found) break;
      }
      if (found) {
        out.push(found);
        i = j + 1;
      } else {
        i += 1;
      }
    }
  }
}

// ---- birth dates: only dates written as birth dates ----

const D = '[0-9\\uFF10-\\uFF19]';
const SP = '[ \\t\\u3000]*';
/** 出生日期:2005年3月7日 / 生日:2005-03-07 / 出生于2005.3.7 / 出生年月:2005年3月 / 出生日期 20050307 */
const BIRTH_AFTER_KEYWORD = new RegExp(
  `(出生(?:日期|年月日|年月|时间|于|在)?|生日|生于)${SP}(?:[::]|为|是)?${SP}` +
    `(?<!${D})(${D}{4})(?:${SP}(?:年|[-/.．])${SP}(${D}{1,2})${SP}(?:月|[-/.．])?(?:${SP}(${D}{1,2})${SP}[日号]?)?|(${D}{2})(${D}{2}))(?!${D})`,
  'g',
);
/** 2005年3月7日生 / 2005年3月7日出生, followed by punctuation or the end (not 生涯, 生活, 生效…). */
const BIRTH_BEFORE_KEYWORD = new RegExp(
  `(?<!${D})(${D}{4})${SP}年${SP}(${D}{1,2})${SP}月${SP}(${D}{1,2})${SP}日${SP}(?:出生|生)(?=$|[\\s,,。;;、::))\\]】的人于])`,
  'g',
);

const num = (s: string | undefined) => (s === undefined ? NaN : Number(normaliseDigits(s)));
const pad2 = (n: number) => String(n).padStart(2, '0');

function scanBirthDates(text: string, today: Date, out: RawFinding[]): void {
  BIRTH_AFTER_KEYWORD.lastIndex = 0;
  for (let m = BIRTH_AFTER_KEYWORD.exec(text); m; m = BIRTH_AFTER_KEYWORD.exec(text)) {
    const keyword = m[1]!;
    const year = num(m[2]);
    const compact = m[5] !== undefined;
    const month = compact ? num(m[5]) : num(m[3]);
    const dayText = compact ? m[6] : m[4];
    // A year and month alone count only under an explicit birth-date field.
    if (dayText === undefined && keyword !== '出生年月' && keyword !== '出生日期') continue;
    if (Number.isNaN(month)) continue;
    const day = dayText === undefined ? 1 : num(dayText);
    if (!isPastDate(year, month, day, today)) continue;
    const start = m.index + m[0].indexOf(m[2]!, keyword.length);
    out.push({
      kind: 'birth_date',
      start,
      end: m.index + m[0].length,
      value: dayText === undefined ? `${year}-${pad2(month)}` : `${year}-${pad2(month)}-${pad2(day)}`,
      masked: maskBirthDate(year),
    });
  }
  BIRTH_BEFORE_KEYWORD.lastIndex = 0;
  for (let m = BIRTH_BEFORE_KEYWORD.exec(text); m; m = BIRTH_BEFORE_KEYWORD.exec(text)) {
    const [year, month, day] = [num(m[1]), num(m[2]), num(m[3])];
    if (!isPastDate(year, month, day, today)) continue;
    out.push({
      kind: 'birth_date',
      start: m.index,
      end: m.index + m[0].length,
      value: `${year}-${pad2(month)}-${pad2(day)}`,
      masked: maskBirthDate(year),
    });
  }
}

// ---- addresses: a place with a house number ----

const ND = '[0-9\\uFF10-\\uFF19]+';
const N = `(?:${ND}|[一二三四五六七八九十百零〇]+)`;
/**
 * 中山路12号 / 人民大街8-2号 / 张庄村3组 / 3幢501室 / 2号楼3单元402室 / 5单元201室.
 * A bare 路/街 name or 3号楼 (a dormitory, a teaching building) is not enough.
 */
const ADDRESS = new RegExp(
  `(?:路|大?街|大道|巷|弄|胡同|村)${ND}(?:[-－]${ND})?号(?![文令函线码])` +
    `|村${N}(?:组|社|队)` +
    `|${ND}(?:幢|栋|号楼|座)(?:${ND}单元)?${ND}室` +
    `|${ND}单元${ND}室`,
  'g',
);
const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fa5;

function scanAddresses(text: string, out: RawFinding[]): void {
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(text); m; m = ADDRESS.exec(text)) {
    const coreStart = m.index;
    const end = coreStart + m[0].length;
    const startsWithPlace = !isDigitCode(text.charCodeAt(coreStart));
    // The place's name: the Chinese characters right before 路/街/村 (up to three are shown).
    let nameStart = coreStart;
    if (startsWithPlace) {
      while (nameStart > 0 && coreStart - nameStart < 3 && isCjk(text.charCodeAt(nameStart - 1))) nameStart -= 1;
      // 思路/道路/一路 are words, not places: a place has a name before its 路.
      if (nameStart === coreStart) continue;
    }
    const shown = text.slice(nameStart, end);
    const keyStart = Math.max(nameStart, coreStart - 2);
    out.push({
      kind: 'address',
      start: nameStart,
      end,
      value: normaliseDigits(text.slice(keyStart, end)),
      masked: maskAddress(shown),
    });
  }
}

// ---- putting it together ----

const CONTEXT = 6;

function excerptOf(text: string, f: RawFinding): string {
  // The context's digits are hidden too: they may be part of another number.
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/[0-9\uFF10-\uFF19]/g, '*');
  const from = Math.max(0, f.start - CONTEXT);
  const to = Math.min(text.length, f.end + CONTEXT);
  return `${from > 0 ? '…' : ''}${oneLine(text.slice(from, f.start))}${f.masked}${oneLine(text.slice(f.end, to))}${to < text.length ? '…' : ''}`;
}

/**
 * Every ID number, mobile number, bank-card number, birth date and address in
 * `text`, in order of position, none overlapping. `today` bounds the dates (an
 * ID number or birth date in the future is not one).
 */
export function scanText(text: string, today: Date = new Date()): PiiFinding[] {
  if (!text) return [];
  const raw: RawFinding[] = [];
  scanNumbers(text, today, raw);
  scanBirthDates(text, today, raw);
  scanAddresses(text, raw);
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: PiiFinding[] = [];
  let reached = -1;
  for (const f of raw) {
    if (f.start < reached) continue;
    reached = f.end;
    findings.push({
      kind: f.kind,
      excerpt: excerptOf(text, f),
      masked: f.masked,
      start: f.start,
      end: f.end,
      fingerprint: piiFingerprint(f.kind, f.value),
    });
  }
  return findings;
}
