import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssignmentBoardDto,
  AutoAssignPreviewDto,
  ConflictListDto,
  ReviewPoolDto,
  ReviewSettingsDto,
} from '../../../../contracts/review-assignment.ts';
import { defaultCaseRubric } from '../../../../contracts/review.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { upload } from '../submissions/test-fixtures.ts';
import { assignDirect, seedReview, seedReviewTrack, type ReviewFixture } from './test-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;

const settingsBody = (changes: Record<string, unknown> = {}) => ({
  reviewersPerCase: 3,
  reviewClosesAt: new Date(Date.now() + 10 * DAY).toISOString(),
  blindReview: true,
  spreadThreshold: 15,
  rubric: null,
  ...changes,
});

const twoCriteria = {
  criteria: [
    { key: 'effect', label: '育人成效', weight: 60, scale: 10, guidance: '' },
    { key: 'model', label: '示范推广', weight: 40, scale: 5, guidance: '可推广程度' },
  ],
};

async function auditActions(entityType: string, entityId: number) {
  return (
    await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', entityType).where('entity_id', '=', entityId).execute()
  ).map((r) => r.action);
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('评审分配');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('review settings: GET/PUT /api/tracks/:trackId/review-settings', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t);
    admin = await t.login(f.admin);
  });

  it('refuses the anonymous, a unit officer, a reviewer and another track’s coordinator', async () => {
    expectError(await t.anonymous().get(`/api/tracks/${f.trackId}/review-settings`), 401, 'unauthenticated');
    expectError(await (await t.login(f.officerA)).get(`/api/tracks/${f.trackId}/review-settings`), 403, 'not_review_manager');
    expectError(await (await t.login(f.reviewerA.username)).get(`/api/tracks/${f.trackId}/review-settings`), 403, 'not_review_manager');
    expectError(await (await t.login(f.otherCoordinator)).get(`/api/tracks/${f.trackId}/review-settings`), 403, 'not_review_manager');
  });

  it('shows the coordinator the settings with the default rubric, read-only', async () => {
    const res = await (await t.login(f.coordinator)).get(`/api/tracks/${f.trackId}/review-settings`);
    expect(res.statusCode).toBe(200);
    const dto = res.json<ReviewSettingsDto>();
    expect(dto).toMatchObject({ reviewersPerCase: 2, rubricIsDefault: true, submittedReviews: 0 });
    expect(dto.rubric.criteria.map((c) => c.weight)).toEqual(defaultCaseRubric.criteria.map((c) => c.weight));
    expect(dto.abilities.update).toEqual({ allowed: false, whyNot: 'not_institute_admin' });
  });

  it('refuses bad input: weights not adding up to 100, zero reviewers, a deadline in the past', async () => {
    const bad = await admin.request(
      'PUT',
      `/api/tracks/${f.trackId}/review-settings`,
      settingsBody({ rubric: { criteria: [{ ...twoCriteria.criteria[0], weight: 50 }] } }),
    );
    expectError(bad, 400, 'validation_failed');
    expect(JSON.stringify(bad.json().issues)).toContain('各评分项权重之和必须为 100');
    expectError(
      await admin.request('PUT', `/api/tracks/${f.trackId}/review-settings`, settingsBody({ reviewersPerCase: 0 })),
      400,
      'validation_failed',
    );
    expectError(
      await admin.request(
        'PUT',
        `/api/tracks/${f.trackId}/review-settings`,
        settingsBody({ reviewClosesAt: new Date(Date.now() - DAY).toISOString() }),
      ),
      400,
      'review_closes_in_past',
    );
  });

  it('refuses the coordinator and the anonymous a change', async () => {
    expectError(
      await (await t.login(f.coordinator)).request('PUT', `/api/tracks/${f.trackId}/review-settings`, settingsBody()),
      403,
      'not_institute_admin',
    );
    expectError(await t.anonymous().request('PUT', `/api/tracks/${f.trackId}/review-settings`, settingsBody()), 401, 'unauthenticated');
  });

  it('lets the admin save settings and a rubric of their own, audited', async () => {
    const res = await admin.request('PUT', `/api/tracks/${f.trackId}/review-settings`, settingsBody({ rubric: twoCriteria }));
    expect(res.statusCode, res.body).toBe(200);
    const dto = res.json<ReviewSettingsDto>();
    expect(dto).toMatchObject({ reviewersPerCase: 3, blindReview: true, spreadThreshold: 15, rubricIsDefault: false });
    expect(dto.rubric.criteria.map((c) => [c.label, c.weight, c.scale])).toEqual([
      ['育人成效', 60, 10],
      ['示范推广', 40, 5],
    ]);
    expect(await auditActions('track', f.trackId)).toContain('review.settings_updated');
  });

  it('keeps the rubric once a review is submitted, while the other settings still change', async () => {
    const assignment = await assignDirect(t, f, f.cases[0]!.id, f.reviewerB.id);
    await seedReview(t, assignment);
    const locked = await admin.request('PUT', `/api/tracks/${f.trackId}/review-settings`, settingsBody({ rubric: null }));
    expectError(locked, 409, 'review_rubric_locked');
    const same = await admin.request(
      'PUT',
      `/api/tracks/${f.trackId}/review-settings`,
      settingsBody({ rubric: twoCriteria, reviewersPerCase: 4 }),
    );
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<ReviewSettingsDto>()).toMatchObject({ reviewersPerCase: 4, submittedReviews: 1 });
    expect(same.json<ReviewSettingsDto>().abilities.changeRubric).toEqual({ allowed: false, whyNot: 'review_rubric_locked' });
  });

  it('is copied with the campaign into the next year', async () => {
    const res = await admin.post(`/api/campaigns/${f.campaignId}/copy`, { year: 2099, title: '2099年活动' });
    expect(res.statusCode, res.body).toBe(201);
    const copy = await t.db
      .selectFrom('tracks')
      .selectAll()
      .where('campaign_id', '=', res.json().id)
      .where('code', '=', 'YX')
      .executeTakeFirstOrThrow();
    expect({ n: copy.reviewers_per_case, blind: copy.blind_review, spread: Number(copy.spread_threshold) }).toEqual({
      n: 4,
      blind: true,
      spread: 15,
    });
    expect(copy.rubric?.criteria.map((c) => c.key)).toEqual(['effect', 'model']);
    expect(copy.review_closes_at!.getUTCFullYear()).toBe(new Date(Date.now() + 10 * DAY).getUTCFullYear() + (2099 - 2024));
  });
});

