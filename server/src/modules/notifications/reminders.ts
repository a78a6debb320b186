import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { notify } from './notifications.service.ts';

const DAY_MS = 24 * 3600_000;

export type ReminderWindow = '7d' | '1d';

/**
 * Which reminder a deadline is due for. Windows rather than exact times, so a
 * run missed by the hourly loop (server down) catches up at the next one:
 * closing within a day → '1d'; within a week → '7d'.
 */
export function reminderWindow(closesAt: Date, now: Date): ReminderWindow | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 0 || left > 7 * DAY_MS) return null;
  return left <= DAY_MS ? '1d' : '7d';
}

export interface ReminderRunResult {
  /** (track, unit) pairs whose officers were notified this run. */
  notifiedUnits: number;
}

/**
 * Queues deadline reminders for every open track closing within a week, to the
 * unit aid officers of each unit that still has free quota or unsubmitted
 * drafts in that track. Each unit gets each reminder (7 days, 1 day) once: the
 * dedupe key names the track, the window and the unit.
 */
export async function runReminders(db: Db, now: Date = new Date()): Promise<ReminderRunResult> {
  return db.transaction().execute(async (trx) => {
    // Two app instances on one PostgreSQL: one runs the reminders at a time.
    await sql`select pg_advisory_xact_lock(hashtext('yongzhu.deadline-reminders'))`.execute(trx);

    const tracks = await trx
      .selectFrom('tracks as t')
      .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
      .select(['t.id', 't.name', 't.default_quota', 't.submission_closes_at', 'c.title as campaign_title'])
      .where('c.status', '=', 'open')
      .where('t.submission_closes_at', '>', now)
      .where('t.submission_closes_at', '<=', new Date(now.getTime() + 7 * DAY_MS))
      .where((eb) => eb.or([eb('t.opens_at', 'is', null), eb('t.opens_at', '<=', now)]))
      .orderBy('t.id')
      .execute();
    if (tracks.length === 0) return { notifiedUnits: 0 };

    const officers = await unitOfficers(trx);
    let notifiedUnits = 0;
    for (const track of tracks) {
      const window = reminderWindow(track.submission_closes_at!, now);
      if (!window) continue;
      const usage = await unitUsage(trx, track.id);
      for (const [unitId, people] of officers) {
        const u = usage.get(unitId);
        const quota = u?.quota ?? track.default_quota;
        const used = u?.used ?? 0;
        const drafts = u?.drafts ?? 0;
        const free = Math.max(quota - used, 0);
        if (free === 0 && drafts === 0) continue;
        await notify(trx, {
          template: 'deadline.reminder',
          userIds: people.ids,
          data: {
            campaignTitle: track.campaign_title,
            trackName: track.name,
            unitName: people.unitName,
            deadline: track.submission_closes_at!.toISOString(),
            daysLeft: window === '1d' ? 1 : 7,
            quota,
            used,
            freeQuota: free,
            drafts,
          },
          link: '/submissions',
          dedupeKey: `reminder:${track.id}:${window}:${unitId}`,
        });
        notifiedUnits += 1;
      }
    }
    return { notifiedUnits };
  });
}

/** Active unit aid officers, grouped by their unit. */
async function unitOfficers(db: DbOrTrx) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.unit_id', 'n.name as unit_name'])
    .where('r.role', '=', 'unit_officer')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.unit_id')
    .orderBy('u.id')
    .execute();
  const byUnit = new Map<number, { unitName: string; ids: number[] }>();
  for (const row of rows) {
    const entry = byUnit.get(row.unit_id!) ?? { unitName: row.unit_name, ids: [] };
    entry.ids.push(row.id);
    byUnit.set(row.unit_id!, entry);
  }
  return byUnit;
}

/** Per unit in one track: quota override, places used (submitted, not withdrawn) and open drafts. */
async function unitUsage(db: DbOrTrx, trackId: number) {
  const [overrides, counts] = await Promise.all([
    db.selectFrom('track_quota_overrides').select(['unit_id', 'quota']).where('track_id', '=', trackId).execute(),
    db
      .selectFrom('submissions')
      .select([
        'unit_id',
        sql<string>`count(*) filter (where submitted_at is not null and withdrawn_at is null)`.as('used'),
        sql<string>`count(*) filter (where submitted_at is null)`.as('drafts'),
      ])
      .where('track_id', '=', trackId)
      .where('deleted_at', 'is', null)
      .groupBy('unit_id')
      .execute(),
  ]);
  const usage = new Map<number, { quota?: number; used: number; drafts: number }>();
  for (const o of overrides) usage.set(o.unit_id, { quota: o.quota, used: 0, drafts: 0 });
  for (const c of counts) {
    const entry = usage.get(c.unit_id) ?? { used: 0, drafts: 0 };
    entry.used = Number(c.used);
    entry.drafts = Number(c.drafts);
    usage.set(c.unit_id, entry);
  }
  return usage;
}
