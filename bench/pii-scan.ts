// The PII scanner's speed and false-positive rate (bench/README.md, "PII scanner").
//
//   node --import tsx bench/pii-scan.ts [--chars 50000] [--runs 200]
//
// 1. Ordinary case prose (server/src/lib/pii/fixtures/ordinary-case-text.txt, repeated
//    to the size asked): findings per 10,000 characters — every one a false positive.
// 2. The same text with one value of each kind planted every ~2,000 characters:
//    how many are found (recall), and the time.
// 3. Hostile texts of the same size (long digit runs, digits in spaced groups, 路/村
//    everywhere, numbers of 11 digits back to back): the scan stays linear.
// Writes bench/results/pii-scan.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { scanText } from '../server/src/lib/pii/scan.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const chars = Number(args.get('chars') ?? 50_000);
const runs = Number(args.get('runs') ?? 200);

const corpus = readFileSync(new URL('../server/src/lib/pii/fixtures/ordinary-case-text.txt', import.meta.url), 'utf8');
const repeatTo = (text: string, n: number) => text.repeat(Math.ceil(n / text.length)).slice(0, n);

function time(text: string) {
  for (let i = 0; i < 5; i += 1) scanText(text);
  const ms: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    findings = scanText(text).length;
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 100) / 100;
  return {
    chars: text.length,
    findings,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    mCharsPerS: Math.round((text.length / at(0.5) / 1000) * 10) / 10,
  };
}

// 1. Ordinary prose.
const ordinary = repeatTo(corpus, chars);
const ordinaryResult = time(ordinary);
const falsePositivesPer10k = Math.round((ordinaryResult.findings / ordinary.length) * 10_000 * 1000) / 1000;

// 2. Planted values, one of each kind in turn (all valid: GB 11643 and Luhn checked by hand).
const planted = [
  '身份证号:320102199003071239',
  '家长手机 138 1234 5678',
  '工资卡 6222021234567890128',
  '出生日期:2005年3月7日',
  '家住张庄村3组',
  '身份证 32128120050317002x',
  '电话+86 139-1234-5678',
  '住在人民大街8-2号',
];
const pieces: string[] = [];
let plantedCount = 0;
for (let at = 0; at < chars; at += 2000) {
  pieces.push(ordinary.slice(at, at + 2000), `。${planted[plantedCount % planted.length]!}。`);
  plantedCount += 1;
}
const seeded = pieces.join('');
const seededResult = time(seeded);

// 3. Hostile texts.
const hostile: Record<string, string> = {
  longDigits: repeatTo('1234567890', chars),
  spacedDigits: repeatTo('1 2 3 4 5 6 7 8 9 0 ', chars),
  hyphenGroups: repeatTo('1381-2345-678-', chars),
  elevenDigitNumbers: repeatTo('13812345678 ', chars),
  roadsAndVillages: repeatTo('路村街巷号组室幢', chars),
  dates: repeatTo('出生日期:2005年3月', chars),
};
const hostileResults = Object.fromEntries(Object.entries(hostile).map(([name, text]) => [name, time(text)]));

// Scaling: 10× the text should take about 10× the time.
const big = time(repeatTo(corpus, chars * 10));

const result = {
  at: new Date().toISOString(),
  node: process.version,
  runs,
  ordinary: { ...ordinaryResult, falsePositivesPer10k },
  seeded: { ...seededResult, planted: plantedCount, recall: Math.round((seededResult.findings / plantedCount) * 1000) / 1000 },
  hostile: hostileResults,
  tenTimesLonger: big,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/pii-scan.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