describe('reviewer pool: /api/tracks/:trackId/review-pool', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t, { pool: false });
    admin = await t.login(f.admin);
  });

  it('refuses bad input, the anonymous and the coordinator', async () => {
    expectError(await admin.post(`/api/tracks/${f.trackId}/review-pool`, {}), 400, 'validation_failed');
    expectError(await t.anonymous().post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.reviewerA.id }), 401, 'unauthenticated');
    expectError(
      await (await t.login(f.coordinator)).post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.reviewerA.id }),
      403,
      'not_institute_admin',
    );
  });

  it('takes only reviewer accounts, and staff only with a unit', async () => {
    const officer = await t.db.selectFrom('users').select('id').where('username', '=', f.officerA).executeTakeFirstOrThrow();
    expectError(await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: officer.id }), 400, 'reviewer_not_eligible');
    expectError(
      await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.external.id, kind: 'staff' }),
      400,
      'reviewer_staff_needs_unit',
    );
  });

  it('adds a staff member and an external expert (no unit → external), audited; twice is refused', async () => {
    expect((await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.reviewerA.id })).statusCode).toBe(201);
    const res = await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.external.id });
    expect(res.statusCode).toBe(201);
    const pool = res.json<ReviewPoolDto>();
    expect(pool.members.map((m) => [m.username, m.kind]).sort()).toEqual(
      [
        [f.reviewerA.username, 'staff'],
        [f.external.username, 'external'],
      ].sort(),
    );
    const candidates = pool.candidates.map((c) => c.username);
    expect(candidates).toContain(f.reviewerB.username);
    expect(candidates).not.toContain(f.reviewerA.username);
    expect(candidates).not.toContain(f.external.username);
    expectError(await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.reviewerA.id }), 409, 'reviewer_already_in_pool');
    expect((await auditActions('track', f.trackId)).filter((a) => a === 'review.pool_added')).toHaveLength(2);
  });

  it('shows the coordinator the pool without candidates, and never a reviewer', async () => {
    const res = await (await t.login(f.coordinator)).get(`/api/tracks/${f.trackId}/review-pool`);
    expect(res.statusCode).toBe(200);
    expect(res.json<ReviewPoolDto>()).toMatchObject({ candidates: [], abilities: { add: { allowed: false } } });
    expectError(await (await t.login(f.external.username)).get(`/api/tracks/${f.trackId}/review-pool`), 403, 'not_review_manager');
  });

  it('refuses to remove a reviewer with a submitted review; removes one with open work, and their open assignments with them', async () => {
    await admin.post(`/api/tracks/${f.trackId}/review-pool`, { userId: f.reviewerB.id });
    const done = await assignDirect(t, f, f.cases[0]!.id, f.reviewerB.id);
    await seedReview(t, done);
    expectError(await admin.delete(`/api/tracks/${f.trackId}/review-pool/${f.reviewerB.id}`), 409, 'reviewer_has_submitted_reviews');

    const open = await assignDirect(t, f, f.cases[2]!.id, f.external.id);
    await seedReview(t, open, false);
    expectError(
      await (await t.login(f.coordinator)).delete(`/api/tracks/${f.trackId}/review-pool/${f.external.id}`),
      403,
      'not_institute_admin',
    );
    const res = await admin.delete(`/api/tracks/${f.trackId}/review-pool/${f.external.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<ReviewPoolDto>().members.map((m) => m.id)).not.toContain(f.external.id);
    expect(await t.db.selectFrom('review_assignments').select('id').where('id', '=', open).executeTakeFirst()).toBeUndefined();
    expect(await auditActions('track', f.trackId)).toContain('review.pool_removed');
  });
});

describe('conflicts: /api/campaigns/:id/review-conflicts', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t);
    admin = await t.login(f.admin);
  });

  it('refuses bad input, the anonymous, a unit officer and declaring for someone else', async () => {
    const body = { userId: f.reviewerA.id, unitId: f.unitB, reason: '曾在该单位任职' };
    expectError(await admin.post(`/api/campaigns/${f.campaignId}/review-conflicts`, { ...body, reason: '' }), 400, 'validation_failed');
    expectError(await t.anonymous().post(`/api/campaigns/${f.campaignId}/review-conflicts`, body), 401, 'unauthenticated');
    expectError(await (await t.login(f.officerA)).post(`/api/campaigns/${f.campaignId}/review-conflicts`, body), 403, 'forbidden');
    expectError(
      await (await t.login(f.reviewerB.username)).post(`/api/campaigns/${f.campaignId}/review-conflicts`, body),
      403,
      'conflict_only_own',
    );
    expectError(
      await (await t.login(f.reviewerA.username)).post(`/api/campaigns/${f.campaignId}/review-conflicts`, { ...body, unitId: f.unitA }),
      400,
      'conflict_own_unit_automatic',
    );
  });

  it('lets a reviewer declare their own and the admin declare for anyone; a reviewer lists only their own', async () => {
    const reviewer = await t.login(f.reviewerA.username);
    const own = await reviewer.post(`/api/campaigns/${f.campaignId}/review-conflicts`, {
      userId: f.reviewerA.id,
      unitId: f.unitB,
      reason: '配偶在该单位工作',
    });
    expect(own.statusCode, own.body).toBe(201);
    expectError(
      await reviewer.post(`/api/campaigns/${f.campaignId}/review-conflicts`, {
        userId: f.reviewerA.id,
        unitId: f.unitB,
        reason: '重复申报',
      }),
      409,
      'conflict_exists',
    );
    const coordinatorDeclared = await admin.post(`/api/campaigns/${f.campaignId}/review-conflicts`, {
      userId: f.coordinatorId,
      unitId: f.unitC,
      reason: '指导过该单位案例',
    });
    expect(coordinatorDeclared.statusCode).toBe(201);

    const mine = (await reviewer.get(`/api/campaigns/${f.campaignId}/review-conflicts`)).json<ConflictListDto>();
    expect(mine.declareFor).toBe('self');
    expect(mine.items.map((c) => [c.person.id, c.unit.id])).toEqual([[f.reviewerA.id, f.unitB]]);
    expect(mine.items[0]!.abilities.remove.allowed).toBe(false);
    const all = (await admin.get(`/api/campaigns/${f.campaignId}/review-conflicts`)).json<ConflictListDto>();
    expect(all.items).toHaveLength(2);
    expect(await auditActions('review_conflict', own.json().id)).toEqual(['review.conflict_declared']);
  });

  it('lets only the admin lift a conflict', async () => {
    const { id } = (
      await admin.post(`/api/campaigns/${f.campaignId}/review-conflicts`, { userId: f.external.id, unitId: f.unitA, reason: '校友关系' })
    ).json();
    expectError(await (await t.login(f.external.username)).delete(`/api/review-conflicts/${id}`), 403, 'not_institute_admin');
    expectError(await t.anonymous().delete(`/api/review-conflicts/${id}`), 401, 'unauthenticated');
    expect((await admin.delete(`/api/review-conflicts/${id}`)).statusCode).toBe(204);
    expect(await auditActions('review_conflict', id)).toEqual(['review.conflict_declared', 'review.conflict_removed']);
  });
});

describe('assignment by hand: POST /api/tracks/:trackId/assignments, DELETE /api/review-assignments/:id', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t);
    admin = await t.login(f.admin);
    await admin.post(`/api/campaigns/${f.campaignId}/review-conflicts`, {
      userId: f.external.id,
      unitId: f.unitC,
      reason: '曾在该单位兼职',
    });
  });
  const caseOf = (unit: 'A' | 'B' | 'C' | 'host') =>
    f.cases.find((c) => c.unitId === { A: f.unitA, B: f.unitB, C: f.unitC, host: f.hostUnit }[unit])!.id;

  it('refuses bad input, the anonymous, a unit officer and a reviewer', async () => {
    const url = `/api/tracks/${f.trackId}/assignments`;
    expectError(await admin.post(url, { submissionId: 'x' }), 400, 'validation_failed');
    expectError(await t.anonymous().post(url, { submissionId: caseOf('B'), reviewerId: f.reviewerA.id }), 401, 'unauthenticated');
    expectError(
      await (await t.login(f.officerA)).post(url, { submissionId: caseOf('B'), reviewerId: f.reviewerA.id }),
      403,
      'not_review_manager',
    );
    expectError(
      await (await t.login(f.reviewerA.username)).post(url, { submissionId: caseOf('B'), reviewerId: f.reviewerA.id }),
      403,
      'not_review_manager',
    );
  });

  it('refuses a reviewer of the case’s own unit, a declared conflict, someone outside the pool and a case not accepted', async () => {
    const url = `/api/tracks/${f.trackId}/assignments`;
    expectError(await admin.post(url, { submissionId: caseOf('A'), reviewerId: f.reviewerA.id }), 409, 'review_conflict');
    expectError(await admin.post(url, { submissionId: caseOf('C'), reviewerId: f.external.id }), 409, 'review_conflict');
    const outsider = await t.user({ roles: ['reviewer'] });
    expectError(await admin.post(url, { submissionId: caseOf('B'), reviewerId: outsider.id }), 409, 'reviewer_not_in_pool');
    expectError(await admin.post(url, { submissionId: f.pendingCaseId, reviewerId: f.reviewerB.id }), 409, 'case_not_assignable');
  });

  it('refuses the coordinator a case of their own unit, but not another case', async () => {
    const coordinator = await t.login(f.coordinator);
    const url = `/api/tracks/${f.trackId}/assignments`;
    expectError(
      await coordinator.post(url, { submissionId: caseOf('host'), reviewerId: f.reviewerB.id }),
      403,
      'review_coordinator_conflict',
    );
    const res = await coordinator.post(url, { submissionId: caseOf('C'), reviewerId: f.reviewerB.id });
    expect(res.statusCode, res.body).toBe(201);
    // Their own unit's case shows on the board without its reviewers.
    const board = (await coordinator.get(url)).json<AssignmentBoardDto>();
    const own = board.cases.find((c) => c.submissionId === caseOf('host'))!;
    expect(own.abilities.assign).toEqual({ allowed: false, whyNot: 'review_coordinator_conflict' });
    expect(own.reviewers).toEqual([]);
  });

  it('refuses the coordinator a case of a unit they declared a conflict with', async () => {
    const coordinator = await t.login(f.coordinator);
    const declared = await coordinator.post(`/api/campaigns/${f.campaignId}/review-conflicts`, {
      userId: f.coordinatorId,
      unitId: f.unitB,
      reason: '曾指导该单位申报',
    });
    expect(declared.statusCode).toBe(201);
    expectError(
      await coordinator.post(`/api/tracks/${f.trackId}/assignments`, { submissionId: caseOf('B'), reviewerId: f.external.id }),
      403,
      'review_coordinator_conflict',
    );
    // The admin is not bound by the coordinator's conflict; lift it again for the tests below.
    expect((await admin.delete(`/api/review-conflicts/${declared.json().id}`)).statusCode).toBe(204);
  });

  it('assigns, tells the reviewer in the inbox, audits, refuses a second time; removes until the review is submitted', async () => {
    const url = `/api/tracks/${f.trackId}/assignments`;
    const res = await admin.post(url, { submissionId: caseOf('B'), reviewerId: f.reviewerA.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 1, notifiedReviewers: 1 });
    expectError(await admin.post(url, { submissionId: caseOf('B'), reviewerId: f.reviewerA.id }), 409, 'assignment_exists');
    const inbox = (await (await t.login(f.reviewerA.username)).get('/api/inbox')).json();
    expect(JSON.stringify(inbox)).toContain('新分配 1 个案例');

    const board = (await admin.get(url)).json<AssignmentBoardDto>();
    const assigned = board.cases.find((c) => c.submissionId === caseOf('B'))!.reviewers[0]!;
    expect(assigned).toMatchObject({ reviewerId: f.reviewerA.id, method: 'manual', submitted: false });
    expect(board.loads.find((l) => l.reviewerId === f.reviewerA.id)!.load).toBe(1);
    expect(board.cases.find((c) => c.submissionId === caseOf('A'))!.conflictedReviewerIds).toEqual([f.reviewerA.id]);
    expect(await auditActions('review_assignment', assigned.assignmentId)).toEqual(['review.assigned']);

    await seedReview(t, assigned.assignmentId);
    expectError(await admin.delete(`/api/review-assignments/${assigned.assignmentId}`), 409, 'assignment_review_submitted');

    const other = (await admin.post(url, { submissionId: caseOf('B'), reviewerId: f.external.id })).json();
    expect(other.created).toBe(1);
    const id = (await admin.get(url))
      .json<AssignmentBoardDto>()
      .cases.find((c) => c.submissionId === caseOf('B'))!
      .reviewers.find((r) => r.reviewerId === f.external.id)!.assignmentId;
    expectError(await (await t.login(f.officerA)).delete(`/api/review-assignments/${id}`), 403, 'not_review_manager');
    expectError(await t.anonymous().delete(`/api/review-assignments/${id}`), 401, 'unauthenticated');
    expect((await admin.delete(`/api/review-assignments/${id}`)).statusCode).toBe(204);
    expect(await auditActions('review_assignment', id)).toEqual(['review.assigned', 'review.unassigned']);
  });

  it('never lists the board to a reviewer, an external expert or a unit officer', async () => {
    for (const who of [f.reviewerB.username, f.external.username, f.officerA]) {
      expectError(await (await t.login(who)).get(`/api/tracks/${f.trackId}/assignments`), 403, 'not_review_manager');
    }
  });
});

describe('automatic assignment: auto-preview, auto-apply', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t);
    admin = await t.login(f.admin);
    const fourth = await t.user({ roles: ['reviewer'], unitId: f.unitC });
    await t.db.insertInto('review_pool').values({ track_id: f.trackId, user_id: fourth.id, kind: 'staff', added_by: f.adminId }).execute();
  });

  it('refuses the anonymous, a reviewer, a unit officer and a missing plan', async () => {
    expectError(await t.anonymous().post(`/api/tracks/${f.trackId}/assignments/auto-preview`), 401, 'unauthenticated');
    expectError(
      await (await t.login(f.external.username)).post(`/api/tracks/${f.trackId}/assignments/auto-preview`),
      403,
      'not_review_manager',
    );
    expectError(
      await (await t.login(f.officerA)).post(`/api/tracks/${f.trackId}/assignments/auto-apply`, { planHash: 'a'.repeat(64) }),
      403,
      'not_review_manager',
    );
    expectError(await admin.post(`/api/tracks/${f.trackId}/assignments/auto-apply`, {}), 400, 'validation_failed');
  });

  it('previews without writing, then applies exactly the plan: N per case, no conflicts, balanced, one message per reviewer', async () => {
    const preview = await admin.post(`/api/tracks/${f.trackId}/assignments/auto-preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const plan = preview.json<AutoAssignPreviewDto>();
    const inTrack = () =>
      t.db
        .selectFrom('review_assignments as a')
        .innerJoin('submissions as s', 's.id', 'a.submission_id')
        .select('a.id')
        .where('s.track_id', '=', f.trackId)
        .execute();
    expect(await inTrack()).toHaveLength(0);
    expect(plan.assignments).toHaveLength(f.cases.length * 2);
    expect(plan.unsatisfied).toEqual([]);
    const loads = plan.loads.map((l) => l.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // Same state, same plan.
    expect((await admin.post(`/api/tracks/${f.trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>().planHash).toBe(
      plan.planHash,
    );

    const applied = await admin.post(`/api/tracks/${f.trackId}/assignments/auto-apply`, { planHash: plan.planHash });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ created: plan.assignments.length, notifiedReviewers: 4 });
    const rows = await t.db
      .selectFrom('review_assignments as a')
      .innerJoin('submissions as s', 's.id', 'a.submission_id')
      .innerJoin('users as u', 'u.id', 'a.reviewer_id')
      .select(['a.submission_id', 'a.reviewer_id', 'a.method', 's.unit_id', 'u.unit_id as reviewer_unit'])
      .where('s.track_id', '=', f.trackId)
      .orderBy('a.submission_id')
      .orderBy('a.reviewer_id')
      .execute();
    expect(rows.map((r) => ({ submissionId: r.submission_id, reviewerId: r.reviewer_id }))).toEqual(
      plan.assignments.map((a) => ({ submissionId: a.submissionId, reviewerId: a.reviewerId })),
    );
    expect(rows.every((r) => r.method === 'auto' && r.unit_id !== r.reviewer_unit)).toBe(true);
    // One inbox message per reviewer for the whole batch.
    const poolIds = plan.loads.map((l) => l.reviewerId);
    const messages = await t.db
      .selectFrom('inbox_messages')
      .select(['user_id', 'title'])
      .where('template', '=', 'review.assigned')
      .where('user_id', 'in', poolIds)
      .execute();
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.user_id)).size).toBe(4);

    // Applying the old plan again: the state changed, so it is stale.
    expectError(
      await admin.post(`/api/tracks/${f.trackId}/assignments/auto-apply`, { planHash: plan.planHash }),
      409,
      'assignment_plan_stale',
    );
    // Nothing left to do: an empty plan.
    expect((await admin.post(`/api/tracks/${f.trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>().assignments).toEqual([]);
  });

  it('refuses a plan made before the pool changed', async () => {
    const g = await seedReviewTrack(t);
    const stale = (await admin.post(`/api/tracks/${g.trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>();
    await admin.post(`/api/campaigns/${g.campaignId}/review-conflicts`, { userId: g.external.id, unitId: g.unitB, reason: '新申报的回避' });
    expectError(
      await admin.post(`/api/tracks/${g.trackId}/assignments/auto-apply`, { planHash: stale.planHash }),
      409,
      'assignment_plan_stale',
    );
    expect(
      await t.db
        .selectFrom('review_assignments as a')
        .innerJoin('submissions as s', 's.id', 'a.submission_id')
        .select('a.id')
        .where('s.track_id', '=', g.trackId)
        .execute(),
    ).toEqual([]);
  });

  it('leaves the coordinator’s own-unit case out of their plan and reports it', async () => {
    const g = await seedReviewTrack(t);
    const coordinator = await t.login(g.coordinator);
    const plan = (await coordinator.post(`/api/tracks/${g.trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>();
    const hostCase = g.cases.find((c) => c.unitId === g.hostUnit)!.id;
    expect(plan.assignments.map((a) => a.submissionId)).not.toContain(hostCase);
    expect(plan.unsatisfied).toContainEqual(
      expect.objectContaining({ submissionId: hostCase, reason: 'review_coordinator_conflict', missing: 2 }),
    );
    // With three reviewers and two per case, A's and B's cases each have only two eligible: still satisfied.
    expect(plan.unsatisfied.filter((u) => u.reason !== 'review_coordinator_conflict')).toEqual([]);
    const applied = await coordinator.post(`/api/tracks/${g.trackId}/assignments/auto-apply`, { planHash: plan.planHash });
    expect(applied.statusCode).toBe(200);
  });
});

describe('assignment by .xlsx: template and import', () => {
  let f: ReviewFixture;
  let admin: Client;
  beforeAll(async () => {
    f = await seedReviewTrack(t);
    admin = await t.login(f.admin);
  });

  it('gives a template listing the accepted cases’ receipt numbers', async () => {
    expectError(
      await (await t.login(f.reviewerA.username)).get(`/api/tracks/${f.trackId}/assignments/template`),
      403,
      'not_review_manager',
    );
    const res = await admin.get(`/api/tracks/${f.trackId}/assignments/template`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('受理编号');
    expect(sheet.getRow(1).getCell(2).value).toBe('评审专家账号');
    const receipts = [];
    for (let r = 2; r <= sheet.rowCount; r++) receipts.push(sheet.getRow(r).getCell(1).value);
    expect(receipts.sort()).toEqual(f.cases.map((c) => c.receiptNo).sort());
  });

  it('refuses the anonymous, a unit officer, a file that is not .xlsx and a missing file', async () => {
    const book = await workbook([['受理编号', '评审专家账号']]);
    expectError(await upload(t.anonymous(), `/api/tracks/${f.trackId}/assignments/import`, 'a.xlsx', book), 401, 'unauthenticated');
    expectError(
      await upload(await t.login(f.officerA), `/api/tracks/${f.trackId}/assignments/import`, 'a.xlsx', book),
      403,
      'not_review_manager',
    );
    expectError(
      await upload(admin, `/api/tracks/${f.trackId}/assignments/import`, 'a.xlsx', Buffer.from('not a workbook')),
      415,
      'file_type_not_allowed',
    );
    expectError(await admin.post(`/api/tracks/${f.trackId}/assignments/import`, {}), 400, 'file_required');
  });

  it('reports every bad row and assigns nothing', async () => {
    const [a1, , b1] = f.cases;
    const book = await workbook([
      ['受理编号', '评审专家账号'],
      [b1!.receiptNo, f.reviewerA.username], // fine
      [a1!.receiptNo, f.reviewerA.username], // own unit
      ['2099-YX-9999', f.reviewerB.username], // no such case
      [a1!.receiptNo, 'nobody'], // no such user
      [b1!.receiptNo, f.reviewerA.username], // duplicate of row 2
      ['', f.external.username], // receipt missing
    ]);
    const res = await upload(admin, `/api/tracks/${f.trackId}/assignments/import`, '分配.xlsx', book);
    expectError(res, 422, 'import_has_errors');
    const errors = res.json().details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '评审专家账号'],
      [4, '受理编号'],
      [5, '评审专家账号'],
      [6, '评审专家账号'],
      [7, '受理编号'],
    ]);
    expect(errors[0]!.message).toContain('回避');
    expect(errors[3]!.message).toBe('与第 2 行重复');
    expect(await t.db.selectFrom('review_assignments').select('id').where('submission_id', '=', b1!.id).execute()).toEqual([]);
    // The error report is a workbook the user can open.
    const report = await admin.post(`/api/tracks/${f.trackId}/assignments/import/error-report`, { errors });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
  });

  it('assigns every row of a clean file, skipping pairs already assigned, one message per reviewer', async () => {
    const [a1, a2, b1, b2] = f.cases;
    await assignDirect(t, f, a1!.id, f.reviewerB.id);
    const book = await workbook([
      ['分配表(标题行)'],
      ['受理编号', '评审专家账号'],
      [a1!.receiptNo, f.reviewerB.username],
      [a2!.receiptNo, f.reviewerB.username],
      [b1!.receiptNo, f.external.username],
      [b2!.receiptNo, f.external.username],
      [b2!.receiptNo, f.reviewerA.username],
    ]);
    const res = await upload(admin, `/api/tracks/${f.trackId}/assignments/import`, '分配.xlsx', book);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 4, notifiedReviewers: 3 });
    const methods = await t.db
      .selectFrom('review_assignments')
      .select('method')
      .where('submission_id', 'in', [a2!.id, b1!.id, b2!.id])
      .execute();
    expect(methods.map((m) => m.method)).toEqual(['xlsx', 'xlsx', 'xlsx', 'xlsx']);
    const extMessages = await t.db.selectFrom('inbox_messages').select('title').where('user_id', '=', f.external.id).execute();
    expect(extMessages.map((m) => m.title)).toEqual(['评审任务:研学实践优秀案例 新分配 2 个案例']);
  });
});
