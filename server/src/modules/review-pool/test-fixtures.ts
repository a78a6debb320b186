import { defaultFormTemplate } from '../../../../contracts/form-template.ts';
import type { TestApp } from '../../test/test-app.ts';

const DAY = 24 * 3600_000;

export interface ReviewFixture {
  campaignId: number;
  trackId: number;
  otherTrackId: number;
  hostUnit: number;
  unitA: number;
  unitB: number;
  unitC: number;
  adminId: number;
  admin: string;
  coordinator: string;
  coordinatorId: number;
  otherCoordinator: string;
  /** Reviewers: of unit A, of unit B, an external expert without a unit. All in the track's pool. */
  reviewerA: { id: number; username: string };
  reviewerB: { id: number; username: string };
  external: { id: number; username: string };
  officerA: string;
  /** Accepted cases: two of A, two of B, one of C, one of the coordinator's unit. */
  cases: { id: number; receiptNo: string; unitId: number }[];
  /** Sent but not accepted yet (in unit A). */
  pendingCaseId: number;
}

/** An open campaign with one case track whose accepted cases wait for reviewers (written straight to the database). */
let seeded = 0;

export async function seedReviewTrack(t: TestApp, options: { pool?: boolean } = {}): Promise<ReviewFixture> {
  seeded += 1;
  const k = seeded === 1 ? '' : `${seeded}`;
  const hostUnit = await t.unit({ name: `徐州经贸分院${k}`, city: '徐州' });
  const unitA = await t.unit({ name: `南京工程分院${k}`, city: '南京' });
  const unitB = await t.unit({ name: `苏州分院${k}`, city: '苏州' });
  const unitC = await t.unit({ name: `淮安生物工程分院${k}`, city: '淮安' });
  const admin = await t.user({ roles: ['institute_admin'] });
  const coordinator = await t.user({ roles: ['track_coordinator'], unitId: hostUnit });
  const otherCoordinator = await t.user({ roles: ['track_coordinator'], unitId: unitC });
  const reviewerA = await t.user({ roles: ['reviewer'], unitId: unitA });
  const reviewerB = await t.user({ roles: ['reviewer'], unitId: unitB });
  const external = await t.user({ roles: ['reviewer'], unitId: null });
  const officerA = await t.user({ roles: ['unit_officer'], unitId: unitA });
  const campaign = await t.db
    .insertInto('campaigns')
    .values({
      year: 2023 + seeded,
      title: `${2023 + seeded}年“苏乡永助”资助育人主题活动`,
      status: 'open',
      notice_text: null,
      summary_due_on: null,
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const track = async (code: string, name: string, coordinatorId: number, i: number) =>
    (
      await t.db
        .insertInto('tracks')
        .values({
          campaign_id: campaign.id,
          code,
          name,
          kind: 'case',
          host_unit_id: hostUnit,
          coordinator_user_id: coordinatorId,
          contact_name: null,
          contact_email: null,
          contact_phone: null,
          sort_order: i,
          opens_at: new Date(Date.now() - 40 * DAY),
          submission_closes_at: new Date(Date.now() - 10 * DAY),
          revision_closes_at: new Date(Date.now() - 5 * DAY),
          form_template: JSON.stringify(defaultFormTemplate(code, 'case')),
          reviewers_per_case: 2,
          review_closes_at: new Date(Date.now() + 14 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const trackId = await track('YX', '研学实践优秀案例', coordinator.id, 0);
  const otherTrackId = await track('SY', '生涯规划指导优秀案例', otherCoordinator.id, 1);

  let n = 0;
  const sent = async (unitId: number, accepted: boolean) => {
    n += 1;
    const receiptNo = `${2023 + seeded}-YX-${String(n).padStart(4, '0')}`;
    const row = await t.db
      .insertInto('submissions')
      .values({
        campaign_id: campaign.id,
        track_id: trackId,
        unit_id: unitId,
        created_by: admin.id,
        title: `研学案例${n}`,
        sections: '{}',
        priority_tags: '[]',
        receipt_no: receiptNo,
        submitted_at: new Date(Date.now() - 12 * DAY),
        accepted_at: accepted ? new Date(Date.now() - 8 * DAY) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, receiptNo, unitId };
  };
  const cases = [];
  for (const unitId of [unitA, unitA, unitB, unitB, unitC, hostUnit]) cases.push(await sent(unitId, true));
  const pending = await sent(unitA, false);

  if (options.pool !== false) {
    for (const [r, kind] of [
      [reviewerA, 'staff'],
      [reviewerB, 'staff'],
      [external, 'external'],
    ] as const) {
      await t.db.insertInto('review_pool').values({ track_id: trackId, user_id: r.id, kind, added_by: admin.id }).execute();
    }
  }
  return {
    campaignId: campaign.id,
    trackId,
    otherTrackId,
    hostUnit,
    unitA,
    unitB,
    unitC,
    adminId: admin.id,
    admin: admin.username,
    coordinator: coordinator.username,
    coordinatorId: coordinator.id,
    otherCoordinator: otherCoordinator.username,
    reviewerA,
    reviewerB,
    external,
    officerA: officerA.username,
    cases,
    pendingCaseId: pending.id,
  };
}

/** A review as the scoring side would leave it: submitted (or a draft). */
export async function seedReview(t: TestApp, assignmentId: number, submitted = true) {
  const a = await t.db.selectFrom('review_assignments').selectAll().where('id', '=', assignmentId).executeTakeFirstOrThrow();
  await t.db
    .insertInto('reviews')
    .values({
      assignment_id: a.id,
      submission_id: a.submission_id,
      reviewer_id: a.reviewer_id,
      scores: JSON.stringify({ real_hardship: 8 }),
      status: submitted ? 'submitted' : 'draft',
      total: submitted ? '80' : null,
      submitted_at: submitted ? new Date() : null,
    })
    .execute();
}

export async function assignDirect(t: TestApp, f: ReviewFixture, submissionId: number, reviewerId: number): Promise<number> {
  return (
    await t.db
      .insertInto('review_assignments')
      .values({ submission_id: submissionId, reviewer_id: reviewerId, method: 'manual', assigned_by: f.adminId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
