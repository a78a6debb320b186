/**
 * What a roster row means: finding the header row, proposing which column is
 * which field, and turning one row of cells into a student or into errors.
 * Pure functions: the import worker, the preview and the tests share them.
 * No message ever repeats a sensitive value (the error report is a file people forward).
 */
import { birthDateOfIdNumber, genderOfIdNumber, isValidIdNumber, normaliseIdNumber } from '../../../../contracts/id-number.ts';
import {
  requiredRosterFields,
  rosterFieldLabels,
  rosterFields,
  type RosterField,
  type RosterMapping,
} from '../../../../contracts/roster.ts';
import { MAX_GRADE, studentInput } from '../../../../contracts/students.ts';
import { columnLetter, normalizeCell, valueText, type CellValue } from '../../lib/xlsx.ts';

/** How many rows from the top may hold the title and the header. */
export const HEADER_SEARCH_ROWS = 30;

// ---- headers -----------------------------------------------------------------

/** Exact header names (after normalising) for each field, as units' own sheets name them. */
const synonyms: Record<RosterField, string[]> = {
  studentNo: ['学号', '学生学号', '学籍号', '学生编号', '学号/学籍号'],
  name: ['姓名', '学生姓名', '名字', '学生'],
  idNumber: ['身份证号', '身份证号码', '身份证', '公民身份号码', '证件号码', '身份证件号', '身份证件号码', '居民身份证号'],
  gender: ['性别'],
  unit: ['单位', '学校', '分院', '办学单位', '所在单位', '学校名称', '单位名称', '所属单位', '分院名称', '办学点'],
  department: ['院系', '系部', '系', '二级学院', '所在院系', '系别', '院部', '系科'],
  programme: ['专业', '专业名称', '所学专业', '专业全称'],
  className: ['班级', '班级名称', '所在班级', '行政班', '班名'],
  schooling: ['学制', '学制年限'],
  grade: ['年级', '所在年级', '当前年级', '入学年级'],
  origin: ['生源地城乡', '城乡', '生源地类型', '城乡类别', '户口性质', '城乡户口', '生源类别', '户口类别', '户籍类型'],
  hukouCity: ['户籍地市', '户籍所在地', '户籍地', '户籍市', '户籍所在市', '户口所在地', '户籍所在地市'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '学生电话', '本人电话', '学生手机'],
  address: ['家庭住址', '家庭地址', '住址', '通讯地址', '家庭详细地址', '现住址', '家庭通讯地址'],
  birthDate: ['出生日期', '出生年月', '生日', '出生年月日'],
  bankCard: ['银行卡号', '银行账号', '卡号', '银行卡', '资助卡号', '银行卡账号'],
};

/** When no exact name matches: a word the header contains (checked in this order). */
const keywords: [RosterField, string[]][] = [
  ['idNumber', ['身份证', '证件号']],
  ['studentNo', ['学号', '学籍号']],
  ['bankCard', ['卡号', '银行']],
  ['phone', ['手机', '电话']],
  ['address', ['住址', '地址']],
  ['birthDate', ['出生']],
  ['className', ['班级']],
  ['programme', ['专业']],
  ['grade', ['年级']],
  ['schooling', ['学制']],
  ['gender', ['性别']],
  ['origin', ['城乡']],
  ['hukouCity', ['户籍']],
  ['department', ['院系', '系部']],
  ['name', ['姓名']],
  ['unit', ['单位', '学校', '分院']],
];

/** A parent's phone or ID is not the student's: such columns are never proposed. */
const notTheStudent = /家长|父|母|监护|紧急|联系人/;

const synonymIndex = new Map<string, RosterField>(rosterFields.flatMap((f) => synonyms[f].map((s) => [normaliseHeader(s), f] as const)));

/** '* 学 号(必填)' → '学号'. */
export function normaliseHeader(text: string): string {
  return normalizeCell(text)
    .replace(/\([^)]*\)|【[^】]*】|\[[^\]]*\]/g, '')
    .replace(/[\s*※:：]/g, '')
    .toLowerCase();
}

function fieldOfHeader(header: string, exactOnly: boolean): RosterField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const exact = synonymIndex.get(h);
  if (exact || exactOnly) return exact ?? null;
  if (notTheStudent.test(h)) return null;
  for (const [field, words] of keywords) if (words.some((w) => h.includes(w))) return field;
  return null;
}

/** Column → header text of one row. */
export function headersOf(values: readonly CellValue[]): Map<number, string> {
  const headers = new Map<number, string>();
  values.forEach((v, c) => {
    const text = c > 0 ? normalizeCell(valueText(v)) : '';
    if (text) headers.set(c, text);
  });
  return headers;
}

