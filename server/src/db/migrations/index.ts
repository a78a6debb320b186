import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-27T0900-foundation.ts';
import * as campaignSubmissions from './2026-11-27T1200-campaign-submissions.ts';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the
 * same set runs under tsx, in tests and in any bundle.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0900-foundation': foundation,
  '2026-11-27T1200-campaign-submissions': campaignSubmissions,
};
