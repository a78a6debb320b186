import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PiiKind } from '../../../../contracts/pii.ts';
import { isValidIdNumber } from '../../../../contracts/id-number.ts';
import { isLuhnValid, scanText } from './scan.ts';

const today = new Date('2026-11-27T00:00:00Z');
const scan = (text: string) => scanText(text, today);
const kinds = (text: string) => scan(text).map((f) => f.kind);
const one = (text: string, kind: PiiKind) => {
  const found = scan(text);
  expect(
    found.map((f) => f.kind),
    text,
  ).toEqual([kind]);
  return found[0]!;
};

// Valid numbers computed independently (GB 11643 and Luhn by hand, outside this code).
const ID = '320102199003071239';
const ID_X = '32128120050317002X';
const CARD_19 = '6222021234567890128';
const CARD_16 = '4367421234567896';

describe('ID numbers (身份证号)', () => {
  it('refuses numbers that only look like one: wrong check digit, impossible or future date, unknown province, inside a longer number', () => {
    expect(kinds('身份证号:320102199003071238')).not.toContain('id_number'); // check digit off by one
    expect(kinds('身份证号:320102199002301231')).not.toContain('id_number'); // 30 February, checksum right
    expect(kinds('身份证号:32010220300101001X')).toEqual([]); // born in 2030, checksum right
    expect(kinds('身份证号:990102199003071234')).not.toContain('id_number'); // no province 99
    expect(kinds(`编号 9${ID}7`)).toEqual([]); // 20 digits
    expect(kinds(`GB${ID}`)).toEqual([]); // part of a code
    expect(isValidIdNumber('320102199003071238')).toBe(false);
  });

  it('finds a valid number, masked, with the text around it', () => {
    const f = one(`学生身份证号:${ID},请核对`, 'id_number');
    expect(f.masked).toBe('3201**********1239');
    expect(f.excerpt).toBe('…生身份证号:3201**********1239,请核对');
    expect(f.excerpt).not.toContain('19900307');
    expect(`学生身份证号:${ID},请核对`.slice(f.start, f.end)).toBe(ID);
  });

  it('accepts X and x as the check character, full-width digits, and the groups people type', () => {
    expect(one(`身份证 ${ID_X}`, 'id_number').masked).toBe('3212**********002X');
    expect(one(`身份证 ${ID_X.toLowerCase()}。`, 'id_number').masked).toBe('3212**********002X');
    expect(one('身份证号３２１２８１２００５０３１７００２Ｘ', 'id_number').masked).toBe('3212**********002X');
    expect(one('身份证 321281 20050317 002X 已登记', 'id_number').masked).toBe('3212**********002X');
    expect(one('身份证 3212-8120-0503-1700-2X', 'id_number').masked).toBe('3212**********002X');
    expect(one('身份证 321281 2005 0317 002X', 'id_number').masked).toBe('3212**********002X');
  });

  it('gives the same fingerprint however the number is typed, a different one for another number', () => {
    const a = one(`身份证${ID_X}`, 'id_number').fingerprint;
    expect(one(`另一段文字中:321281 20050317 002x`, 'id_number').fingerprint).toBe(a);
    expect(one('身份证号３２１２８１２００５０３１７００２Ｘ', 'id_number').fingerprint).toBe(a);
    expect(one(`身份证${ID}`, 'id_number').fingerprint).not.toBe(a);
    expect(a).toMatch(/^[a-f0-9]{32}$/);
  });
});

describe('bank-card numbers (银行卡号)', () => {
  it('refuses a failed Luhn check, the wrong length, a number that is a valid ID, and unlikely issuers', () => {
    expect(kinds('卡号 6222021234567890127')).toEqual([]);
    expect(kinds('卡号 622202123456789')).toEqual([]); // 15 digits
    expect(kinds('卡号 12345678901234560')).toEqual([]); // Luhn-valid? irrelevant: no card starts with 1
    expect(isLuhnValid('6222021234567890127')).toBe(false);
    // 320102199003071239 passes as an ID number: reported as one, never as a card.
    expect(kinds(`账号 ${ID}`)).toEqual(['id_number']);
  });

  it('finds 16–19-digit numbers that pass Luhn, whole or in groups of four', () => {
    expect(isLuhnValid(CARD_19)).toBe(true);
    expect(one(`工资卡 ${CARD_19}`, 'bank_card').masked).toBe('6222***********0128');
    expect(one('卡号:4367 4212 3456 7896', 'bank_card').masked).toBe('4367********7896');
    expect(one(`卡号:６２２８４８００１２３４５６７８９０３`, 'bank_card').masked).toBe('6228***********8903');
    expect(one(`卡号 ${CARD_16}。`, 'bank_card').fingerprint).toBe(one('4367-4212-3456-7896', 'bank_card').fingerprint);
  });
});

