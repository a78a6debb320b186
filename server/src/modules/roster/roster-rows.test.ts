import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../../contracts/id-number.ts';
import type { CellValue } from '../../lib/xlsx.ts';
import { findHeaderRow, headersOf, proposeMapping, readRosterRow, schoolingYears } from './roster-rows.ts';

const valid = (() => {
  const first17 = '32010220060315123';
  return first17 + idNumberCheckChar(first17);
})();
const context = { unit: { name: '南京工程分院', code: 'NJGC' }, schoolYearStart: 2026 };
const row = (values: CellValue[]) => [null, ...values];

describe('finding the header and the columns', () => {
  it('skips title rows and picks the row naming the most fields', () => {
    const rows = [
      { rowNumber: 1, values: row(['南京工程分院 2026 级学生名册', '南京工程分院 2026 级学生名册']) },
      { rowNumber: 2, values: row(['学号:必须填写']) },
      { rowNumber: 3, values: row(['序号', '学 号', '学生姓名', '身份证号码(必填)', '所学专业', '年级']) },
    ];
    expect(findHeaderRow(rows)).toBe(3);
    expect(proposeMapping(headersOf(rows[2]!.values))).toEqual({ studentNo: 2, name: 3, idNumber: 4, programme: 5, grade: 6 });
  });

  it('does not take a parent’s phone for the student’s, nor a column twice', () => {
    const mapping = proposeMapping(headersOf(row(['学号', '姓名', '家长电话', '本人手机号', '班级名称', '班级'])));
    expect(mapping).toEqual({ studentNo: 1, name: 2, phone: 4, className: 5 });
  });

  it('finds no header in a sheet without one', () => {
    expect(findHeaderRow([{ rowNumber: 1, values: row([2021001, '张三', '护理']) }])).toBeNull();
  });
});

describe('reading one row', () => {
  const headers = new Map([
    [1, '学号'],
    [2, '姓名'],
    [3, '身份证号'],
    [4, '专业'],
    [5, '年级'],
    [6, '出生日期'],
    [7, '生源地'],
  ]);
  const mapping = { studentNo: 1, name: 2, idNumber: 3, programme: 4, grade: 5, birthDate: 6, origin: 7 };
  const read = (values: CellValue[]) => readRosterRow(9, row(values), mapping, headers, context);

  it.each([
    [4, 4],
    ['4', 4],
    ['四年级', 4],
    ['4年级', 4],
    ['2023级', 4],
    [2026, 1],
  ])('reads the grade %j as %i', (grade, expected) => {
    expect(read(['S1', '张三', valid, '护理', grade, null, null]).student?.grade).toBe(expected);
  });

  it.each([
    [7, '1–5'],
    ['2019级', '2019级'],
    ['大二', '无法识别'],
  ])('refuses the grade %j', (grade, words) => {
    const outcome = read(['S1', '张三', valid, '护理', grade, null, null]);
    expect(outcome.student).toBeNull();
    expect(outcome.errors).toEqual([{ column: '年级(E列)', message: expect.stringContaining(words) }]);
  });

  it.each([
    [new Date(Date.UTC(2006, 2, 15)), '2006-03-15'],
    [38791, '2006-03-15'],
    [20060315, '2006-03-15'],
    ['2006/3/15', '2006-03-15'],
    ['2006年3月15日', '2006-03-15'],
    ['2006.03.15', '2006-03-15'],
  ])('reads the birth date %j', (value, expected) => {
    expect(read(['S1', '张三', valid, '护理', 4, value, null]).student?.birthDate).toBe(expected);
  });

  it('refuses an impossible birth date and an unknown 城乡 value', () => {
    const outcome = read(['S1', '张三', valid, '护理', 4, '2006-02-30', '郊区']);
    expect(outcome.errors.map((e) => e.column)).toEqual(['出生日期(F列)', '生源地(G列)']);
  });

  it('reads 城乡 as units write it', () => {
    expect(read(['S1', '张三', valid, '护理', 4, null, '农业户口']).student?.origin).toBe('农村');
    expect(read(['S1', '张三', valid, '护理', 4, null, '非农业']).student?.origin).toBe('城镇');
  });

  it('says an ID number Excel turned into a number has lost its digits, without repeating it', () => {
    const outcome = read(['S1', '张三', 320102200603151230, '护理', 4, null, null]);
    expect(outcome.errors[0]!.message).toContain('3.20102E+17');
    expect(read(['S1', '张三', '3.20102E+17', '护理', 4, null, null]).errors[0]!.column).toBe('身份证号(C列)');
    expect(JSON.stringify(read(['S1', '张三', valid.slice(0, 17) + '0', '护理', 4, null, null]))).not.toContain(valid.slice(0, 17));
  });

  it('takes full-width digits, a lower-case x and spaces in an ID number', () => {
    const typed = `${valid.slice(0, 6)} ${[...valid.slice(6, 17)].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('')}${valid[17]!.toLowerCase()}`;
    expect(read(['S1', '张三', typed, '护理', 4, null, null]).student?.idNumber).toBe(valid);
  });

  it('reports every problem of a row at once', () => {
    const outcome = read([null, '  ', 'abc', '', 9, null, null]);
    expect(outcome.errors.map((e) => e.column)).toEqual(['学号(A列)', '姓名(B列)', '身份证号(C列)', '专业(D列)', '年级(E列)']);
  });
});

describe('学制 in years', () => {
  it.each([
    ['五年制', 5],
    ['5', 5],
    ['3年', 3],
    ['三年制', 3],
    ['3+2', 5],
    [null, 5],
    ['高职', 5],
  ])('%j lasts %i years', (schooling, years) => {
    expect(schoolingYears(schooling)).toBe(years);
  });
});
