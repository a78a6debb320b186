// Starts the real server for the browser tests on a fresh database with demo
// data: a new PGlite directory, or a new PostgreSQL database when
// TEST_DATABASE_URL is set.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

process.env.DEMO_DATA = 'true';
process.env.LOG_LEVEL ??= 'warn';
// The journeys log in many times from one address.
process.env.LOGIN_RATE_LIMIT_MAX ??= '1000';

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const name = `yz_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  process.env.DATABASE_URL = target.toString();
} else {
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'yz-e2e-'));
}

await import('../../server/src/main.ts');
