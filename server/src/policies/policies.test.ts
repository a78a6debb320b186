import { describe, expect, it } from 'vitest';
import type { Abilities } from '../../../contracts/auth.ts';
import type { Role } from '../../../contracts/roles.ts';
import { abilitiesOf } from './abilities.ts';
import type { Actor } from './actor.ts';
import { whyNotViewAudit } from './audit-policy.ts';
import { whyNotManageCampaigns, whyNotViewCampaigns } from './campaign-policy.ts';
import { whyNotListUnits, whyNotManagePairings, whyNotManageUnits } from './unit-policy.ts';
import {
  userAbilities,
  whyNotCreateUser,
  whyNotDisableUser,
  whyNotEnableUser,
  whyNotListUsers,
  whyNotResetPassword,
  whyNotUpdateUser,
  type UserTarget,
} from './user-policy.ts';

const ME = 1;
function actor(roles: Role[], id = ME): Actor {
  return { id, username: `u${id}`, displayName: `用户${id}`, unitId: 10, roles: new Set(roles), mustChangePassword: false };
}
function target(fields: Partial<UserTarget> = {}): UserTarget {
  return { id: 2, unitId: 10, disabled: false, roles: ['mentor'], ...fields };
}

/** Role combinations as people hold them: each role alone, and typical pairs. */
const combinations: { roles: Role[]; admin: boolean }[] = [
  { roles: ['institute_admin'], admin: true },
  { roles: ['track_coordinator'], admin: false },
  { roles: ['reviewer'], admin: false },
  { roles: ['unit_officer'], admin: false },
  { roles: ['unit_leader'], admin: false },
  { roles: ['mentor'], admin: false },
  { roles: ['track_coordinator', 'reviewer'], admin: false },
  { roles: ['unit_officer', 'unit_leader', 'mentor'], admin: false },
  { roles: ['reviewer', 'institute_admin'], admin: true },
  { roles: ['mentor', 'institute_admin', 'track_coordinator'], admin: true },
];
const label = ({ roles }: { roles: Role[] }) => roles.join('+');

describe('abilitiesOf: the menu of each role combination', () => {
  it.each(combinations.map((c) => [label(c), c] as const))('%s', (_, { roles, admin }) => {
    const expected: Abilities = {
      manageUsers: admin,
      manageUnits: admin,
      viewAudit: admin,
      manageCampaigns: admin,
      viewCampaigns: true,
      viewMailLog: admin,
      formCheck: admin || roles.includes('track_coordinator'),
      draftSubmissions: roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
      manageRecommendations: roles.includes('unit_officer'),
      signOffSubmissions: roles.includes('unit_leader'),
      viewStudents: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
      manageRoster: roles.includes('unit_officer'),
      viewCoverage: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader'),
      viewRegistries: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
      homeVisits: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
      identifications: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
      viewNotices: true,
      manageIdentificationLevels: admin,
      statistics: admin || roles.some((r) => r === 'unit_officer' || r === 'unit_leader'),
      manageReviews: admin || roles.includes('track_coordinator'),
      reviewCases: roles.includes('reviewer'),
      viewRankings: admin || roles.includes('track_coordinator'),
      decideReviews: admin,
      viewReviewResults: roles.some((r) => r === 'unit_officer' || r === 'unit_leader' || r === 'mentor'),
    };
    expect(abilitiesOf(actor(roles))).toEqual(expected);
  });

  it('gives a user with no role nothing at all', () => {
    expect(abilitiesOf(actor([]))).toEqual({
      manageUsers: false,
      manageUnits: false,
      viewAudit: false,
      manageCampaigns: false,
      viewCampaigns: false,
      viewMailLog: false,
      formCheck: false,
      draftSubmissions: false,
      manageRecommendations: false,
      signOffSubmissions: false,
      viewStudents: false,
      manageRoster: false,
      viewCoverage: false,
      viewRegistries: false,
      homeVisits: false,
      identifications: false,
      viewNotices: false,
      manageIdentificationLevels: false,
      statistics: false,
      manageReviews: false,
      reviewCases: false,
      viewRankings: false,
      decideReviews: false,
      viewReviewResults: false,
    });
    expect(whyNotViewCampaigns(actor([]))).toBe('forbidden');
  });
});