/**
 * The proposed mapping for a header row: exact names first, then keywords; a
 * column serves one field, a field takes the first column that fits.
 */
export function proposeMapping(headers: Map<number, string>): RosterMapping {
  const mapping: RosterMapping = {};
  const used = new Set<number>();
  for (const exactOnly of [true, false]) {
    for (const [column, header] of headers) {
      if (used.has(column)) continue;
      const field = fieldOfHeader(header, exactOnly);
      if (field && mapping[field] === undefined) {
        mapping[field] = column;
        used.add(column);
      }
    }
  }
  return mapping;
}

/** The header row among the first rows: the one naming the most fields, which must include 学号 or 姓名. */
export function findHeaderRow(rows: readonly { rowNumber: number; values: readonly CellValue[] }[]): number | null {
  let best: { row: number; score: number } | null = null;
  for (const { rowNumber, values } of rows) {
    if (rowNumber > HEADER_SEARCH_ROWS) break;
    const mapping = proposeMapping(headersOf(values));
    const score = Object.keys(mapping).length;
    if (score >= 2 && (mapping.studentNo || mapping.name) && (!best || score > best.score)) best = { row: rowNumber, score };
  }
  return best?.row ?? null;
}

export function missingRequired(mapping: RosterMapping): RosterField[] {
  return requiredRosterFields.filter((f) => !mapping[f]);
}

/** '身份证号码(C列)': what the user sees in their own file. */
export function columnLabel(field: RosterField, mapping: RosterMapping, headers: ReadonlyMap<number, string>): string {
  const column = mapping[field];
  if (!column) return rosterFieldLabels[field];
  return `${headers.get(column) || rosterFieldLabels[field]}(${columnLetter(column)}列)`;
}

// ---- one row ------------------------------------------------------------------

export interface RowContext {
  unit: { name: string; code: string };
  /** 2026 for the school year 2026-2027: turns '2024级' into grade 3. */
  schoolYearStart: number;
}

/** A valid row: null means "not in the file" and leaves what the roster already holds. */
export interface ImportedStudent {
  studentNo: string;
  name: string;
  gender: '男' | '女' | null;
  department: string | null;
  programme: string;
  schooling: string | null;
  grade: number;
  className: string | null;
  origin: '城镇' | '农村' | null;
  hukouCity: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  birthDate: string | null;
  bankCard: string | null;
}

export interface CellError {
  column: string;
  message: string;
}

export interface RowOutcome {
  rowNumber: number;
  studentNo: string | null;
  name: string | null;
  student: ImportedStudent | null;
  errors: CellError[];
}

const cjk = /[\u3400-\u9fff]/;
/** Text as people type it: full-width to half-width, runs of spaces (also NBSP and ideographic) to one. */
const tidy = (v: CellValue) => normalizeCell(valueText(v).replace(/[\u00a0\u3000]/g, ' ')).replace(/\s+/g, ' ');
/** A number Excel shows as 3.20102E+17, typed or stored. */
const scientific = /^\d+(\.\d+)?e\+?\d+$/i;
const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function lostDigits(label: string): string {
  return `${label}被 Excel 存成了数字(显示为 3.20102E+17 这类科学计数法),末几位已经丢失,无法恢复。请把该列设置为“文本”格式,重新录入后再导入`;
}

function parseGrade(v: CellValue, schoolYearStart: number): { grade: number } | { error: string } | null {
  const text = tidy(v).replace(/\s/g, '');
  if (!text) return null;
  let m = /^(\d{1,2})(年级)?$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= MAX_GRADE ? { grade: n } : { error: `年级应为 1–${MAX_GRADE}(表中为 ${n})` };
  }
  m = /^([一二三四五六七八九])年级?$/.exec(text);
  if (m) {
    const n = chineseDigits[m[1]!]!;
    return n <= MAX_GRADE ? { grade: n } : { error: `年级应为 1–${MAX_GRADE}(表中为 ${text})` };
  }
  m = /^(20\d{2})(级)?$/.exec(text);
  if (m) {
    const n = schoolYearStart - Number(m[1]) + 1;
    return n >= 1 && n <= MAX_GRADE
      ? { grade: n }
      : { error: `${m[1]}级在 ${schoolYearStart}-${schoolYearStart + 1} 学年不在 1–${MAX_GRADE} 年级之内,请核对入学年份` };
  }
  return { error: `年级无法识别:请填写 1–${MAX_GRADE} 的数字、“四年级”或入学年份如“2022级”` };
}

