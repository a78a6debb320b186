/**
 * The statistics table (附件5) on the big-college data: 80 units, 200 000
 * students, 40 000 identified, visits, key targets, archives, registries (the
 * same records as bench/big-college.ts: bench/college-data.ts), plus a campaign with
 * ~500 cases, ~100 nominations and their publicity activities. Measures, in
 * process against the database, computing the full default table for every
 * unit (the institute grid) and exporting it as .xlsx; released decisions (推荐省级) for
 * a quarter of the cases; every unit's filing with a written report, an uploaded
 * report file (--report-mb, default 1 MB) and, for half of them, an override; and
 * streaming all the reports as one .zip (time, size, and the process's memory growth).
 *
 *   node --import tsx bench/statistics-table.ts [--db pglite|postgres] [--students 200000] [--repeat 10]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';
import { reportsZip, statisticsWorkbook } from '../server/src/modules/statistics/statistics.export.ts';
import { LocalDiskStorage, newStorageKey } from '../server/src/storage/local-disk-storage.ts';
import * as repo from '../server/src/modules/statistics/statistics.repository.ts';
import { gridDto, loadCampaign } from '../server/src/modules/statistics/statistics.service.ts';
import { generateCollege } from './college-data.ts';
import { freshDatabase, machine, root, summarise } from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    students: { type: 'string', default: '200000' },
    units: { type: 'string', default: '80' },
    repeat: { type: 'string', default: '10' },
    'report-mb': { type: 'string', default: '1' },
  },
});
const studentCount = Number(args.students);
const unitCount = Number(args.units);
const repeat = Number(args.repeat);
const CAMPAIGN_YEAR = 2024;
const year = '2023-2024';

async function generate(db: Db): Promise<Record<string, number>> {
  const records = await generateCollege(db, { units: unitCount, students: studentCount, schoolYear: year });

  // The campaign: four tracks, ~6 cases per unit over the case tracks, ~1 nomination per unit with 3 activities each.
  const campaign = await db
    .insertInto('campaigns')
    .values({
      year: CAMPAIGN_YEAR,
      title: `${CAMPAIGN_YEAR}年“苏乡永助”资助育人主题活动`,
      status: 'reviewing',
      summary_due_on: `${CAMPAIGN_YEAR}-09-20`,
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [code, kind, i] of [
    ['FZ', 'case', 0],
    ['SY', 'case', 1],
    ['YX', 'case', 2],
    ['DS', 'ambassador', 3],
  ] as const) {
    await db
      .insertInto('tracks')
      .values({ campaign_id: campaign.id, code, name: code, kind, sort_order: i, form_template: '{"sections":[],"attachmentSlots":[]}' })
      .execute();
  }
  await sql`insert into submissions (campaign_id, track_id, unit_id, created_by, sections, priority_tags, submitted_at, accepted_at)
    select ${campaign.id}, t.id, u.id, (select id from users where unit_id = u.id order by id limit 1), '{}', '[]', now(),
      case when (u.id + n) % 3 = 0 then null else now() end
    from units u cross join tracks t cross join generate_series(1, 2) n
    where t.campaign_id = ${campaign.id} and (t.kind = 'case' or n = 1)`.execute(db);
  await sql`insert into submission_students (submission_id, role, name, student_no, programme, grade)
    select s.id, 'involved', '学生', 'S' || s.id || '-' || k, '五年制高职', 4 from submissions s cross join generate_series(1, 3) k`.execute(
    db,
  );
  await sql`insert into ambassador_activities (submission_id, kind, title, held_on, place, audience, evidence_file_ids)
    select s.id, (array['policy_talk','village','community'])[k], '宣讲', '2024-05-01', '礼堂', 50 * k, '[]'
    from submissions s join tracks t on t.id = s.track_id cross join generate_series(1, 3) k where t.kind = 'ambassador'`.execute(db);

  // The institute's released decisions: a quarter of the cases 推荐省级, one more staged (not counted).
  await sql`insert into review_decisions (submission_id, track_id, outcome, released_at)
    select s.id, s.track_id, case when s.id % 4 = 0 then 'provincial' else 'excellent' end,
      case when s.id % 8 = 1 then null else now() end
    from submissions s where s.campaign_id = ${campaign.id}`.execute(db);

  // Every unit's filing: the report in four sections (~3 200 characters), half of them with an override.
  const body = '本单位围绕资助育人主题开展政策宣讲、结对帮扶和研学实践。'.repeat(30);
  const sections = JSON.stringify(['一', '二', '三', '四'].map((n) => ({ title: `${n}、小节`, body })));
  await sql`insert into statistics_filings (campaign_id, unit_id, report_sections, overrides)
    select ${campaign.id}, u.id, ${sections}::jsonb,
      case when u.id % 2 = 0 then ${JSON.stringify({ fz_submitted: { computed: 2, value: 3, reason: '另有一项线下报送', by: 1, at: new Date().toISOString() } })}::jsonb
      else '{}'::jsonb end
    from units u where u.kind <> 'institute'`.execute(db);

  const counts: Record<string, number> = { ...records };
  for (const table of ['submissions', 'ambassador_activities', 'review_decisions', 'statistics_filings']) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  await sql`analyze`.execute(db);
  return counts;
}

/** The 1/5/15-minute load averages and the cores: the machine is shared, so figures are read against them. */
const loadavg = () => ({ cores: os.cpus().length, at: os.loadavg().map((x) => Math.round(x * 100) / 100) });

