import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutoAssignPreviewDto } from '../../../../contracts/review-assignment.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { drainOutbox } from '../notifications/outbox-worker.ts';
import { runReviewReminders, reviewReminderWindow } from './review-reminders.ts';
import { assignDirect, seedReview, seedReviewTrack, type ReviewFixture } from './test-fixtures.ts';
import { parseMessage, startSmtp, stopSmtp } from '../../test/smtp.ts';

const DAY = 24 * 3600_000;

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let f: ReviewFixture;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    mail: {
      mode: 'smtp',
      smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      from: '永助平台 <no-reply@example.edu.cn>',
      pollMs: 0,
      maxAttempts: 3,
    },
  });
  f = await seedReviewTrack(t);
});
afterAll(async () => {
  await t.close();
  await stopSmtp(smtp.server);
});

describe('reviewers are told by mail', () => {
  it('sends one mail per reviewer for an automatic batch, with the count and the deadline', async () => {
    const admin = await t.login(f.admin);
    const plan = (await admin.post(`/api/tracks/${f.trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>();
    expect((await admin.post(`/api/tracks/${f.trackId}/assignments/auto-apply`, { planHash: plan.planHash })).statusCode).toBe(200);
    expect(smtp.received).toHaveLength(0); // nothing leaves before the outbox is drained

    await drainOutbox(t.app);
    const byRecipient = new Map(smtp.received.map((m) => [m.to[0], parseMessage(m.raw)]));
    expect(smtp.received).toHaveLength(3);
    for (const r of [f.reviewerA, f.reviewerB, f.external]) {
      const count = plan.assignments.filter((a) => a.reviewerId === r.id).length;
      const mail = byRecipient.get(`${r.username}@example.edu.cn`)!;
      expect(mail.subject).toBe(`【永助】评审任务:研学实践优秀案例 新分配 ${count} 个案例`);
      expect(mail.text).toContain(`新为您分配了 ${count} 个待评审案例`);
      expect(mail.text).toMatch(/评审截止时间:\d{4}-\d{2}-\d{2} \d{2}:\d{2}\(北京时间\)/);
    }
  });
});

describe('reminders before the review deadline', () => {
  it('uses a 3-day and a 1-day window', () => {
    const closes = new Date('2026-12-10T09:00:00Z');
    expect(reviewReminderWindow(closes, new Date(closes.getTime() - 4 * DAY))).toBeNull();
    expect(reviewReminderWindow(closes, new Date(closes.getTime() - 2.5 * DAY))).toBe('3d');
    expect(reviewReminderWindow(closes, new Date(closes.getTime() - 0.5 * DAY))).toBe('1d');
    expect(reviewReminderWindow(closes, new Date(closes.getTime() + 1000))).toBeNull();
  });

  it('reminds each reviewer with open reviews once per window, and not those who submitted everything', async () => {
    const g = await seedReviewTrack(t);
    // Far from the other track's deadline, so only this track is in a window.
    const closes = new Date(Date.now() + 40 * DAY);
    await t.db.updateTable('tracks').set({ review_closes_at: closes }).where('id', '=', g.trackId).execute();
    // reviewerB: two open; external: one submitted, nothing open.
    await assignDirect(t, g, g.cases[0]!.id, g.reviewerB.id);
    await assignDirect(t, g, g.cases[1]!.id, g.reviewerB.id);
    await seedReview(t, await assignDirect(t, g, g.cases[2]!.id, g.external.id));
    smtp.received.length = 0;

    const reminders = () =>
      t.db
        .selectFrom('inbox_messages')
        .select(['user_id', 'title', 'body'])
        .where('template', '=', 'review.reminder')
        .orderBy('id')
        .execute();
    // A week out: nothing yet.
    expect(await runReviewReminders(t.db, new Date(closes.getTime() - 7 * DAY))).toBe(0);
    // Three days out: reviewerB once; a second run in the same window adds nothing.
    expect(await runReviewReminders(t.db, new Date(closes.getTime() - 2.9 * DAY))).toBe(1);
    expect(await runReviewReminders(t.db, new Date(closes.getTime() - 2 * DAY))).toBe(0);
    // One day out: once more.
    expect(await runReviewReminders(t.db, new Date(closes.getTime() - 0.9 * DAY))).toBe(1);
    expect(await runReviewReminders(t.db, new Date(closes.getTime() - 0.5 * DAY))).toBe(0);

    const sent = await reminders();
    expect(sent.map((m) => m.user_id)).toEqual([g.reviewerB.id, g.reviewerB.id]);
    expect(sent[0]!.body).toContain('您还有 2 个案例的评审意见尚未提交');
    const reminded = await t.db.selectFrom('review_assignments').select('reminded_at').where('reviewer_id', '=', g.reviewerB.id).execute();
    expect(reminded.every((r) => r.reminded_at !== null)).toBe(true);

    await drainOutbox(t.app);
    expect(smtp.received.map((m) => m.to[0])).toEqual([`${g.reviewerB.username}@example.edu.cn`, `${g.reviewerB.username}@example.edu.cn`]);
    expect(parseMessage(smtp.received[0]!.raw).subject).toMatch(
      /^【永助】评审截止提醒:研学实践优秀案例 将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止$/,
    );
  });
});
