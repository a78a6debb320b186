/**
 * The statistics table (附件5) on the big-college data: 80 units, 200 000
 * students, 40 000 identified, visits, key targets, archives, registries (the
 * same records as bench/big-college.ts: bench/college-data.ts), plus a campaign with
 * ~500 cases, ~100 nominations and their publicity activities. Measures, in
 * process against the database, computing the full default table for every
 * unit (the institute grid) and exporting it as .xlsx.
 *
 *   node --import tsx bench/statistics-table.ts [--db pglite|postgres] [--students 200000] [--repeat 10]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';
import { statisticsWorkbook } from '../server/src/modules/statistics/statistics.export.ts';
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

  const counts: Record<string, number> = { ...records };
  for (const table of ['submissions', 'ambassador_activities']) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  await sql`analyze`.execute(db);
  return counts;
}

const started = performance.now();
const database = await freshDatabase(args.db!, 'bench_statistics');
try {
  const db = database.handle.db;
  const counts = await generate(db);
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
    if (i === 0) console.log(`${grid.rows.length} units × ${grid.columns.length} columns; totals`, grid.totals.slice(0, 6));
  }
  const results = {
    date: new Date().toISOString(),
    db: args.db,
    machine: machine(),
    generateSeconds,
    counts,
    latenciesMs: { fullTable80Units: summarise(compute), exportXlsx: summarise(exportMs) },
    xlsxBytes: bytes,
  };
  console.table(results.latenciesMs);
  writeFileSync(path.join(root, 'bench/results', `statistics-table-${args.db}.json`), JSON.stringify(results, null, 2) + '\n');
} finally {
  await database.handle.close();
  await database.cleanup();
}
