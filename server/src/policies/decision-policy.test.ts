import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import {
  whyNotDecide,
  whyNotDecideCase,
  whyNotDownloadPackage,
  whyNotObject,
  whyNotReadPublicNotice,
  whyNotRelease,
  whyNotRespondObjection,
  whyNotTakeDown,
  whyNotViewUnitResults,
  whyNotWithdrawRelease,
} from './decision-policy.ts';

const actor = (roles: Role[], unitId: number | null = 10): Actor => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  unitId,
  roles: new Set(roles),
  mustChangePassword: false,
});
const admin = actor(['institute_admin'], null);

describe('decision policy', () => {
  it.each([
    [['institute_admin'], null],
    [['track_coordinator'], 'not_institute_admin'],
    [['reviewer'], 'not_institute_admin'],
    [['unit_officer'], 'not_institute_admin'],
  ] as [Role[], string | null][])('%s may decide: %s', (roles, reason) => {
    expect(whyNotDecide(actor(roles))).toBe(reason);
  });

  it('decides accepted cases only, and never a released one', () => {
    expect(whyNotDecideCase(admin, { accepted: true, released: false })).toBeNull();
    expect(whyNotDecideCase(admin, { accepted: false, released: false })).toBe('decision_case_not_accepted');
    expect(whyNotDecideCase(admin, { accepted: true, released: true })).toBe('decision_released');
    expect(whyNotDecideCase(actor(['track_coordinator']), { accepted: true, released: false })).toBe('not_institute_admin');
  });

  it('releases only what is staged; withdraws only what is released; the package needs released 推荐省级 cases', () => {
    expect(whyNotRelease(admin, { staged: 2 })).toBeNull();
    expect(whyNotRelease(admin, { staged: 0 })).toBe('decision_nothing_staged');
    expect(whyNotWithdrawRelease(admin, { released: 0 })).toBe('decision_not_released');
    expect(whyNotWithdrawRelease(admin, { released: 1 })).toBeNull();
    expect(whyNotDownloadPackage(admin, { releasedProvincial: 0 })).toBe('package_nothing');
    expect(whyNotDownloadPackage(actor(['unit_officer']), { releasedProvincial: 3 })).toBe('not_institute_admin');
  });

  it.each([
    [['unit_officer'], 10, null],
    [['unit_leader'], 10, null],
    [['mentor'], 10, null],
    [['reviewer'], 10, 'review_results_unit_only'],
    [['track_coordinator'], 10, 'review_results_unit_only'],
    [['institute_admin'], null, 'review_results_unit_only'],
  ] as [Role[], number | null, string | null][])('%s reads their unit’s results: %s', (roles, unitId, reason) => {
    expect(whyNotViewUnitResults(actor(roles, unitId))).toBe(reason);
  });

  it('the public notice answers from its first to its last day (inclusive), not before, not after, not once taken down', () => {
    const n = { startsOn: '2024-10-08', endsOn: '2024-10-14', takenDown: false };
    expect(whyNotReadPublicNotice(n, '2024-10-07')).toBe('campaign_notice_not_found');
    expect(whyNotReadPublicNotice(n, '2024-10-08')).toBeNull();
    expect(whyNotReadPublicNotice(n, '2024-10-14')).toBeNull();
    expect(whyNotReadPublicNotice(n, '2024-10-15')).toBe('campaign_notice_ended');
    expect(whyNotObject({ ...n, takenDown: true }, '2024-10-10')).toBe('campaign_notice_ended');
    expect(whyNotTakeDown(admin, n, '2024-10-10')).toBeNull();
    expect(whyNotTakeDown(admin, { ...n, takenDown: true }, '2024-10-10')).toBe('campaign_notice_taken_down');
    expect(whyNotTakeDown(admin, n, '2024-10-15')).toBe('campaign_notice_ended');
  });

  it('an objection is answered once', () => {
    expect(whyNotRespondObjection(admin, { answered: false })).toBeNull();
    expect(whyNotRespondObjection(admin, { answered: true })).toBe('objection_answered');
  });
});