describe('admin-only rules give the same reason to everyone else', () => {
  const adminOnly = {
    whyNotListUsers,
    whyNotCreateUser,
    whyNotManageUnits,
    whyNotManagePairings,
    whyNotViewAudit,
    whyNotManageCampaigns,
    whyNotResetPassword: (a: Actor) => whyNotResetPassword(a, target()),
    whyNotUpdateUser: (a: Actor) => whyNotUpdateUser(a, target()),
    whyNotDisableUser: (a: Actor) => whyNotDisableUser(a, target()),
    whyNotEnableUser: (a: Actor) => whyNotEnableUser(a, target({ disabled: true })),
  };
  const cases = Object.entries(adminOnly).flatMap(([name, rule]) => combinations.map((c) => [name, label(c), c, rule] as const));

  it.each(cases)('%s for %s', (_name, _label, { roles, admin }, rule) => {
    expect(rule(actor(roles))).toBe(admin ? null : 'not_institute_admin');
  });
});

describe('rules every signed-in user passes', () => {
  it.each(combinations.map((c) => [label(c), c.roles] as const))('%s may list units and view campaigns', (_, roles) => {
    expect(whyNotListUnits(actor(roles))).toBeNull();
    expect(whyNotViewCampaigns(actor(roles))).toBeNull();
  });
});

describe('user rules that look at the target', () => {
  const admin = actor(['institute_admin', 'reviewer']);

  it.each<[string, UserTarget, { roles?: Role[] } | undefined, string | null]>([
    ['another user, any roles', target(), { roles: ['reviewer'] }, null],
    ['another admin, removing their admin role', target({ roles: ['institute_admin'] }), { roles: ['reviewer'] }, null],
    ['oneself, without touching roles', target({ id: ME }), {}, null],
    ['oneself, no change given', target({ id: ME }), undefined, null],
    ['oneself, keeping the admin role', target({ id: ME }), { roles: ['institute_admin', 'mentor'] }, null],
    ['oneself, dropping the admin role', target({ id: ME }), { roles: ['reviewer'] }, 'cannot_remove_own_admin'],
    ['oneself, no roles left', target({ id: ME }), { roles: [] }, 'cannot_remove_own_admin'],
  ])('whyNotUpdateUser: %s', (_, who, change, expected) => {
    expect(whyNotUpdateUser(admin, who, change)).toBe(expected);
  });

  it.each<[string, UserTarget, string | null]>([
    ['an active user', target(), null],
    ['an active admin', target({ roles: ['institute_admin'] }), null],
    ['oneself', target({ id: ME }), 'cannot_disable_self'],
    ['a disabled user', target({ disabled: true }), 'already_disabled'],
  ])('whyNotDisableUser: %s', (_, who, expected) => {
    expect(whyNotDisableUser(admin, who)).toBe(expected);
  });

  it.each<[string, UserTarget, string | null]>([
    ['a disabled user', target({ disabled: true }), null],
    ['an active user', target(), 'already_enabled'],
  ])('whyNotEnableUser: %s', (_, who, expected) => {
    expect(whyNotEnableUser(admin, who)).toBe(expected);
  });

  it('whyNotResetPassword: any user, oneself included, disabled or not', () => {
    for (const who of [target(), target({ id: ME }), target({ disabled: true })]) expect(whyNotResetPassword(admin, who)).toBeNull();
  });
});

describe('userAbilities: the buttons on a user row', () => {
  it.each<[string, Role[], UserTarget, ReturnType<typeof userAbilities>]>([
    ['admin on an active user', ['institute_admin'], target(), { update: true, disable: true, enable: false, resetPassword: true }],
    [
      'admin on a disabled user',
      ['institute_admin'],
      target({ disabled: true }),
      { update: true, disable: false, enable: true, resetPassword: true },
    ],
    [
      'admin on oneself',
      ['institute_admin', 'mentor'],
      target({ id: ME, roles: ['institute_admin'] }),
      { update: true, disable: false, enable: false, resetPassword: true },
    ],
    ['unit officer on a colleague', ['unit_officer'], target(), { update: false, disable: false, enable: false, resetPassword: false }],
    [
      'coordinator+reviewer on a disabled user',
      ['track_coordinator', 'reviewer'],
      target({ disabled: true }),
      { update: false, disable: false, enable: false, resetPassword: false },
    ],
    ['mentor on oneself', ['mentor'], target({ id: ME }), { update: false, disable: false, enable: false, resetPassword: false }],
  ])('%s', (_, roles, who, expected) => {
    expect(userAbilities(actor(roles), who)).toEqual(expected);
  });
});
