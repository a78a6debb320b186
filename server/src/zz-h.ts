import { readFileSync } from 'node:fs';
import { StreamedWorkbook } from './lib/xlsx.ts';
const wb = StreamedWorkbook.open(readFileSync('/tmp/roster-200k.xlsx'));
const l = await wb.layout();
const mb = (n: number) => Math.round(n / 2 ** 20);
let n = 0;
for await (const r of wb.rows(l.merges)) {
  n++;
  if (n % 50000 === 0) { (globalThis as any).gc(); const m = process.memoryUsage(); console.log(n, 'heapUsed', mb(m.heapUsed), 'heapTotal', mb(m.heapTotal), 'rss', mb(m.rss), 'ext', mb(m.external)); }
}
