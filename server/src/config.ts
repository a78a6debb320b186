import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable the server reads, validated once at start.
 * README.md lists the same variables; keep them in step.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '应为 postgres:// 开头的连接串')
    .optional(),
  DEMO_DATA: booleanFlag.optional(),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(20),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  ADMIN_USERNAME: z.string().min(3).optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  ADMIN_DISPLAY_NAME: z.string().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  // notifications: the outbox is sent over SMTP, or only stored (demo) when no SMTP server is given
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, '应为 smtp:// 或 smtps:// 开头,例如 smtp://user:pass@host:587')
    .optional(),
  MAIL_FROM: z.string().min(3).default('永助平台 <no-reply@example.edu.cn>'),
  MAIL_MODE: z.enum(['smtp', 'store']).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(0).optional(),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  // students' sensitive fields: "id:base64key,…" (32-byte keys), the first encrypts; see docs/decisions/008
  PII_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_]{1,16}:[A-Za-z0-9+/=]{43,44})*$/, '格式应为 k2:<32 字节 base64>,k1:<…>')
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  demoData: boolean;
  publicUrl: string | null;
  trustProxy: boolean;
  logLevel: string;
  sessionTtlMs: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  loginRateLimit: { max: number; windowMs: number };
  lockout: { threshold: number; minutes: number };
  bootstrapAdmin: { username: string; password: string; displayName: string; email: string | null } | null;
  webDir: string;
  version: string;
  /** 'store' keeps mails in the outbox for the mail log instead of sending them. pollMs 0 = no background worker. */
  mail: { mode: 'smtp' | 'store'; smtpUrl: string | null; from: string; pollMs: number; maxAttempts: number };
  /** PII_KEYS as given; null = the key file generated in the data directory (embedded default). */
  piiKeys: string | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid environment variables):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('配置错误: ADMIN_USERNAME 与 ADMIN_PASSWORD 须同时设置 (set both or neither)');
  }
  const databaseUrl = e.DATABASE_URL ?? null;
  const mailMode = e.MAIL_MODE ?? (e.SMTP_URL ? 'smtp' : 'store');
  if (mailMode === 'smtp' && !e.SMTP_URL) {
    throw new ConfigError('配置错误: MAIL_MODE=smtp 时须设置 SMTP_URL (set SMTP_URL or use MAIL_MODE=store)');
  }
  if (databaseUrl && e.NODE_ENV === 'production' && !e.PII_KEYS) {
    // Several instances share one PostgreSQL: a key generated on one machine would be unreadable on the others.
    throw new ConfigError("配置错误: 使用 PostgreSQL 的生产环境须设置 PII_KEYS (students' sensitive fields need a shared key)");
  }
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl,
    // Demo data only where nobody could mistake it for production.
    demoData: e.DEMO_DATA ?? (databaseUrl === null && e.NODE_ENV !== 'production'),
    publicUrl: e.PUBLIC_URL ?? null,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    loginRateLimit: { max: e.LOGIN_RATE_LIMIT_MAX, windowMs: e.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000 },
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    bootstrapAdmin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD
        ? {
            username: e.ADMIN_USERNAME,
            password: e.ADMIN_PASSWORD,
            displayName: e.ADMIN_DISPLAY_NAME ?? '学院管理员',
            email: e.ADMIN_EMAIL ?? null,
          }
        : null,
    webDir: path.resolve(import.meta.dirname, '../../dist/web'),
    version: packageVersion(),
    mail: {
      mode: mailMode,
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      // Tests drain the outbox themselves; a timer would race them.
      pollMs: e.OUTBOX_POLL_MS ?? (e.NODE_ENV === 'test' ? 0 : 5000),
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
    },
    piiKeys: e.PII_KEYS ?? null,
  };
  return { ...config, ...overrides };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
