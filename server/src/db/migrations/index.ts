import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-27T0900-foundation.ts';
import * as campaignSubmissions from './2026-11-27T1200-campaign-submissions.ts';
import * as piiScan from './2026-11-27T1900-submission-pii-scan.ts';
import * as studentsPrivacy from './2026-11-27T1910-students-privacy.ts';
import * as rosterImport from './2026-11-27T1920-roster-import.ts';
import * as visitsIdentification from './2026-11-27T1930-visits-identification.ts';
import * as archiveRegistries from './2026-11-27T1940-archive-registries.ts';
import * as keyTargetsCoverage from './2026-11-27T1950-key-targets-coverage.ts';
import * as statisticsFilings from './2026-11-27T2000-statistics-filings.ts';
import * as reviewDecision from './2026-11-28T0900-review-decision.ts';
import * as coverageSpeed from './2026-11-28T0910-coverage-speed.ts';
import * as statisticsSchoolYear from './2026-11-28T0920-statistics-school-year.ts';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the
 * same set runs under tsx, in tests and in any bundle.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0900-foundation': foundation,
  '2026-11-27T1200-campaign-submissions': campaignSubmissions,
  '2026-11-27T1900-submission-pii-scan': piiScan,
  '2026-11-27T1910-students-privacy': studentsPrivacy,
  '2026-11-27T1920-roster-import': rosterImport,
  '2026-11-27T1930-visits-identification': visitsIdentification,
  '2026-11-27T1940-archive-registries': archiveRegistries,
  '2026-11-27T1950-key-targets-coverage': keyTargetsCoverage,
  '2026-11-27T2000-statistics-filings': statisticsFilings,
  '2026-11-28T0900-review-decision': reviewDecision,
  '2026-11-28T0910-coverage-speed': coverageSpeed,
  '2026-11-28T0920-statistics-school-year': statisticsSchoolYear,
};