function parseGender(text: string): '男' | '女' | undefined {
  const t = text.toLowerCase();
  if (['男', '男性', 'm', 'male'].includes(t)) return '男';
  if (['女', '女性', 'f', 'female'].includes(t)) return '女';
  return undefined;
}

function parseOrigin(text: string): '城镇' | '农村' | undefined {
  const t = text.replace(/\s/g, '').replace(/户口$/, '');
  if (['城镇', '城市', '城', '非农', '非农业', '居民', '城镇户籍'].includes(t)) return '城镇';
  if (['农村', '乡村', '农', '农业', '农村户籍'].includes(t)) return '农村';
  return undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** A date cell, an Excel serial number, 20060315, 2006-3-15, 2006/03/15, 2006.3.15 or 2006年3月15日. */
function parseDate(v: CellValue): string | null | undefined {
  if (v instanceof Date) return realDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) ?? undefined;
  if (typeof v === 'number') {
    if (v >= 19000101 && v <= 21001231) return realDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100) ?? undefined;
    if (v >= 1 && v < 80_000) {
      // Excel's day 1 is 1900-01-01 (and it counts a 29 February 1900 that never was).
      const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
      return realDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ?? undefined;
    }
    return undefined;
  }
  const text = tidy(v).replace(/\s/g, '');
  if (!text) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(T.*)?$/.exec(text);
  return m ? (realDate(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined) : undefined;
}

/** The unit column names the officer's own unit (by name or code), or is empty. */
function isOwnUnit(text: string, unit: RowContext['unit']): boolean {
  const t = text.replace(/\s/g, '');
  const name = unit.name.replace(/\s/g, '');
  if (t === name || t.toUpperCase() === unit.code.toUpperCase()) return true;
  // '江苏联合职业技术学院南京工程分院' for '南京工程分院', and the other way round.
  return (t.length >= 4 && name.endsWith(t)) || t.endsWith(name);
}

/**
 * One row as the officer mapped it: the student to write, or every problem
 * found (all of them, so one pass over the file fixes a row).
 */
