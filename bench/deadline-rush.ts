/**
 * Deadline rush: the last hour before a track closes. Every unit's mentor,
 * aid officer and leader work at once for a fixed time: create a draft, autosave
 * it three times, attach the case document (2 MB PDF), select, sign off and
 * submit. Reports p50/p99 latency per operation, throughput, server errors and
 * the server's peak memory, on PGlite or PostgreSQL.
 *
 *   node --import tsx bench/deadline-rush.ts [--db pglite|postgres] [--seconds 30] [--units 80] [--think-ms 0]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 *
 * --think-ms pauses each person between actions (the editor autosaves at most every
 * 1.5 s while someone types); 0 is a stress test with no pause at all.
 * A refusal the rules call for (quota full) is counted as "refused", not as an error.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoData } from '../server/src/demo/demo-data.ts';
import { cities } from '../contracts/regions.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import {
  BENCH_PASSWORD,
  freshDatabase,
  machine,
  peakRssMb,
  percentile,
  root,
  startServer,
  stopServer,
  type FreshDatabase,
} from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    seconds: { type: 'string', default: '30' },
    units: { type: 'string', default: '80' },
    port: { type: 'string', default: '3456' },
    'think-ms': { type: 'string', default: '0' },
  },
});
const seconds = Number(args.seconds);
const unitCount = Number(args.units);
const port = Number(args.port);
const thinkMs = Number(args['think-ms']);
const think = () => (thinkMs > 0 ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
const base = `http://127.0.0.1:${port}`;

// ---- fixture -------------------------------------------------------------

async function prepareDatabase(): Promise<FreshDatabase> {
  const database = await freshDatabase(args.db!, 'bench');
  const handle = database.handle;
  const db = handle.db;
  await db.transaction().execute((trx) => seedDemoData(trx));
  const hash = await hashPassword(BENCH_PASSWORD);
  for (let i = 1; i <= unitCount; i++) {
    const code = `B${String(i).padStart(2, '0')}`;
    const { id: unitId } = await db
      .insertInto('units')
      .values({ code, name: `压测分院${code}`, kind: 'branch', city: cities[i % cities.length]!, address: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const role of ['mentor', 'unit_officer', 'unit_leader'] as const) {
      const { id } = await db
        .insertInto('users')
        .values({
          username: `${code.toLowerCase()}-${role}`,
          display_name: `${code}${role}`,
          email: null,
          phone: null,
          unit_id: unitId,
          password_hash: hash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('user_roles').values({ user_id: id, role }).execute();
    }
  }
  await handle.close();
  return database;
}

// ---- a minimal HTTP client with a session --------------------------------

/** The fields of the API's JSON replies this script reads. */
interface Reply {
  id?: number;
  revision?: number;
  code?: string;
  csrfToken?: string;
  setCookie?: string | null;
}

interface Session {
  cookie: string;
  csrf: string;
}
type Op = 'login' | 'create' | 'autosave' | 'upload' | 'select' | 'approve' | 'submit';
const latencies: Record<Op, number[]> = { login: [], create: [], autosave: [], upload: [], select: [], approve: [], submit: [] };
const outcome = { ok: 0, refused: 0, errors: 0, submitted: 0, quotaFull: 0 };
const errorSamples: string[] = [];

async function call(op: Op, s: Session | null, method: string, url: string, body?: unknown): Promise<{ status: number; json: Reply }> {
  const headers: Record<string, string> = {};
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const started = performance.now();
  try {
    const res = await fetch(base + url, { method, headers, body: payload });
    const text = await res.text();
    latencies[op].push(performance.now() - started);
    const json = (text ? JSON.parse(text) : {}) as Reply;
    if (res.status >= 500) {
      outcome.errors++;
      if (errorSamples.length < 5) errorSamples.push(`${op} ${res.status} ${text.slice(0, 200)}`);
    } else if (res.status >= 400) outcome.refused++;
    else outcome.ok++;
    return {
      status: res.status,
      json: res.status === 200 && op === 'login' ? { ...json, setCookie: res.headers.get('set-cookie') } : json,
    };
  } catch (error) {
    latencies[op].push(performance.now() - started);
    outcome.errors++;
    if (errorSamples.length < 5) errorSamples.push(`${op} ${String(error)}`);
    return { status: 0, json: {} };
  }
}

