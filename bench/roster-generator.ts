/**
 * A unit's roster as the units keep it: a merged title row above the header,
 * 学号 as numbers, the sensitive columns filled, written with shared strings like
 * Excel does. Deterministic for a given seed, so runs can be compared.
 *
 *   node --import tsx bench/roster-generator.ts --rows 200000 --out /tmp/roster.xlsx [--unit 压测分院B01]
 *
 * Also used by bench/roster-import.ts and bench/student-search.ts.
 */
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../contracts/id-number.ts';
import { cities } from '../contracts/regions.ts';

export const rosterHeaders = [
  '学号',
  '姓名',
  '身份证号',
  '性别',
  '单位',
  '院系',
  '专业',
  '班级',
  '学制',
  '年级',
  '生源地城乡',
  '户籍地市',
  '联系电话',
  '家庭住址',
  '银行卡号',
] as const;

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const departments = ['护理系', '信息工程系', '机电工程系', '经济管理系', '艺术设计系', '建筑工程系'];
const programmes: Record<string, string[]> = {
  护理系: ['护理', '助产', '康复治疗技术'],
  信息工程系: ['计算机应用技术', '软件技术', '物联网应用技术'],
  机电工程系: ['机电一体化技术', '数控技术', '工业机器人技术'],
  经济管理系: ['会计', '电子商务', '物流管理'],
  艺术设计系: ['视觉传达设计', '室内艺术设计'],
  建筑工程系: ['建筑工程技术', '工程造价'],
};
const regionCodes = [
  '320102',
  '320104',
  '320205',
  '320311',
  '320412',
  '320506',
  '320612',
  '320703',
  '320812',
  '320902',
  '321002',
  '321102',
  '321202',
  '321302',
];

/** A small, fast, seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export interface GeneratedStudent {
  studentNo: string;
  name: string;
  idNumber: string;
  gender: '男' | '女';
  department: string;
  programme: string;
  className: string;
  schooling: string;
  grade: number;
  origin: '城镇' | '农村';
  hukouCity: string;
  phone: string;
  address: string;
  bankCard: string;
}

/**
 * The i-th student of a roster. `firstEntryYear` is the entry year of grade 1
 * (2026 → grade 5 entered in 2022). 学号 are unique per (prefix, i).
 */
export function generatedStudent(i: number, options: { seed?: number; prefix?: string; firstEntryYear?: number } = {}): GeneratedStudent {
  const rand = random((options.seed ?? 1) * 1_000_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const grade = 1 + (i % 5);
  const entryYear = (options.firstEntryYear ?? 2026) - grade + 1;
  const department = departments[Math.floor(i / 500) % departments.length]!;
  const programme = programmes[department]![Math.floor(i / 100) % programmes[department]!.length]!;
  const classNo = 1 + (Math.floor(i / 40) % 4);
  const birthYear = entryYear - 15;
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const first17 = `${pick(regionCodes)}${birthYear}${month}${day}${seq}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const cardBody = `622202${String(Math.floor(rand() * 1e12)).padStart(12, '0')}`;
  const city = pick(cities);
  return {
    studentNo: `${options.prefix ?? ''}${entryYear}${String(i).padStart(7, '0')}`,
    name: pick([...surnames]) + pick([...givenChars]) + (rand() < 0.7 ? pick([...givenChars]) : ''),
    idNumber,
    gender: Number(first17[16]) % 2 === 1 ? '男' : '女',
    department,
    programme,
    className: `${entryYear}级${programme}${classNo}班`,
    schooling: '五年制',
    grade,
    origin: rand() < 0.45 ? '农村' : '城镇',
    hukouCity: `${city}市`,
    phone: `1${pick(['38', '39', '51', '58', '77', '88'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
    address: `江苏省${city}市${pick(['人民路', '建设路', '解放路', '中山路', '和平路'])}${1 + Math.floor(rand() * 300)}号${1 + Math.floor(rand() * 20)}幢${101 + Math.floor(rand() * 600)}室`,
    bankCard: cardBody + luhnCheckDigit(cardBody),
  };
}

/**
 * Writes a roster workbook with the streaming writer (the generator itself stays
 * small in memory too). The title row is merged across all columns, as units do.
 */
export async function writeRosterWorkbook(
  file: string,
  options: { rows: number; unitName: string; seed?: number; prefix?: string; firstEntryYear?: number },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('学生名册');
  sheet.addRow([`${options.unitName}学生名册(${options.firstEntryYear ?? 2026}-${(options.firstEntryYear ?? 2026) + 1}学年)`]);
  sheet.mergeCells(1, 1, 1, rosterHeaders.length);
  sheet.getRow(1).commit();
  sheet.addRow([...rosterHeaders]).commit();
  for (let i = 0; i < options.rows; i++) {
    const s = generatedStudent(i, options);
    sheet
      .addRow([
        Number(s.studentNo) || s.studentNo,
        s.name,
        s.idNumber,
        s.gender,
        options.unitName,
        s.department,
        s.programme,
        s.className,
        s.schooling,
        s.grade,
        s.origin,
        s.hukouCity,
        s.phone,
        s.address,
        s.bankCard,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '200000' },
      out: { type: 'string', default: '/tmp/roster.xlsx' },
      unit: { type: 'string', default: '压测分院B01' },
      seed: { type: 'string', default: '1' },
    },
  });
  const started = performance.now();
  await writeRosterWorkbook(values.out!, { rows: Number(values.rows), unitName: values.unit!, seed: Number(values.seed) });
  console.log(`${values.rows} rows → ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
