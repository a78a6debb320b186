import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import {
  defaultReviewerKind,
  whyNotAssignCase,
  whyNotChangeRubric,
  whyNotDeclareConflict,
  whyNotJoinPool,
  whyNotLeavePool,
  whyNotManageReviews,
  whyNotReviewCase,
  whyNotUnassign,
  whyNotViewReviewAdmin,
  type ReviewTrackTarget,
} from './review-assignment-policy.ts';

const actor = (id: number, roles: Role[], unitId: number | null = 1): Actor => ({
  id,
  username: `u${id}`,
  displayName: `用户${id}`,
  unitId,
  roles: new Set(roles),
  mustChangePassword: false,
});

const admin = actor(1, ['institute_admin'], null);
const coordinator = actor(2, ['track_coordinator'], 5);
const otherCoordinator = actor(3, ['track_coordinator'], 6);
const reviewer = actor(4, ['reviewer'], 7);
const officer = actor(5, ['unit_officer'], 7);
const open: ReviewTrackTarget = { coordinatorUserId: 2, campaignStatus: 'open' };
const closed: ReviewTrackTarget = { coordinatorUserId: 2, campaignStatus: 'closed' };

describe('review assignment policy', () => {
  it.each([
    ['admin', admin, null],
    ['the track’s coordinator', coordinator, null],
    ['another track’s coordinator', otherCoordinator, 'not_review_manager'],
    ['a reviewer', reviewer, 'not_review_manager'],
    ['a unit officer', officer, 'not_review_manager'],
  ] as const)('the board of a track: %s → %s', (_, who, expected) => {
    expect(whyNotViewReviewAdmin(who, open)).toBe(expected);
  });

  it('shows the menu entry to admins and coordinators only', () => {
    expect([admin, coordinator, otherCoordinator, reviewer, officer].map(whyNotManageReviews)).toEqual([
      null,
      null,
      null,
      'not_review_manager',
      'not_review_manager',
    ]);
  });

  it.each([
    ['admin, even with an own-unit case', admin, 'own_unit', null],
    ['coordinator, no conflict', coordinator, null, null],
    ['coordinator, own unit', coordinator, 'own_unit', 'review_coordinator_conflict'],
    ['coordinator, declared', coordinator, 'declared', 'review_coordinator_conflict'],
    ['another coordinator', otherCoordinator, null, 'not_review_manager'],
    ['a reviewer', reviewer, null, 'not_review_manager'],
  ] as const)('assigning on a case: %s', (_, who, conflict, expected) => {
    expect(whyNotAssignCase(who, open, conflict)).toBe(expected);
  });

  it('freezes everything once the campaign is closed', () => {
    expect(whyNotAssignCase(admin, closed, null)).toBe('campaign_closed');
    expect(whyNotChangeRubric(admin, closed, 0)).toBe('campaign_closed');
  });

  it('keeps the rubric and the pool member once reviews are submitted; keeps a submitted assignment', () => {
    expect(whyNotChangeRubric(admin, open, 0)).toBeNull();
    expect(whyNotChangeRubric(admin, open, 1)).toBe('review_rubric_locked');
    expect(whyNotChangeRubric(coordinator, open, 0)).toBe('not_institute_admin');
    expect(whyNotLeavePool(admin, open, 1)).toBe('reviewer_has_submitted_reviews');
    expect(whyNotUnassign(admin, open, null, true)).toBe('assignment_review_submitted');
    expect(whyNotUnassign(coordinator, open, null, false)).toBeNull();
  });

  it('puts a reviewer on a case only when accepted, in the pool and without a conflict', () => {
    expect(whyNotReviewCase({ inPool: true, caseAccepted: true, conflict: null })).toBeNull();
    expect(whyNotReviewCase({ inPool: true, caseAccepted: false, conflict: null })).toBe('case_not_assignable');
    expect(whyNotReviewCase({ inPool: false, caseAccepted: true, conflict: null })).toBe('reviewer_not_in_pool');
    expect(whyNotReviewCase({ inPool: true, caseAccepted: true, conflict: 'own_unit' })).toBe('review_conflict');
  });

  it('takes reviewer accounts into the pool; without a unit only as external', () => {
    expect(defaultReviewerKind(null)).toBe('external');
    expect(defaultReviewerKind(3)).toBe('staff');
    expect(whyNotJoinPool({ roles: ['reviewer'], disabled: false, unitId: null }, 'external')).toBeNull();
    expect(whyNotJoinPool({ roles: ['reviewer'], disabled: false, unitId: null }, 'staff')).toBe('reviewer_staff_needs_unit');
    expect(whyNotJoinPool({ roles: ['reviewer'], disabled: true, unitId: 3 }, 'staff')).toBe('reviewer_not_eligible');
    expect(whyNotJoinPool({ roles: ['mentor'], disabled: false, unitId: 3 }, 'staff')).toBe('reviewer_not_eligible');
  });

  it('lets reviewers and coordinators declare their own conflicts, the admin anyone’s', () => {
    const self = { id: reviewer.id, roles: ['reviewer'], unitId: 7 };
    expect(whyNotDeclareConflict(reviewer, self, 8, 'open')).toBeNull();
    expect(whyNotDeclareConflict(reviewer, self, 7, 'open')).toBe('conflict_own_unit_automatic');
    expect(whyNotDeclareConflict(reviewer, { id: 99, roles: ['reviewer'], unitId: 7 }, 8, 'open')).toBe('conflict_only_own');
    expect(whyNotDeclareConflict(officer, { id: officer.id, roles: ['unit_officer'], unitId: 7 }, 8, 'open')).toBe('forbidden');
    expect(whyNotDeclareConflict(admin, { id: 99, roles: ['mentor'], unitId: 7 }, 8, 'open')).toBe('conflict_person_not_eligible');
    expect(whyNotDeclareConflict(admin, { id: 2, roles: ['track_coordinator'], unitId: 5 }, 8, 'open')).toBeNull();
  });
});