/** One uploaded report file per unit (a PDF-sized blob of --report-mb), in a throwaway local store. */
async function uploadReports(db: Db, storage: LocalDiskStorage, campaignId: number, bytes: number) {
  const filings = await db.selectFrom('statistics_filings').select(['id', 'unit_id']).where('campaign_id', '=', campaignId).execute();
  const content = Buffer.alloc(bytes, 0x25);
  for (const f of filings) {
    const key = newStorageKey('pdf');
    await storage.put(key, Readable.from([content]));
    const file = await db
      .insertInto('stored_files')
      .values({
        storage_key: key,
        original_name: '总结报告.pdf',
        mime_type: 'application/pdf',
        extension: 'pdf',
        size_bytes: bytes,
        sha256: '0'.repeat(64),
        unit_id: f.unit_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('statistics_filings').set({ report_file_id: file.id }).where('id', '=', f.id).execute();
  }
}

/** Drains the streamed zip, counting bytes and sampling the process's resident memory while it runs. */
async function drainZip(stream: Readable): Promise<{ bytes: number; rssGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { bytes, rssGrowthMb: Math.round((peak - before) / 2 ** 20) };
}

const loadAtStart = loadavg();
const started = performance.now();
const database = await freshDatabase(args.db!, 'bench_statistics');
const storageDir = mkdtempSync(path.join(os.tmpdir(), 'bench-statistics-files-'));
try {
  const db = database.handle.db;
  const counts = await generate(db);
  const storage = new LocalDiskStorage(storageDir);
  const reportBytes = Math.round(Number(args['report-mb']) * 2 ** 20);
  await uploadReports(db, storage, (await db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id, reportBytes);
  const generateSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`generated in ${generateSeconds} s`, counts);
  const campaign = (await repo.findCampaign(db, (await db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id))!;
  const loaded = await loadCampaign(db, campaign);
  const compute: number[] = [];
  const exportMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const grid = await gridDto(db, loaded);
    compute.push(performance.now() - t0);
    const t1 = performance.now();
    bytes = (await statisticsWorkbook('统计表(汇总)', grid, true)).length;
    exportMs.push(performance.now() - t1);
    if (i === 0) console.log(`${grid.rows.length} units × ${grid.columns.length} columns; totals`, grid.totals.slice(0, 8));
  }
  const zipMs: number[] = [];
  let zip = { bytes: 0, rssGrowthMb: 0, announced: null as number | null };
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const streamed = await reportsZip(db, storage, loaded);
    const drained = await drainZip(streamed.stream);
    zipMs.push(performance.now() - t0);
    zip = { ...drained, rssGrowthMb: Math.max(zip.rssGrowthMb, drained.rssGrowthMb), announced: streamed.size };
  }
  const results = {
    date: new Date().toISOString(),
    db: args.db,
    machine: machine(),
    load: { start: loadAtStart, end: loadavg() },
    generateSeconds,
    counts,
    latenciesMs: { fullTable80Units: summarise(compute), exportXlsx: summarise(exportMs), reportsZip: summarise(zipMs) },
    xlsxBytes: bytes,
    zip: { ...zip, reportFileBytes: reportBytes },
  };
  console.log('zip', results.zip, 'load', results.load);
  console.table(results.latenciesMs);
  writeFileSync(path.join(root, 'bench/results', `statistics-table-${args.db}.json`), JSON.stringify(results, null, 2) + '\n');
} finally {
  await database.handle.close();
  await database.cleanup();
  rmSync(storageDir, { recursive: true, force: true });
}
