import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { reminderWindow } from '../notifications/reminders.ts';
import { remindUnits } from './statistics.commands.ts';
import * as repo from './statistics.repository.ts';

const DAY_MS = 24 * 3600_000;

/**
 * Run by the outbox worker next to the track deadline reminders (same hourly
 * loop, same windows): 7 days and 1 day before a campaign's filing deadline,
 * the officers of every unit that has not submitted get one reminder each.
 */
export async function runStatisticsReminders(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('yongzhu.statistics-reminders'))`.execute(trx);
    const layouts = await trx
      .selectFrom('statistics_layouts as l')
      .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
      .select(['c.id', 'c.year', 'c.title', 'c.summary_due_on'])
      .where('c.status', '<>', 'closed')
      .where('l.deadline_at', '>', now)
      .where('l.deadline_at', '<=', new Date(now.getTime() + 7 * DAY_MS))
      .execute();
    let units = 0;
    for (const campaign of layouts) {
      const layout = (await repo.findLayout(trx, campaign.id))!;
      const window = reminderWindow(layout.deadline_at, now);
      if (!window) continue;
      units += (
        await remindUnits(trx, { campaign, layout, schoolYear: repo.schoolYearOfCampaign(campaign.year, layout) }, undefined, window)
      ).units;
    }
    return units;
  });
}
