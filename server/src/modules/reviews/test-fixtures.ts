/**
 * Quick set-up for the review tests: accepted cases and assignments are written
 * straight to the database (the form check and the assignment engine are not what
 * these tests are about).
 */
import type { Role } from '../../../../contracts/roles.ts';
import type { Client, TestApp } from '../../test/test-app.ts';
import { seedCampaign, type Fixture } from '../submissions/test-fixtures.ts';

export { expectError } from '../../test/expect-error.ts';
export { seedCampaign };
export type { Fixture };

let receipt = 0;

export interface CaseOptions {
  trackId: number;
  unitId: number;
  title?: string;
  summary?: string;
  sections?: Record<string, string>;
  implementation?: 'implemented' | 'planned' | null;
  priorityTags?: { tag: string; justification: string }[];
  collectiveLeaderName?: string | null;
  accepted?: boolean;
  receiptNo?: string;
}

/** An accepted case (submitted and passed the form check) of the given track and unit. */
export async function acceptedCase(t: TestApp, f: Fixture, o: CaseOptions): Promise<{ id: number; receiptNo: string }> {
  const officer = await t.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
  receipt += 1;
  const receiptNo = o.receiptNo ?? `2024-FZ-${String(receipt).padStart(4, '0')}`;
  const now = new Date();
  const row = await t.db
    .insertInto('submissions')
    .values({
      campaign_id: f.campaignId,
      track_id: o.trackId,
      subtype_id: null,
      unit_id: o.unitId,
      created_by: officer.id,
      title: o.title ?? `案例${receipt}`,
      summary: o.summary ?? '案例摘要',
      sections: JSON.stringify(o.sections ?? { background: '背景', practice: '做法' }),
      implementation: o.implementation === undefined ? 'implemented' : o.implementation,
      is_collective: o.collectiveLeaderName != null,
      collective_leader_name: o.collectiveLeaderName ?? null,
      priority_tags: JSON.stringify(o.priorityTags ?? [{ tag: 'real_hardship', justification: '帮助学生解决实际困难' }]),
      contact_name: '联系人王老师',
      contact_phone: '025-86000000',
      receipt_no: receiptNo,
      submitted_at: now,
      submitted_by: officer.id,
      accepted_at: o.accepted === false ? null : now,
      accepted_by: o.accepted === false ? null : officer.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, receiptNo };
}

/** A row in review_assignments, as the assignment module would write it. */
export async function assign(t: TestApp, submissionId: number, reviewerId: number): Promise<number> {
  const row = await t.db
    .insertInto('review_assignments')
    .values({ submission_id: submissionId, reviewer_id: reviewerId, method: 'manual', assigned_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function declareConflict(t: TestApp, campaignId: number, userId: number, unitId: number): Promise<void> {
  await t.db
    .insertInto('review_conflicts')
    .values({ campaign_id: campaignId, user_id: userId, unit_id: unitId, reason: '亲属在该单位任职' })
    .execute();
}

export async function person(t: TestApp, roles: Role[], unitId: number | null = null): Promise<{ id: number; client: Client }> {
  const u = await t.user({ roles, unitId });
  return { id: u.id, client: await t.login(u.username) };
}

/** Scores for the default case rubric (all criteria on 0–10), every criterion the same. */
export function flatScores(score: number): Record<string, number> {
  return {
    real_hardship: score,
    common_prosperity: score,
    institution_building: score,
    social_resources: score,
    pairing: score,
    implemented: score,
  };
}

/** Saves and submits a review through the API; returns the response of the submit. */
export async function submitReview(
  client: Client,
  submissionId: number,
  score: number | Record<string, number>,
  comment = '思路清晰,成效明显。',
) {
  const scores = typeof score === 'number' ? flatScores(score) : score;
  return client.request('PUT', `/api/reviews/cases/${submissionId}/submit`, { scores, comment, privateNote: '私下说明:材料略显单薄' });
}
