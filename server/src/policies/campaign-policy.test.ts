import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import {
  deadlineOrderReason,
  mayCountDrafts,
  openingProblems,
  trackReadinessProblems,
  whyNotDeleteTrack,
  whyNotTransition,
  whyNotViewProgress,
  type TrackReadiness,
} from './campaign-policy.ts';

const actor = (roles: Role[], unitId: number | null = 10): Actor => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  unitId,
  roles: new Set(roles),
  mustChangePassword: false,
});
const at = (day: number) => new Date(Date.UTC(2025, 4, day));
const ready: TrackReadiness = {
  id: 1,
  name: '类别',
  opensAt: at(1),
  submissionClosesAt: at(20),
  revisionClosesAt: at(30),
  hostUnitId: 3,
  coordinatorUserId: 4,
  coordinatorEligible: true,
};

describe('deadline order: opens < submission closes ≤ revision closes', () => {
  it.each([
    ['in order', { opensAt: at(1), submissionClosesAt: at(2), revisionClosesAt: at(3) }, null],
    ['revision on the submission deadline', { opensAt: at(1), submissionClosesAt: at(2), revisionClosesAt: at(2) }, null],
    ['opens at the submission deadline', { opensAt: at(2), submissionClosesAt: at(2), revisionClosesAt: at(3) }, 'track_deadlines_order'],
    ['revision before submission', { opensAt: at(1), submissionClosesAt: at(3), revisionClosesAt: at(2) }, 'track_deadlines_order'],
    ['only some given, in order', { opensAt: at(1), submissionClosesAt: null, revisionClosesAt: null }, null],
    [
      'revision before opening, submission missing',
      { opensAt: at(5), submissionClosesAt: null, revisionClosesAt: at(4) },
      'track_deadlines_order',
    ],
  ] as const)('%s', (_, deadlines, expected) => {
    expect(deadlineOrderReason(deadlines)).toBe(expected);
  });
});

describe('what a track needs before the campaign opens', () => {
  it.each<[string, Partial<TrackReadiness>, string[]]>([
    ['complete', {}, []],
    ['no deadlines', { opensAt: null }, ['track_deadlines_missing']],
    ['deadlines out of order', { revisionClosesAt: at(10) }, ['track_deadlines_order']],
    ['no host unit', { hostUnitId: null }, ['track_host_missing']],
    ['no coordinator', { coordinatorUserId: null }, ['track_coordinator_missing']],
    ['a coordinator who may not coordinate', { coordinatorEligible: false }, ['coordinator_not_eligible']],
    [
      'nothing set',
      { opensAt: null, hostUnitId: null, coordinatorUserId: null },
      ['track_deadlines_missing', 'track_host_missing', 'track_coordinator_missing'],
    ],
  ])('%s', (_, change, expected) => {
    expect(trackReadinessProblems({ ...ready, ...change })).toEqual(expected);
  });

  it('refuses a campaign without tracks', () => {
    expect(openingProblems([])).toEqual([{ track: null, code: 'campaign_no_tracks' }]);
  });
});

describe('status transitions and track deletion', () => {
  const admin = actor(['institute_admin'], null);
  it.each([
    ['draft', 'open', null],
    ['open', 'review', null],
    ['reviewing', 'close', null],
    ['draft', 'close', 'campaign_status_invalid'],
    ['open', 'open', 'campaign_status_invalid'],
    ['closed', 'open', 'campaign_status_invalid'],
  ] as const)('%s → %s', (status, transition, expected) => {
    expect(whyNotTransition(admin, { status }, transition)).toBe(expected);
    expect(whyNotTransition(actor(['unit_officer']), { status }, transition)).toBe('not_institute_admin');
  });

  it('deletes tracks only from a draft, and only empty ones', () => {
    expect(whyNotDeleteTrack(admin, { status: 'draft' }, { submissionCount: 0 })).toBeNull();
    expect(whyNotDeleteTrack(admin, { status: 'draft' }, { submissionCount: 1 })).toBe('track_has_submissions');
    expect(whyNotDeleteTrack(admin, { status: 'open' }, { submissionCount: 0 })).toBe('campaign_not_draft');
  });
});

describe('who sees progress, and whose drafts', () => {
  it.each<[Role[], number | null, string | null]>([
    [['institute_admin'], null, null],
    [['track_coordinator'], 10, null],
    [['unit_officer'], 10, null],
    [['unit_officer'], null, 'not_progress_viewer'],
    [['unit_leader'], 10, 'not_progress_viewer'],
    [['mentor'], 10, 'not_progress_viewer'],
    [['reviewer'], null, 'not_progress_viewer'],
  ])('%s', (roles, unitId, expected) => {
    expect(whyNotViewProgress(actor(roles, unitId))).toBe(expected);
  });

  it('counts drafts for the institute admin and the unit itself only', () => {
    expect(mayCountDrafts(actor(['institute_admin'], null), 10)).toBe(true);
    expect(mayCountDrafts(actor(['track_coordinator'], 10), 10)).toBe(true);
    expect(mayCountDrafts(actor(['track_coordinator'], 10), 11)).toBe(false);
  });
});
