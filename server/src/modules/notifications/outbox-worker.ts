import type { FastifyBaseLogger } from 'fastify';
import { createTransport } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { claimDueMails, markFailedAttempt, markSent, storeDueMails, type OutboxRow } from './notifications.repository.ts';
import { runReminders } from './reminders.ts';
import { runStatisticsReminders } from '../statistics/statistics.reminders.ts';
import { runReviewReminders } from '../review-pool/review-reminders.ts';

/** Waits after the 1st, 2nd, 3rd … failed attempt; the last value repeats. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 6 * 3600_000, 12 * 3600_000];
const BATCH_SIZE = 20;
const REMINDER_INTERVAL_MS = 3600_000;

export interface OutboxDeps {
  db: Db;
  config: Pick<Config, 'mail'>;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

export interface DrainResult {
  sent: number;
  stored: number;
  retried: number;
  failed: number;
}

export function retryDelayMs(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
}

/**
 * Sends (or, in store mode, files) every mail that is due, batch after batch,
 * until none is left. Claiming a batch pushes its rows' next_attempt_at forward
 * in the same statement, so another instance skips them and a crash mid-send
 * only delays them. Sending happens outside any transaction.
 */
export async function drainOutbox(deps: OutboxDeps): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, stored: 0, retried: 0, failed: 0 };
  const { mail } = deps.config;
  if (mail.mode === 'store' || !mail.smtpUrl) {
    for (;;) {
      const stored = await storeDueMails(deps.db, BATCH_SIZE);
      result.stored += stored;
      if (stored < BATCH_SIZE) return result;
    }
  }

  const transport = createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    for (;;) {
      const batch = await claimDueMails(deps.db, BATCH_SIZE);
      for (const row of batch) await sendOne(deps, transport, row, result);
      if (batch.length < BATCH_SIZE) return result;
    }
  } finally {
    transport.close();
  }
}

async function sendOne(deps: OutboxDeps, transport: ReturnType<typeof createTransport>, row: OutboxRow, result: DrainResult) {
  try {
    await transport.sendMail({ from: deps.config.mail.from, to: row.to_address, subject: row.subject, text: row.body_text });
    await markSent(deps.db, row.id);
    result.sent += 1;
  } catch (error) {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= deps.config.mail.maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    await markFailedAttempt(deps.db, row.id, { error: message, giveUp, retryInMs: retryDelayMs(attempts) });
    if (giveUp) result.failed += 1;
    else result.retried += 1;
    deps.log?.warn({ mailId: row.id, attempts, giveUp, err: message }, 'outbox: sending failed');
  }
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/**
 * The background loop: every pollMs it drains the outbox, and once an hour it
 * queues deadline reminders. Ticks never overlap; stop() waits for the running one.
 */
export function startOutboxWorker(deps: OutboxDeps & { pollMs: number }): OutboxWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastReminderRun = 0;

  async function tick() {
    try {
      if (Date.now() - lastReminderRun >= REMINDER_INTERVAL_MS) {
        lastReminderRun = Date.now();
        await runReminders(deps.db);
        await runStatisticsReminders(deps.db);
        await runReviewReminders(deps.db);
      }
      await drainOutbox(deps);
    } catch (error) {
      deps.log?.error({ err: error }, 'outbox: worker tick failed');
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, deps.pollMs);
    // The loop alone never keeps the process alive.
    timer.unref();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