async function login(username: string): Promise<Session> {
  const res = await call('login', null, 'POST', '/api/auth/login', { login: username, password: BENCH_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  const cookie = String(res.json.setCookie).split(';')[0]!;
  return { cookie, csrf: res.json.csrfToken ?? '' };
}

const sentence = '导师团队为家庭经济困难学生制定一生一策成长计划并持续跟踪帮扶。';
const textOf = (words: number) => sentence.repeat(Math.ceil(words / sentence.length));
/**
 * A 2 MB PDF: a real header and trailer around padding, enough for content sniffing
 * (the server's PII scan finds no text in it and lists it for a person to check).
 * One Blob for every upload: the generator shares the cores with the server, and
 * copying 2 MB per upload was work the server's figures paid for.
 */
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), Buffer.alloc(2 * 1024 * 1024 - 40, 0x20), Buffer.from('\n%%EOF\n')]);
const pdfBlob = new Blob([pdf], { type: 'application/pdf' });

// ---- the rush --------------------------------------------------------------

interface UnitPeople {
  code: string;
  mentor: Session;
  officer: Session;
  leader: Session;
}

/** Everyone is signed in before the rush starts, as they would be an hour before the deadline. */
async function signInUnit(code: string): Promise<UnitPeople> {
  const prefix = code.toLowerCase();
  return {
    code,
    mentor: await login(`${prefix}-mentor`),
    officer: await login(`${prefix}-unit_officer`),
    leader: await login(`${prefix}-unit_leader`),
  };
}

async function unitLoop(
  { code, mentor, officer, leader }: UnitPeople,
  tracks: { id: number; subtypeId: number | null }[],
  until: number,
): Promise<void> {
  let n = 0;
  while (Date.now() < until) {
    const track = tracks[n++ % tracks.length]!;
    await think();
    const created = await call('create', mentor, 'POST', '/api/submissions', { trackId: track.id });
    if (created.status !== 201) continue;
    const id = created.json.id!;
    let revision = created.json.revision!;
    const content = {
      title: `${code} 第${n}个案例`,
      summary: '摘要',
      subtypeId: track.subtypeId,
      implementation: 'implemented',
      contact: { name: '李老师', phone: '025-86000000' },
    };
    // Three autosaves as the text grows, like a teacher typing.
    for (const share of [0.3, 0.7, 1]) {
      await think();
      const saved = await call('autosave', mentor, 'PATCH', `/api/submissions/${id}`, {
        revision,
        ...content,
        sections: {
          background: textOf(320 * share),
          practice: textOf(820 * share),
          outcomes: textOf(320 * share),
          lessons: textOf(220 * share),
        },
      });
      if (saved.status === 200) revision = saved.json.revision!;
    }
    const form = new FormData();
    form.append('file', pdfBlob, '案例全文.pdf');
    await think();
    await call('upload', mentor, 'POST', `/api/submissions/${id}/attachments?slot=case_document`, form);
    await think();
    await call('select', officer, 'POST', `/api/submissions/${id}/select`, {});
    await think();
    await call('approve', leader, 'POST', `/api/submissions/${id}/approve`, {});
    await think();
    const submitted = await call('submit', officer, 'POST', `/api/submissions/${id}/submit`, {});
    if (submitted.status === 200) outcome.submitted++;
    else if (submitted.json.code === 'quota_full') outcome.quotaFull++;
  }
}

/** Another process on the port would answer the health check and take the rush: refuse to start. */
async function ensurePortFree(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use: choose another with --port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * The server's event-loop delay during the rush (what every request waits
 * behind): a preload samples it, SIGUSR2 starts the window, exit writes it out.
 */
