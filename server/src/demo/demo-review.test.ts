import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentBoardDto, AutoAssignPreviewDto, ReviewPoolDto, ReviewSettingsDto } from '../../../contracts/review-assignment.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { prepareInitialData } from './initial-data.ts';

let t: TestApp;
let trackId: number;
beforeAll(async () => {
  t = await createTestApp({ demoData: true });
  await prepareInitialData(t.db, t.config, t.app.log);
  trackId = (
    await t.db
      .selectFrom('tracks as t')
      .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
      .select('t.id')
      .where('c.year', '=', 2024)
      .where('t.code', '=', 'YX')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

describe('the demo review round (研学实践优秀案例)', () => {
  it('has closed for submissions and reviews within two weeks', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const settings = (await admin.get(`/api/tracks/${trackId}/review-settings`)).json<ReviewSettingsDto>();
    const closes = new Date(settings.reviewClosesAt!).getTime();
    expect(closes - Date.now()).toBeGreaterThan(13 * 24 * 3600_000);
    expect(closes - Date.now()).toBeLessThan(15 * 24 * 3600_000);
    const track = await t.db
      .selectFrom('tracks')
      .select(['submission_closes_at', 'revision_closes_at'])
      .where('id', '=', trackId)
      .executeTakeFirstOrThrow();
    expect(track.submission_closes_at!.getTime()).toBeLessThan(Date.now());
    expect(track.revision_closes_at!.getTime()).toBeLessThan(Date.now());
  });

  it('holds eight accepted cases from eight units, no assignments yet, and a pool of four with one external expert', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const board = (await admin.get(`/api/tracks/${trackId}/assignments`)).json<AssignmentBoardDto>();
    expect(board.cases).toHaveLength(8);
    expect(new Set(board.cases.map((c) => c.unit.id)).size).toBe(8);
    expect(board.cases.map((c) => c.receiptNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `2024-YX-000${n}`));
    expect(board.cases.every((c) => c.reviewers.length === 0)).toBe(true);
    const pool = (await admin.get(`/api/tracks/${trackId}/review-pool`)).json<ReviewPoolDto>();
    expect(pool.members.map((m) => [m.username, m.kind]).sort()).toEqual([
      ['expert1', 'staff'],
      ['expert2', 'staff'],
      ['expert3', 'external'],
      ['reviewer', 'staff'],
    ]);
    // The cases are written out, without a mobile number anywhere.
    const texts = await t.db.selectFrom('submissions').select(['sections', 'contact_phone']).where('track_id', '=', trackId).execute();
    expect(JSON.stringify(texts).match(/(?<!\d)1[3-9]\d{9}(?!\d)/g)).toBeNull();
    expect(texts.every((x) => Object.values(x.sections).every((v) => v.length >= 150))).toBe(true);
  });

  it('lets the admin assign everything automatically: three per case, six each', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const plan = (await admin.post(`/api/tracks/${trackId}/assignments/auto-preview`)).json<AutoAssignPreviewDto>();
    expect(plan.unsatisfied).toEqual([]);
    expect(plan.loads.map((l) => l.load)).toEqual([6, 6, 6, 6]);
  });
});
