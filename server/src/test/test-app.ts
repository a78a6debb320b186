import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../contracts/roles.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { insertUnit } from '../modules/units/units.repository.ts';
import { insertUser } from '../modules/users/users.repository.ts';
import { openTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'Passw0rd-test';
let passwordHash: Promise<string> | null = null;

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  close(): Promise<void>;
  /** Factories write straight to the database: quick set-up for what a test is not about. */
  unit(fields?: Partial<{ code: string; name: string; kind: 'institute' | 'branch' | 'site'; city: string }>): Promise<number>;
  user(fields: {
    roles: Role[];
    unitId?: number | null;
    username?: string;
    mustChangePassword?: boolean;
    email?: string;
  }): Promise<{ id: number; username: string }>;
  /** Signs in through the real login route and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with no session. */
  anonymous(): Client;
}

export interface Client {
  csrfToken: string | null;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

let counter = 0;

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  // Tests log in far more often than people: the login rate limit has its own test.
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    demoData: false,
    loginRateLimit: { max: 10_000, windowMs: 60_000 },
    // Uploaded files of a test run go to a throwaway directory, never ./data.
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'yz-test-data-')),
    ...overrides,
  };
  const app = await buildApp(config, handle);
  await app.ready();

  function client(cookie: string | null, csrfToken: string | null): Client {
    const request: Client['request'] = (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      });
    return {
      csrfToken,
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      delete: (url) => request('DELETE', url),
    };
  }

  return {
    app,
    db: handle.db,
    config,
    async close() {
      await app.close();
      await handle.close();
      if (config.dataDir.startsWith(os.tmpdir())) await rm(config.dataDir, { recursive: true, force: true });
    },
    async unit(fields = {}) {
      counter += 1;
      return insertUnit(handle.db, {
        code: fields.code ?? `U${counter}`,
        name: fields.name ?? `测试分院${counter}`,
        kind: fields.kind ?? 'branch',
        city: fields.city ?? '南京',
        address: null,
      });
    },
    async user(fields) {
      counter += 1;
      const username = fields.username ?? `user${counter}`;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const id = await insertUser(
        handle.db,
        {
          username,
          display_name: `测试用户${counter}`,
          email: fields.email ?? `${username}@example.edu.cn`,
          phone: null,
          unit_id: fields.unitId ?? null,
          password_hash: await passwordHash,
          must_change_password: fields.mustChangePassword ?? false,
        },
        fields.roles,
      );
      return { id, username };
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'yz_session');
      return client(`yz_session=${cookie?.value}`, res.json().csrfToken);
    },
    anonymous: () => client(null, null),
  };
}