const eldFile = path.join(os.tmpdir(), `deadline-rush-eld-${process.pid}.json`);
const eldPreload = `
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.on('SIGUSR2', () => h.reset());
process.on('exit', () => writeFileSync(${JSON.stringify(eldFile)}, JSON.stringify({ p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 })));
`;
process.env.BENCH_NODE_ARGS = `${process.env.BENCH_NODE_ARGS ?? ''} --import=data:text/javascript,${encodeURIComponent(eldPreload)}`;

function readEventLoopDelay(): { p50: number; p99: number; max: number } | null {
  try {
    const eld = JSON.parse(readFileSync(eldFile, 'utf8')) as { p50: number; p99: number; max: number };
    rmSync(eldFile, { force: true });
    return { p50: Math.round(eld.p50), p99: Math.round(eld.p99), max: Math.round(eld.max) };
  } catch {
    return null;
  }
}

await ensurePortFree();
const database = await prepareDatabase();
const server = await startServer(database.env, port);
let result: Record<string, unknown> | null = null;
try {
  const tracksRes = await (async () => {
    const s = await login('b01-unit_officer');
    const res = await fetch(`${base}/api/campaigns`, { headers: { cookie: s.cookie } });
    return (await res.json()) as {
      tracks: { id: number; kind: string; subtypes: { id: number }[]; opensAt: string | null; submissionClosesAt: string | null }[];
    }[];
  })();
  // The case tracks taking submissions now (the demo data keeps one track in review, its deadline past).
  const open = (t: { opensAt: string | null; submissionClosesAt: string | null }) =>
    t.opensAt !== null &&
    t.submissionClosesAt !== null &&
    Date.parse(t.opensAt) <= Date.now() &&
    Date.now() < Date.parse(t.submissionClosesAt);
  const tracks = tracksRes[0]!.tracks
    .filter((t) => t.kind === 'case' && open(t))
    .map((t) => ({ id: t.id, subtypeId: t.subtypes[0]?.id ?? null }));
  if (tracks.length === 0) throw new Error('no case track is open for submission in the seeded campaign');
  const codes = Array.from({ length: unitCount }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);
  const people: UnitPeople[] = [];
  for (const code of codes) people.push(await signInUnit(code));
  for (const op of Object.keys(latencies) as Op[]) latencies[op] = [];
  Object.assign(outcome, { ok: 0, refused: 0, errors: 0, submitted: 0, quotaFull: 0 });

  server.kill('SIGUSR2');
  const loadAtStart = os.loadavg();
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(people.map((unit) => unitLoop(unit, tracks, until)));
  const elapsed = (Date.now() - started) / 1000;

  const rows = (Object.keys(latencies) as Op[]).map((op) => {
    const sorted = [...latencies[op]].sort((a, b) => a - b);
    return {
      op,
      count: sorted.length,
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
      max: Math.round(sorted.at(-1) ?? 0),
    };
  });
  const total = rows.reduce((n, r) => n + r.count, 0);
  result = {
    date: new Date().toISOString(),
    db: args.db,
    units: unitCount,
    thinkMs,
    seconds: elapsed,
    requests: total,
    throughputPerSecond: Math.round(total / elapsed),
    submitted: outcome.submitted,
    refusedQuotaFull: outcome.quotaFull,
    refusedOther: outcome.refused - outcome.quotaFull,
    serverErrors: outcome.errors,
    errorSamples,
    serverPeakRssMb: peakRssMb(server),
    latenciesMs: rows,
    machine: machine(),
    /** The machine is shared: its 1/5/15-minute load averages when the rush started (and, below, when it ended). */
    loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
  };
  console.table(rows);
} finally {
  await stopServer(server);
  await database.cleanup();
}
if (result) {
  result.serverEventLoopDelayMs = readEventLoopDelay();
  result.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(JSON.stringify({ ...result, latenciesMs: undefined }, null, 2));
  writeFileSync(path.join(root, 'bench/results', `deadline-rush-${args.db}-think${thinkMs}.json`), JSON.stringify(result, null, 2) + '\n');
}