describe('mobile numbers (手机号码)', () => {
  it('finds 11-digit numbers starting 13–19, with +86 / 86 and separators', () => {
    expect(one('联系电话:13812345678,欢迎来电', 'mobile').masked).toBe('138****5678');
    expect(one('电话 138 1234 5678', 'mobile').masked).toBe('138****5678');
    expect(one('电话 138-1234-5678', 'mobile').masked).toBe('138****5678');
    expect(one('电话 +86 139-1234-5678', 'mobile').masked).toBe('86 139****5678');
    expect(one('电话 8613712345678', 'mobile').masked).toBe('86137****5678');
    expect(one('电话１５９１２３４５６７８', 'mobile').masked).toBe('159****5678');
    expect(kinds('电话13812345678,13912345678')).toEqual(['mobile', 'mobile']);
    expect(one('138 1234 5678', 'mobile').fingerprint).toBe(one('+86 13812345678', 'mobile').fingerprint);
  });

  it('refuses other prefixes, other lengths, numbers inside longer ones, 学号 and tables of years', () => {
    expect(kinds('编号 12812345678')).toEqual([]);
    expect(kinds('1381234567')).toEqual([]);
    expect(kinds('138123456789')).toEqual([]);
    expect(kinds('订单 2013812345678')).toEqual([]);
    expect(kinds('学号18301010125的同学')).toEqual([]);
    expect(kinds('学号为 18301010125')).toEqual([]);
    expect(kinds('人数 135 2023 2024')).toEqual([]);
    expect(kinds('圆周率 3.13812345678')).toEqual([]);
  });
});

describe('birth dates (出生日期)', () => {
  it('finds dates written as birth dates', () => {
    expect(one('出生日期:2005年3月7日', 'birth_date').masked).toBe('2005-**-**');
    expect(one('生日 2006-04-08,爱好篮球', 'birth_date').masked).toBe('2006-**-**');
    expect(one('她出生于2004.12.01,', 'birth_date').masked).toBe('2004-**-**');
    expect(one('小王,2004年12月1日生,江苏人', 'birth_date').masked).toBe('2004-**-**');
    expect(one('小王,2004年12月1日出生。', 'birth_date').masked).toBe('2004-**-**');
    expect(one('出生年月:2005年3月', 'birth_date').masked).toBe('2005-**-**');
    expect(one('出生日期 20050307', 'birth_date').masked).toBe('2005-**-**');
    expect(one('出生日期:２００５年３月７日', 'birth_date').fingerprint).toBe(one('生日:2005-03-07', 'birth_date').fingerprint);
  });

  it('leaves every other date alone: activity dates, 生涯/生效 after a date, a birth year, impossible dates', () => {
    expect(kinds('2024年5月10日生涯规划主题讲座在报告厅举行')).toEqual([]);
    expect(kinds('本办法自2023年9月1日生效')).toEqual([]);
    expect(kinds('2023年9月1日,学生返校;2024-06-30 学年总结')).toEqual([]);
    expect(kinds('小许出生于2005年,出生在农村')).toEqual([]);
    expect(kinds('出生日期:2005年2月30日')).toEqual([]);
    expect(kinds('出生日期:2030年1月1日')).toEqual([]);
    expect(kinds('学生日常管理 2024年3月5日')).toEqual([]);
  });
});

describe('addresses (住址)', () => {
  it('finds places with a house number', () => {
    expect(one('家住中山路12号,', 'address').masked).toBe('住中山路**号');
    expect(one('住在人民大街8-2号', 'address').masked).toBe('在人民大街*-*号');
    expect(one('家在张庄村3组', 'address').masked).toBe('在张庄村*组');
    expect(one('住在东湖村五组', 'address').masked).toBe('在东湖村*组');
    expect(one('家住3幢501室', 'address').masked).toBe('*幢***室');
    expect(one('住在阳光小区2号楼3单元402室', 'address').masked).toBe('*号楼*单元***室');
    expect(one('位于西城街道城东路88号', 'address').fingerprint).toBe(one('地址:城东路88号', 'address').fingerprint);
  });

  it('ignores places without a house number, documents, dormitories and metro lines', () => {
    expect(kinds('在鼓楼区两个社区服务中心开展活动,沿中山路步行前往')).toEqual([]);
    expect(kinds('根据苏教办助函〔2024〕4号文件,街道3号文件')).toEqual([]);
    expect(kinds('学生宿舍3号楼设有工作站')).toEqual([]);
    expect(kinds('乘坐地铁3号线,在大行宫站下车')).toEqual([]);
  });
});

describe('a whole text', () => {
  it('reports every finding once, in order, with offsets into the text', () => {
    const text = `学生小李,出生日期:2005年3月7日,身份证号${ID_X},家长手机13812345678,家住张庄村3组。`;
    const found = scan(text);
    expect(found.map((f) => f.kind)).toEqual(['birth_date', 'id_number', 'mobile', 'address']);
    for (const f of found) expect(f.excerpt).toContain(f.masked);
    expect(text.slice(found[2]!.start, found[2]!.end)).toBe('13812345678');
    // The hidden part of every value is in no excerpt.
    for (const f of found) expect(f.excerpt).not.toMatch(/20050317|1234|3月7日|张庄村3组/);
  });

  it('finds nothing in ordinary case prose (dates, amounts, counts, 学号, years, 文号)', () => {
    const corpus = readFileSync(new URL('./fixtures/ordinary-case-text.txt', import.meta.url), 'utf8');
    expect(corpus.length).toBeGreaterThan(5000);
    expect(scan(corpus)).toEqual([]);
  });
});
