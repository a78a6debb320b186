import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './review-pool.repository.ts';

const DAY_MS = 24 * 3600_000;

export type ReviewReminderWindow = '3d' | '1d';

/** Windows, not exact times, so a run missed by the hourly loop catches up at the next one. */
export function reviewReminderWindow(closesAt: Date, now: Date): ReviewReminderWindow | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 0 || left > 3 * DAY_MS) return null;
  return left <= DAY_MS ? '1d' : '3d';
}

/**
 * Run by the outbox worker beside the other reminders: 3 days and 1 day before a
 * track's review deadline, each reviewer with unsubmitted reviews there gets one
 * message listing how many are open. Idempotent through reminded_at on the
 * assignments: the 3-day reminder goes to assignments never reminded, the 1-day one
 * to those not reminded since the last day began.
 */
export async function runReviewReminders(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('yongzhu.review-reminders'))`.execute(trx);
    const tracks = await repo.tracksClosingReview(trx, now, new Date(now.getTime() + 3 * DAY_MS));
    let reminded = 0;
    for (const track of tracks) {
      const closesAt = track.review_closes_at!;
      const window = reviewReminderWindow(closesAt, now);
      if (!window) continue;
      const lastDay = new Date(closesAt.getTime() - DAY_MS);
      const due = (remindedAt: Date | null) => remindedAt === null || (window === '1d' && remindedAt < lastDay);
      const open = await repo.openAssignments(trx, track.id);
      const byReviewer = new Map<number, typeof open>();
      for (const a of open) byReviewer.set(a.reviewer_id, [...(byReviewer.get(a.reviewer_id) ?? []), a]);
      for (const [reviewerId, assignments] of byReviewer) {
        if (!assignments.some((a) => due(a.reminded_at))) continue;
        await notify(trx, {
          template: 'review.reminder',
          userIds: [reviewerId],
          data: {
            trackName: track.name,
            campaignTitle: track.campaign_title,
            deadline: closesAt.toISOString(),
            open: assignments.length,
          },
          link: '/reviews',
          dedupeKey: `review-reminder:${track.id}:${window}:${closesAt.getTime()}`,
        });
        await repo.markReminded(
          trx,
          assignments.map((a) => a.id),
          now,
        );
        reminded += 1;
      }
    }
    return reminded;
  });
}
