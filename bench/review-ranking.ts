/**
 * The ranking of one track and its scores workbook (issue 4) for 500 accepted cases
 * × 3 submitted reviews (1 500 reviews by 15 reviewers, each with their own bias, so the
 * normalisation has work to do). In process against the database: trackRanking (load,
 * aggregate, hide a coordinator's conflicts) and the three-sheet .xlsx.
 *
 *   node --import tsx bench/review-ranking.ts [--db pglite|postgres] [--cases 500] [--reviews 3] [--repeat 10]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';
import type { Actor } from '../server/src/policies/actor.ts';
import { hiddenUnitsOf, trackRanking, trackReviewData } from '../server/src/modules/reviews/ranking.service.ts';
import { scoresWorkbook } from '../server/src/modules/reviews/reviews.export.ts';
import { freshDatabase, machine, root, summarise } from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    cases: { type: 'string', default: '500' },
    reviews: { type: 'string', default: '3' },
    reviewers: { type: 'string', default: '15' },
    units: { type: 'string', default: '40' },
    repeat: { type: 'string', default: '10' },
  },
});
const caseCount = Number(args.cases);
const perCase = Number(args.reviews);
const reviewerCount = Number(args.reviewers);
const unitCount = Number(args.units);
const repeat = Number(args.repeat);

async function generate(db: Db) {
  await sql`insert into units (code, name, kind, city)
    select 'U' || n, '第' || n || '分院', 'branch', '南京' from generate_series(1, ${unitCount}) n`.execute(db);
  await sql`insert into users (username, display_name, unit_id, password_hash, must_change_password)
    select 'officer' || u.id, '管理员' || u.id, u.id, 'x', false from units u`.execute(db);
  await sql`insert into users (username, display_name, unit_id, password_hash, must_change_password)
    select 'expert' || n, '专家' || n, case when n % 3 = 0 then null else (select min(id) from units) + n - 1 end, 'x', false
    from generate_series(1, ${reviewerCount}) n`.execute(db);
  const coordinator = await db
    .insertInto('users')
    .values({
      username: 'coord',
      display_name: '牵头人',
      unit_id: (await db.selectFrom('units').select('id').executeTakeFirstOrThrow()).id,
      password_hash: 'x',
      must_change_password: false,
    })
    .returning(['id', 'unit_id'])
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaigns')
    .values({ year: 2024, title: '2024年“苏乡永助”资助育人主题活动', status: 'reviewing', settings: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const track = await db
    .insertInto('tracks')
    .values({
      campaign_id: campaign.id,
      code: 'FZ',
      name: '发展型资助育人优秀案例',
      kind: 'case',
      coordinator_user_id: coordinator.id,
      form_template: '{"sections":[],"attachmentSlots":[]}',
      reviewers_per_case: perCase,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into submissions (campaign_id, track_id, unit_id, created_by, title, sections, priority_tags, implementation, receipt_no, submitted_at, accepted_at)
    select ${campaign.id}, ${track.id}, u.id, (select id from users where unit_id = u.id order by id limit 1),
      '案例' || n, '{}', case when n % 4 = 0 then '[{"tag":"real_hardship","justification":"x"}]'::jsonb else '[]'::jsonb end,
      case when n % 3 = 0 then 'planned' else 'implemented' end, '2024-FZ-' || lpad(n::text, 4, '0'), now(), now()
    from generate_series(1, ${caseCount}) n
    join units u on u.id = (select min(id) from units) + (n % ${unitCount})`.execute(db);
  // Reviewer k of case n: experts (n + k·5) mod count — round robin, skipping nobody (conflicts are the assignment bench's concern).
  await sql`insert into review_assignments (submission_id, reviewer_id, method)
    select s.id, e.id, 'auto'
    from submissions s cross join generate_series(0, ${perCase - 1}) k
    join lateral (select id from users where username like 'expert%' order by id offset ((s.id + k * 5) % ${reviewerCount}) limit 1) e on true`.execute(
    db,
  );
  // Scores 0–10 per criterion: the case's quality (−3…+3, independent of who reviews it) + the reviewer's bias (−2…+2) + noise (−1…+1).
  await sql`insert into reviews (assignment_id, submission_id, reviewer_id, scores, comment, private_note, status, total, version, submitted_at)
    select a.id, a.submission_id, a.reviewer_id, sc.scores, '意见', '', 'submitted', sc.total, 1, now()
    from review_assignments a
    cross join lateral (
      select greatest(0, least(10, 5 + ((a.submission_id * 7919) % 7) - 3 + (a.reviewer_id % 5) - 2 + ((a.submission_id * 13 + a.reviewer_id * 7) % 3) - 1)) as v
    ) q
    cross join lateral (
      select jsonb_build_object('real_hardship', q.v, 'common_prosperity', q.v, 'institution_building', q.v, 'social_resources', q.v, 'pairing', q.v, 'implemented', q.v) as scores,
        q.v * 10 as total
    ) sc`.execute(db);
  await sql`insert into review_versions (review_id, version, scores, comment, private_note, total, submitted_at)
    select id, 1, scores, comment, private_note, total, submitted_at from reviews`.execute(db);
  await sql`analyze`.execute(db);
  const counts: Record<string, number> = {};
  for (const table of ['submissions', 'review_assignments', 'reviews']) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return { trackId: track.id, campaignId: campaign.id, coordinator, counts };
}

const actor = (id: number, unitId: number | null, role: 'institute_admin' | 'track_coordinator'): Actor => ({
  id,
  username: role,
  displayName: role,
  unitId,
  roles: new Set([role]),
  mustChangePassword: false,
});

const started = performance.now();
const database = await freshDatabase(args.db!, 'bench_review_ranking');
try {
  const db = database.handle.db;
  const g = await generate(db);
  const generateSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`generated in ${generateSeconds} s`, g.counts);
  const admin = actor(1, null, 'institute_admin');
  const coordinator = actor(g.coordinator.id, g.coordinator.unit_id, 'track_coordinator');
  const rankingAdmin: number[] = [];
  const rankingCoordinator: number[] = [];
  const workbook: number[] = [];
  let bytes = 0;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  for (let i = 0; i < repeat; i++) {
    let t0 = performance.now();
    const ranked = await trackRanking(db, g.trackId, admin);
    rankingAdmin.push(performance.now() - t0);
    t0 = performance.now();
    const theirs = await trackRanking(db, g.trackId, coordinator);
    rankingCoordinator.push(performance.now() - t0);
    t0 = performance.now();
    const data = await trackReviewData(db, g.trackId);
    const hidden = await hiddenUnitsOf(db, g.campaignId, admin, []);
    bytes = (await scoresWorkbook(data, hidden)).length;
    workbook.push(performance.now() - t0);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (i === 0) {
      console.log(
        `${ranked.length} cases; top 3`,
        ranked.slice(0, 3).map((c) => [c.rank, c.receiptNo, c.mean, c.normalised]),
        `; coordinator sees scores of ${theirs.filter((c) => c.scoresVisible).length}`,
      );
    }
  }
  const results = {
    date: new Date().toISOString(),
    db: args.db,
    machine: machine(),
    generateSeconds,
    counts: g.counts,
    latenciesMs: {
      rankingAsAdmin: summarise(rankingAdmin),
      rankingAsCoordinator: summarise(rankingCoordinator),
      scoresWorkbook: summarise(workbook),
    },
    xlsxBytes: bytes,
    rssMb: { before: Math.round(rssBefore / 2 ** 20), peak: Math.round(rssPeak / 2 ** 20) },
  };
  console.table(results.latenciesMs);
  writeFileSync(path.join(root, 'bench/results', `review-ranking-${args.db}.json`), JSON.stringify(results, null, 2) + '\n');
} finally {
  await database.handle.close();
  await database.cleanup();
}