export function readRosterRow(
  rowNumber: number,
  values: readonly CellValue[],
  mapping: RosterMapping,
  headers: ReadonlyMap<number, string>,
  context: RowContext,
): RowOutcome {
  const problems: { field: RosterField; message: string }[] = [];
  const cell = (field: RosterField): CellValue => {
    const column = mapping[field];
    return column ? (values[column] ?? null) : null;
  };
  const fail = (field: RosterField, message: string) => problems.push({ field, message });
  const text = (field: RosterField): string | null => tidy(cell(field)) || null;

  // 学号: numbers are fine (Excel stores them so), but not once Excel has rounded them.
  let studentNo: string | null = null;
  const rawNo = cell('studentNo');
  const noText = tidy(rawNo).replace(/\s/g, '');
  if (!noText) fail('studentNo', '学号不能为空');
  else if ((typeof rawNo === 'number' && rawNo >= 1e15) || scientific.test(noText)) fail('studentNo', lostDigits('学号'));
  else if (!/^[A-Za-z0-9_-]{1,40}$/.test(noText)) fail('studentNo', '学号只能包含字母、数字、下划线和连字符,且不超过 40 位');
  else studentNo = noText;

  // 姓名: '张  三' is how people align two-character names.
  let name = text('name');
  if (name && cjk.test(name)) name = name.replace(/\s/g, '');
  if (!name) fail('name', '姓名不能为空');

  // 身份证号: checksum, and never a number (Excel keeps only 15 digits of one).
  let idNumber: string | null = null;
  const rawId = cell('idNumber');
  const idText = tidy(rawId);
  if (typeof rawId === 'number' || scientific.test(idText.replace(/\s/g, ''))) fail('idNumber', lostDigits('身份证号'));
  else if (idText) {
    const id = normaliseIdNumber(idText);
    if (!/^\d{17}[\dX]$/.test(id)) fail('idNumber', `身份证号应为 18 位(末位可为 X),表中为 ${id.length} 位`);
    else if (!birthDateOfIdNumber(id)) fail('idNumber', '身份证号中的出生日期(第 7–14 位)不是有效日期,请核对');
    else if (!isValidIdNumber(id)) fail('idNumber', '身份证号校验位不符,号码可能录入有误,请逐位核对');
    else idNumber = id;
  }

  // 性别: from the column, else from the ID number; the two must agree.
  let gender: '男' | '女' | null = null;
  const genderText = text('gender');
  if (genderText) {
    const g = parseGender(genderText);
    if (!g) fail('gender', '性别应填“男”或“女”');
    else if (idNumber && genderOfIdNumber(idNumber) !== g) fail('gender', '性别与身份证号不符(身份证号第 17 位:单数为男,双数为女),请核对');
    else gender = g;
  } else if (idNumber) gender = genderOfIdNumber(idNumber);

  const unitText = text('unit');
  if (unitText && !isOwnUnit(unitText, context.unit)) {
    fail('unit', `单位“${unitText}”不是本单位(${context.unit.name}):只能导入本单位的学生,其他单位的学生请由该单位导入`);
  }

  const programme = text('programme');
  if (!programme) fail('programme', '专业不能为空');

  let grade: number | null = null;
  const parsedGrade = parseGrade(cell('grade'), context.schoolYearStart);
  if (!parsedGrade) fail('grade', '年级不能为空');
  else if ('error' in parsedGrade) fail('grade', parsedGrade.error);
  else grade = parsedGrade.grade;

  let origin: '城镇' | '农村' | null = null;
  const originText = text('origin');
  if (originText) {
    const o = parseOrigin(originText);
    if (!o) fail('origin', '生源地城乡应填“城镇”或“农村”');
    else origin = o;
  }

  let phone: string | null = null;
  const phoneText = text('phone');
  if (phoneText) {
    const p = phoneText.replace(/[\s()（）-]/g, '');
    if (!/^\+?\d{7,20}$/.test(p)) fail('phone', '联系电话应为 7–20 位数字(手机号 11 位),一格只填一个号码');
    else phone = p;
  }

  let bankCard: string | null = null;
  const rawCard = cell('bankCard');
  const cardText = tidy(rawCard).replace(/[\s-]/g, '');
  if ((typeof rawCard === 'number' && rawCard >= 1e15) || scientific.test(cardText)) fail('bankCard', lostDigits('银行卡号'));
  else if (cardText) {
    if (!/^\d{12,19}$/.test(cardText)) fail('bankCard', '银行卡号应为 12–19 位数字');
    else bankCard = cardText;
  }

  let birthDate: string | null = null;
  const rawBirth = cell('birthDate');
  const parsedBirth = parseDate(rawBirth);
  if (parsedBirth === undefined) fail('birthDate', '出生日期无法识别,请填写如 2006-03-15 的日期');
  else birthDate = parsedBirth;

  const student: ImportedStudent | null =
    studentNo && name && programme && grade
      ? {
          studentNo,
          name,
          gender,
          department: text('department'),
          programme,
          schooling: text('schooling'),
          grade,
          className: text('className'),
          origin,
          hukouCity: text('hukouCity'),
          idNumber,
          phone,
          address: text('address'),
          birthDate,
          bankCard,
        }
      : null;

  // The same limits as the student form (one source of truth for lengths and formats).
  if (student && problems.length === 0) {
    const { idNumber: id, phone: ph, address, birthDate: bd, bankCard: card, ...plain } = student;
    const parsed = studentInput.safeParse({ ...plain, sensitive: { idNumber: id, phone: ph, address, birthDate: bd, bankCard: card } });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] === 'sensitive' ? issue.path[1] : issue.path[0]) as RosterField;
        fail((rosterFields as readonly string[]).includes(key) ? key : 'studentNo', issue.message);
      }
    }
  }
  // In the order of the sheet's columns, as the officer reads the row.
  const errors: CellError[] = problems
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => (mapping[a.field] ?? 999) - (mapping[b.field] ?? 999) || a.i - b.i)
    .map((p) => ({ column: columnLabel(p.field, mapping, headers), message: p.message }));
  return { rowNumber, studentNo: noText || null, name, student: errors.length ? null : student, errors };
}

/** A row with nothing in any mapped column is skipped silently (spacing rows, a total row left blank). */
export function isBlankRow(values: readonly CellValue[], mapping: RosterMapping): boolean {
  return Object.values(mapping).every((c) => !c || tidy(values[c] ?? null) === '');
}

/** Years of a programme from its 学制 ('五年制', '5', '3年', '3+2'); five when not given or not readable. */
export function schoolingYears(schooling: string | null): number {
  const t = normalizeCell(schooling ?? '').replace(/\s/g, '');
  let m = /^(\d)\+(\d)/.exec(t);
  if (m) return Math.min(MAX_GRADE, Number(m[1]) + Number(m[2]));
  m = /^([1-5])(年制|年)?$/.exec(t) ?? /^([1-5])年/.exec(t);
  if (m) return Number(m[1]);
  m = /^([一二三四五])年/.exec(t);
  if (m) return chineseDigits[m[1]!]!;
  return MAX_GRADE;
}
