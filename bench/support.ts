/**
 * What every benchmark needs: a fresh database (PGlite directory or a new
 * PostgreSQL database), the real server as a separate process on loopback,
 * a signed-in session, and percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const BENCH_PASSWORD = 'Bench-passw0rd';

export interface FreshDatabase {
  handle: DatabaseHandle;
  /** Environment for the server process to open the same database. */
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** A migrated, empty database. postgres needs BENCH_DATABASE_URL (a fresh database is created beside it). */
export async function freshDatabase(kind: string, prefix: string): Promise<FreshDatabase> {
  let result: FreshDatabase;
  if (kind === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) throw new Error('BENCH_DATABASE_URL is required for --db postgres');
    const name = `yz_${prefix}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    result = {
      handle: openPostgres(target.toString()),
      env: { DATABASE_URL: target.toString() },
      cleanup: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `yz-${prefix}-`));
    result = {
      handle: await openPglite({ dataDir: path.join(dataDir, 'pgdata') }),
      env: { DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  await migrateToLatest(result.handle.db);
  return result;
}

/** The real server on loopback, production mode, no demo data; resolves once /api/health answers. */
export async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        NODE_ENV: 'production',
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT_MAX: '100000',
        MAIL_MODE: 'store',
        PII_KEYS: process.env.PII_KEYS ?? `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      /* not yet */
    }
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(port: number, username: string, password = BENCH_PASSWORD): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0]!, csrf: body.csrfToken };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50 / p95 / p99 / max of a list of milliseconds, rounded. */
export function summarise(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: Math.round(percentile(sorted, 50)),
    p95: Math.round(percentile(sorted, 95)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted.at(-1) ?? 0),
  };
}

/** The highest resident memory the process reached, from /proc (Linux). */
export function peakRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export const machine = () => `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
