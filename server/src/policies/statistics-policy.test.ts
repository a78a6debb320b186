import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import {
  whyNotEditFiling,
  whyNotReopenFiling,
  whyNotSignOffFiling,
  whyNotSubmitFiling,
  whyNotUseStatistics,
  whyNotViewFiling,
  type FilingTarget,
} from './statistics-policy.ts';

const UNIT = 10;
const now = new Date('2024-09-10T00:00:00Z');
const actor = (roles: Role[], unitId: number | null = UNIT): Actor => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  unitId,
  roles: new Set(roles),
  mustChangePassword: false,
});
const filing = (fields: Partial<FilingTarget> = {}): FilingTarget => ({
  unitId: UNIT,
  version: 3,
  signedOffVersion: 3,
  submittedAt: null,
  reopenedAt: null,
  deadlineAt: new Date('2024-09-20T15:59:00Z'),
  hasReport: true,
  missingEntries: 0,
  ...fields,
});

describe('statistics policy', () => {
  it.each([
    [['institute_admin'], null],
    [['unit_officer'], null],
    [['unit_leader'], null],
    [['mentor'], 'statistics_forbidden'],
    [['reviewer'], 'statistics_forbidden'],
    [['track_coordinator'], 'statistics_forbidden'],
  ] as [Role[], string | null][])('%s may use the statistics pages: %s', (roles, reason) => {
    expect(whyNotUseStatistics(actor(roles))).toBe(reason);
  });

  it('a unit sees only its own filing; the institute every one', () => {
    expect(whyNotViewFiling(actor(['unit_officer']), UNIT)).toBeNull();
    expect(whyNotViewFiling(actor(['unit_officer']), 11)).toBe('not_own_unit');
    expect(whyNotViewFiling(actor(['institute_admin'], null), 11)).toBeNull();
  });

  it.each([
    ['the officer, before the deadline', actor(['unit_officer']), filing(), null],
    ['the leader', actor(['unit_leader']), filing(), 'statistics_not_officer'],
    ['another unit', actor(['unit_officer'], 11), filing(), 'not_own_unit'],
    ['after submission', actor(['unit_officer']), filing({ submittedAt: now }), 'statistics_filing_locked'],
    ['after the deadline', actor(['unit_officer']), filing({ deadlineAt: new Date('2024-09-01T00:00:00Z') }), 'statistics_deadline_passed'],
    [
      'after the deadline, reopened',
      actor(['unit_officer']),
      filing({ deadlineAt: new Date('2024-09-01T00:00:00Z'), reopenedAt: now }),
      null,
    ],
  ] as const)('edit: %s', (_, a, f, reason) => {
    expect(whyNotEditFiling(a, f, now)).toBe(reason);
  });

  it.each([
    ['complete and signed', filing(), null],
    ['no report', filing({ hasReport: false }), 'statistics_report_missing'],
    ['entries missing', filing({ missingEntries: 2 }), 'statistics_entries_missing'],
    ['signed an older version', filing({ signedOffVersion: 2 }), 'statistics_not_signed_off'],
    ['never signed', filing({ signedOffVersion: null }), 'statistics_not_signed_off'],
  ] as const)('submit: %s', (_, f, reason) => {
    expect(whyNotSubmitFiling(actor(['unit_officer']), f, now)).toBe(reason);
  });

  it('the leader signs each version once, before submission', () => {
    expect(whyNotSignOffFiling(actor(['unit_leader']), filing({ signedOffVersion: 2 }), now)).toBeNull();
    expect(whyNotSignOffFiling(actor(['unit_leader']), filing(), now)).toBe('statistics_already_signed');
    expect(whyNotSignOffFiling(actor(['unit_officer']), filing({ signedOffVersion: 2 }), now)).toBe('statistics_not_leader');
    expect(whyNotSignOffFiling(actor(['unit_leader']), filing({ signedOffVersion: 2, submittedAt: now }), now)).toBe(
      'statistics_filing_locked',
    );
  });

  it('only the institute reopens, and only a submitted filing', () => {
    expect(whyNotReopenFiling(actor(['institute_admin'], null), { submittedAt: now })).toBeNull();
    expect(whyNotReopenFiling(actor(['institute_admin'], null), { submittedAt: null })).toBe('statistics_not_submitted');
    expect(whyNotReopenFiling(actor(['unit_officer']), { submittedAt: now })).toBe('not_institute_admin');
  });
});
