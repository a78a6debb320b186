/**
 * Student search over a big college: 200 000 students in 80 units (sealed
 * sensitive fields and all, as the import writes them). Aid officers search
 * their own unit and the institute admin searches every unit, by 学号 prefix,
 * full 学号, full name and surname, through the real HTTP API (session, scope,
 * masking, count). Reports p50/p99 per kind of search, on PGlite or PostgreSQL.
 *
 *   node --import tsx bench/student-search.ts [--db pglite|postgres] [--units 80] [--per-unit 2500] [--requests 2000] [--concurrency 4]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { cities } from '../contracts/regions.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { Keyring, parseKeys } from '../server/src/privacy/keyring.ts';
import { sealSensitive } from '../server/src/privacy/sensitive-columns.ts';
import { generatedStudent, random } from './roster-generator.ts';
import {
  BENCH_PASSWORD,
  freshDatabase,
  machine,
  peakRssMb,
  root,
  signIn,
  startServer,
  stopServer,
  summarise,
  type FreshDatabase,
} from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    units: { type: 'string', default: '80' },
    'per-unit': { type: 'string', default: '2500' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    port: { type: 'string', default: '3458' },
  },
});
const unitCount = Number(args.units);
const perUnit = Number(args['per-unit']);
const requests = Number(args.requests);
const concurrency = Number(args.concurrency);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const PII_KEYS = `k1:${randomBytes(32).toString('base64')}`;
const work = mkdtempSync(path.join(os.tmpdir(), 'yz-bench-search-'));
const code = (u: number) => `S${String(u).padStart(2, '0')}`;

async function prepareDatabase(): Promise<FreshDatabase> {
  const database = await freshDatabase(args.db!, 'bench_search');
  const handle = database.handle;
  const db = handle.db;
  const keyring = new Keyring(parseKeys(PII_KEYS));
  const hash = await hashPassword(BENCH_PASSWORD);
  const addUser = async (username: string, unitId: number | null, role: 'unit_officer' | 'institute_admin') => {
    const { id } = await db
      .insertInto('users')
      .values({ username, display_name: username, email: null, phone: null, unit_id: unitId, password_hash: hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ user_id: id, role }).execute();
  };
  await addUser('search-admin', null, 'institute_admin');
  const started = performance.now();
  for (let u = 1; u <= unitCount; u++) {
    const { id: unitId } = await db
      .insertInto('units')
      .values({ code: code(u), name: `检索压测分院${code(u)}`, kind: 'branch', city: cities[u % cities.length]!, address: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addUser(`${code(u).toLowerCase()}-officer`, unitId, 'unit_officer');
    for (let from = 0; from < perUnit; from += 1000) {
      const rows = [];
      for (let i = from; i < Math.min(perUnit, from + 1000); i++) {
        const s = generatedStudent(i, { seed: u, prefix: code(u) });
        rows.push({
          unit_id: unitId,
          student_no: s.studentNo,
          name: s.name,
          gender: s.gender,
          department: s.department,
          programme: s.programme,
          schooling: s.schooling,
          grade: s.grade,
          class_name: s.className,
          origin: s.origin,
          hukou_city: s.hukouCity,
          ...sealSensitive(keyring, { idNumber: s.idNumber, phone: s.phone, address: s.address, bankCard: s.bankCard }),
          created_by: null,
          updated_by: null,
        });
      }
      await db.insertInto('students').values(rows).execute();
    }
    if (u % 10 === 0 || u === unitCount)
      console.log(`seeded ${u * perUnit} students (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await sql`analyze`.execute(db);
  await handle.close();
  return database;
}

/** The session cookie of a signed-in user. */
const login = async (username: string) => (await signIn(port, username)).cookie;

type Kind =
  'officer: 学号 prefix' | 'officer: full 学号' | 'officer: full name' | 'officer: surname' | 'admin: 学号 prefix' | 'admin: full name';
const kinds: Kind[] = [
  'officer: 学号 prefix',
  'officer: full 学号',
  'officer: full name',
  'officer: surname',
  'admin: 学号 prefix',
  'admin: full name',
];
const latencies = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
let failures = 0;

const database = await prepareDatabase();
const server = await startServer({ ...database.env, DATA_DIR: database.env.DATA_DIR ?? work, PII_KEYS }, port);
try {
  console.log('server ready');
  const admin = await login('search-admin');
  const officers = new Map<number, string>();
  for (let u = 1; u <= unitCount; u++) officers.set(u, await login(`${code(u).toLowerCase()}-officer`));
  const rand = random(42);
  const pick = (n: number) => Math.floor(rand() * n);

  /** One search as a person would type it, against a real student of a random unit. */
  async function one(warmup = false): Promise<void> {
    const u = 1 + pick(unitCount);
    const s = generatedStudent(pick(perUnit), { seed: u, prefix: code(u) });
    const kind = kinds[pick(kinds.length)]!;
    const q = {
      'officer: 学号 prefix': s.studentNo.slice(0, 11),
      'officer: full 学号': s.studentNo,
      'officer: full name': s.name,
      'officer: surname': s.name.slice(0, 1),
      'admin: 学号 prefix': s.studentNo.slice(0, 11),
      'admin: full name': s.name,
    }[kind];
    const cookie = kind.startsWith('admin') ? admin : officers.get(u)!;
    const started = performance.now();
    const res = await fetch(`${base}/api/students?q=${encodeURIComponent(q)}&pageSize=20`, { headers: { cookie } });
    const body = (await res.json()) as { total?: number };
    const ms = performance.now() - started;
    if (!res.ok || !(body.total! > 0)) failures++;
    if (!warmup) latencies[kind].push(ms);
  }

  for (let i = 0; i < 50; i++) await one(true);
  const t0 = performance.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued++ < requests) await one();
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const rows = kinds.map((kind) => ({ kind, ...summarise(latencies[kind]) }));
  const all = kinds.flatMap((k) => latencies[k]);
  const result = {
    date: new Date().toISOString(),
    db: args.db,
    students: unitCount * perUnit,
    units: unitCount,
    requests,
    concurrency,
    requestsPerSecond: Math.round(requests / seconds),
    p99AllMs: summarise(all).p99,
    failures,
    latenciesMs: rows,
    serverPeakRssMb: peakRssMb(server),
    loadAverage: os.loadavg().map((n) => +n.toFixed(2)),
    machine: machine(),
  };
  console.table(rows);
  console.log(JSON.stringify({ ...result, latenciesMs: undefined }, null, 2));
  writeFileSync(path.join(root, 'bench/results', `student-search-${args.db}-c${concurrency}.json`), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stopServer(server);
  await database.cleanup();
  rmSync(work, { recursive: true, force: true });
}
