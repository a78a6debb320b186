/**
 * Roster import of a big unit: one aid officer uploads a 200 000-row roster
 * (merged title row, 学号 as numbers, all five sensitive columns), accepts the
 * proposed mapping and imports it; then imports the same file again (every row
 * unchanged). Measures upload-to-preview time, import time, the server's peak
 * memory (worker thread included: same process) and what the web's progress
 * poll saw, on PGlite or PostgreSQL.
 *
 *   node --import tsx bench/roster-import.ts [--db pglite|postgres] [--rows 200000]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { writeRosterWorkbook } from './roster-generator.ts';
import {
  BENCH_PASSWORD,
  freshDatabase,
  machine,
  peakRssMb,
  root,
  signIn,
  startServer,
  stopServer,
  type FreshDatabase,
  type Session,
} from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    rows: { type: 'string', default: '200000' },
    port: { type: 'string', default: '3457' },
  },
});
const rowCount = Number(args.rows);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const UNIT = '压测分院B01';
const work = mkdtempSync(path.join(os.tmpdir(), 'yz-bench-roster-'));

/** A fresh database with the unit and its aid officer; uploads go to the work directory. */
async function prepareDatabase(): Promise<FreshDatabase> {
  const database = await freshDatabase(args.db!, 'bench_roster');
  const handle = database.handle;
  const db = handle.db;
  const { id: unitId } = await db
    .insertInto('units')
    .values({ code: 'B01', name: UNIT, kind: 'branch', city: '南京', address: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('users')
    .values({
      username: 'b01-officer',
      display_name: '压测资助管理员',
      email: null,
      phone: null,
      unit_id: unitId,
      password_hash: await hashPassword(BENCH_PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: id, role: 'unit_officer' }).execute();
  await handle.close();
  return database;
}

function currentRssMb(child: ChildProcess): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function call<T>(s: Session, method: string, url: string, body?: unknown): Promise<{ status: number; json: T; ms: number }> {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const started = performance.now();
  const res = await fetch(base + url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T, ms: performance.now() - started };
}

interface Job {
  id: number;
  status: string;
  rowsTotal: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Upload → preview → start → poll every 500 ms (as the web does every second), with the poll's own latency. */
async function importOnce(s: Session, file: string) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), 'roster.xlsx');
  const t0 = performance.now();
  const uploaded = await call<{ import: Job; preview: { headerRow: number; mapping: Record<string, number> } }>(
    s,
    'POST',
    '/api/roster-imports',
    form,
  );
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(uploaded.json)}`);
  const uploadMs = performance.now() - t0;
  const { import: job, preview } = uploaded.json;
  const t1 = performance.now();
  const started = await call<Job>(s, 'POST', `/api/roster-imports/${job.id}/start`, {
    headerRow: preview.headerRow,
    mapping: preview.mapping,
  });
  if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.json)}`);
  const polls: number[] = [];
  let last: Job = started.json;
  const progress: string[] = [];
  while (last.status === 'running') {
    await new Promise((r) => setTimeout(r, 500));
    const res = await call<Job>(s, 'GET', `/api/roster-imports/${job.id}`);
    polls.push(res.ms);
    last = res.json;
    if (polls.length % 10 === 0) progress.push(`${((performance.now() - t1) / 1000).toFixed(0)}s:${last.rowsRead}`);
  }
  const importMs = performance.now() - t1;
  polls.sort((a, b) => a - b);
  return {
    uploadToPreviewS: +(uploadMs / 1000).toFixed(1),
    importS: +(importMs / 1000).toFixed(1),
    rowsPerSecond: Math.round(last.rowsRead / (importMs / 1000)),
    result: {
      status: last.status,
      failure: (last as unknown as { failure: unknown }).failure,
      rowsTotal: last.rowsTotal,
      rowsRead: last.rowsRead,
      inserted: last.inserted,
      updated: last.updated,
      unchanged: last.unchanged,
      failed: last.failed,
    },
    progressPollMs: { count: polls.length, p50: Math.round(polls[Math.floor(polls.length / 2)] ?? 0), max: Math.round(polls.at(-1) ?? 0) },
    progressSamples: progress,
  };
}

const file = path.join(work, 'roster.xlsx');
const generated = performance.now();
await writeRosterWorkbook(file, { rows: rowCount, unitName: UNIT, seed: 1 });
console.log(
  `generated ${rowCount} rows (${(statSync(file).size / 2 ** 20).toFixed(1)} MB) in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
);

const database = await prepareDatabase();
const server = await startServer({ ...database.env, DATA_DIR: database.env.DATA_DIR ?? work }, port);
try {
  const session = await signIn(port, 'b01-officer');
  // The server before any import (PGlite's own memory, migrations at start): the baseline the import adds to.
  const rssBeforeImport = { currentMb: currentRssMb(server), peakMb: peakRssMb(server) };
  const first = await importOnce(session, file);
  console.log('first import', first);
  const rssAfterFirst = peakRssMb(server);
  const again = await importOnce(session, file);
  console.log('re-import (unchanged)', again);
  const result = {
    date: new Date().toISOString(),
    db: args.db,
    rows: rowCount,
    fileMb: +(statSync(file).size / 2 ** 20).toFixed(1),
    first,
    again,
    serverRssBeforeImport: rssBeforeImport,
    serverPeakRssMbAfterFirst: rssAfterFirst,
    serverPeakRssMb: peakRssMb(server),
    loadAverage: os.loadavg().map((n) => +n.toFixed(2)),
    machine: machine(),
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(path.join(root, 'bench/results', `roster-import-${args.db}.json`), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stopServer(server);
  await database.cleanup();
  rmSync(work, { recursive: true, force: true });
}
