import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import {
  seesPrivateNotes,
  whyNotEditReview,
  whyNotReviewCase,
  whyNotViewCaseReviews,
  whyNotViewRanking,
  type CaseReviewFacts,
} from './review-policy.ts';

const actor = (id: number, roles: Role[], unitId: number | null = null): Actor => ({
  id,
  username: `u${id}`,
  displayName: `用户${id}`,
  unitId,
  roles: new Set(roles),
  mustChangePassword: false,
});

const facts = (over: Partial<CaseReviewFacts> = {}): CaseReviewFacts => ({
  unitId: 10,
  trackCoordinatorId: 2,
  accepted: true,
  reviewClosesAt: null,
  conflict: null,
  assigned: false,
  ownSubmitted: false,
  ...over,
});

const admin = actor(1, ['institute_admin']);
const coordinator = actor(2, ['track_coordinator'], 20);
const otherCoordinator = actor(3, ['track_coordinator'], 30);
const reviewer = actor(4, ['reviewer'], 20);
const external = actor(5, ['reviewer']);
const officer = actor(6, ['unit_officer'], 10);

describe('review policy: the permission matrix', () => {
  it.each([
    ['the admin', admin, facts(), null],
    ['the track coordinator', coordinator, facts(), null],
    ['the coordinator with a conflict', coordinator, facts({ conflict: 'own_unit' }), 'reviewer_conflict'],
    ['the coordinator of another track', otherCoordinator, facts(), 'not_ranking_viewer'],
    ['a reviewer before submitting', reviewer, facts({ assigned: true }), 'review_others_hidden'],
    ['a reviewer after submitting', reviewer, facts({ assigned: true, ownSubmitted: true }), null],
    ['a reviewer of the same unit', reviewer, facts({ assigned: true, ownSubmitted: true, conflict: 'own_unit' }), 'reviewer_conflict'],
    ['an external expert not assigned', external, facts(), 'review_not_assigned'],
    ['a unit officer', officer, facts(), 'review_scores_of_unit'],
  ] as const)('reviews of a case: %s', (_, who, f, reason) => {
    expect(whyNotViewCaseReviews(who, f)).toBe(reason);
  });

  it('private notes: only the admin and the non-conflicted coordinator', () => {
    expect(seesPrivateNotes(admin, facts())).toBe(true);
    expect(seesPrivateNotes(coordinator, facts())).toBe(true);
    expect(seesPrivateNotes(coordinator, facts({ conflict: 'declared' }))).toBe(false);
    expect(seesPrivateNotes(reviewer, facts({ assigned: true, ownSubmitted: true }))).toBe(false);
  });

  it('scoring: assigned, no conflict, accepted, before the deadline', () => {
    const now = new Date('2026-11-27T08:00:00Z');
    const mine = facts({ assigned: true });
    expect(whyNotEditReview(reviewer, mine, now)).toBeNull();
    expect(whyNotEditReview(reviewer, facts(), now)).toBe('review_not_assigned');
    expect(whyNotEditReview(reviewer, { ...mine, conflict: 'declared' }, now)).toBe('reviewer_conflict');
    expect(whyNotEditReview(reviewer, { ...mine, accepted: false }, now)).toBe('review_case_not_accepted');
    expect(whyNotEditReview(reviewer, { ...mine, reviewClosesAt: now }, now)).toBe('review_closed');
    expect(whyNotEditReview(reviewer, { ...mine, reviewClosesAt: new Date(now.getTime() + 1) }, now)).toBeNull();
    // Reading the case stays possible after the deadline.
    expect(whyNotReviewCase(reviewer, { ...mine, reviewClosesAt: now })).toBeNull();
  });

  it('ranking: the admin and the track coordinator only', () => {
    expect(whyNotViewRanking(admin, { coordinatorId: 2 })).toBeNull();
    expect(whyNotViewRanking(coordinator, { coordinatorId: 2 })).toBeNull();
    expect(whyNotViewRanking(otherCoordinator, { coordinatorId: 2 })).toBe('not_ranking_viewer');
    expect(whyNotViewRanking(external, { coordinatorId: 2 })).toBe('not_ranking_viewer');
    expect(whyNotViewRanking(officer, { coordinatorId: 2 })).toBe('review_scores_of_unit');
  });
});
