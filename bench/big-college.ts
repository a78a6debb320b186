/**
 * A big college: 80 units, 200 000 students, 40 000 identified this school
 * year, ~6 000 key targets, a semester of home visits, growth-archive entries,
 * awards and seminars — generated in SQL, straight into a fresh database.
 * Then, through the real server: the six-coverage dashboard for the whole
 * institute, one unit's drill-down, and the student search by 学号 prefix
 * and by name (as the admin over all units and as a unit's officer).
 *
 *   node --import tsx bench/big-college.ts [--db pglite|postgres] [--students 200000] [--repeat 30]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { schoolYearOf, semesterOf } from '../contracts/school-year.ts';
import { generateCollege } from './college-data.ts';
import { freshDatabase, machine, peakRssMb, root, signIn, startServer, stopServer, summarise, type Session } from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    students: { type: 'string', default: '200000' },
    units: { type: 'string', default: '80' },
    repeat: { type: 'string', default: '30' },
    port: { type: 'string', default: '3461' },
  },
});
const studentCount = Number(args.students);
const unitCount = Number(args.units);
const repeat = Number(args.repeat);
const port = Number(args.port);
const year = schoolYearOf(new Date());
const semester = semesterOf(new Date());

async function time(session: Session, url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie: session.cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

async function measure(session: Session, urls: string[]): Promise<ReturnType<typeof summarise>> {
  await time(session, urls[0]!); // warm
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) for (const url of urls) ms.push(await time(session, url));
  return summarise(ms);
}

const generated = performance.now();
const database = await freshDatabase(args.db!, 'bench_college');
const counts = await generateCollege(database.handle.db, { units: unitCount, students: studentCount, schoolYear: year });
await database.handle.close();
const generateSeconds = Math.round((performance.now() - generated) / 100) / 10;
console.log(`generated in ${generateSeconds} s`, counts);

const server = await startServer(database.env, port);
// The machine is shared: the load average beside the figures says how much of it the run had.
const loadBefore = os.loadavg().map((n) => Math.round(n * 10) / 10);
try {
  const admin = await signIn(port, 'bench-admin');
  const officer = await signIn(port, 'b01-officer');
  const q = `schoolYear=${year}&semester=${semester}`;
  const prefixes = Array.from({ length: 20 }, (_, i) => `202${i % 5}00${(i * 7) % 10}`);
  const names = ['王子', '李欣', '张浩', '刘梓', '陈宇', '杨思', '黄雨', '赵俊', '周子', '吴欣'];
  const results = {
    date: new Date().toISOString(),
    db: args.db,
    machine: machine(),
    generateSeconds,
    counts,
    latenciesMs: {
      dashboardInstitute: await measure(admin, [`/api/coverage?${q}`]),
      dashboardOneUnit: await measure(officer, [`/api/coverage?${q}`]),
      drillDownVisits: await measure(admin, [`/api/coverage/units/1/missing?${q}&measure=visitFirst`]),
      searchStudentNoAdmin: await measure(
        admin,
        prefixes.map((p) => `/api/students?q=${p}`),
      ),
      searchNameAdmin: await measure(
        admin,
        names.map((n) => `/api/students?q=${encodeURIComponent(n)}`),
      ),
      searchStudentNoOfficer: await measure(
        officer,
        prefixes.map((p) => `/api/students?q=${p}`),
      ),
      searchNameOfficer: await measure(
        officer,
        names.map((n) => `/api/students?q=${encodeURIComponent(n)}`),
      ),
      keyTargetsWithoutMentor: await measure(officer, [`/api/key-targets?schoolYear=${year}&withoutMentor=true`]),
    },
    serverPeakRssMb: peakRssMb(server),
    loadAverage: { before: loadBefore, after: os.loadavg().map((n) => Math.round(n * 10) / 10) },
  };
  console.table(results.latenciesMs);
  console.log('load average (1, 5, 15 min) before', results.loadAverage.before.join(' '), 'after', results.loadAverage.after.join(' '));
  writeFileSync(path.join(root, 'bench/results', `big-college-${args.db}.json`), JSON.stringify(results, null, 2) + '\n');
} finally {
  await stopServer(server);
  await database.cleanup();
}
