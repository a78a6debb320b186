import { formatShanghaiMinute } from '../lib/shanghai-time.ts';

/** Demo dates are relative to today, so the demo campaign is live whenever it is tried. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 3600_000);

/** The same as a Beijing calendar day ('YYYY-MM-DD'), for DATE columns. */
export const dayFromNow = (days: number) => formatShanghaiMinute(daysFromNow(days)).slice(0, 10);
