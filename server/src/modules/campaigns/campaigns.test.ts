import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDto } from '../../../../contracts/campaigns.ts';
import { roles } from '../../../../contracts/roles.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

let t: TestApp;
let hostUnit: number;
let coordinatorId: number;

beforeAll(async () => {
  t = await createTestApp();
  hostUnit = await t.unit({ name: '徐州经贸分院', city: '徐州' });
  coordinatorId = (await t.user({ roles: ['track_coordinator'], unitId: hostUnit })).id;
});
afterAll(() => t.close());

/** Written straight to the database: this file is about the list, not about setting campaigns up (see campaign-setup.test.ts). */
async function seedCampaign(
  year: number,
  tracks: { code: string; name: string; sortOrder: number; subtypes?: string[]; withHost?: boolean }[],
) {
  const campaign = await t.db
    .insertInto('campaigns')
    .values({
      year,
      title: `${year}年“苏乡永助”资助育人主题活动`,
      status: 'open',
      notice_text: '通知正文',
      summary_due_on: `${year}-09-20`,
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const track of tracks) {
    const { id } = await t.db
      .insertInto('tracks')
      .values({
        campaign_id: campaign.id,
        code: track.code,
        name: track.name,
        kind: 'case',
        host_unit_id: track.withHost ? hostUnit : null,
        coordinator_user_id: track.withHost ? coordinatorId : null,
        contact_name: track.withHost ? '李老师' : null,
        contact_email: null,
        contact_phone: track.withHost ? '051612345678' : null,
        sort_order: track.sortOrder,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, name] of (track.subtypes ?? []).entries()) {
      await t.db
        .insertInto('track_subtypes')
        .values({ track_id: id, code: `S${i + 1}`, name, description: null, sort_order: i })
        .execute();
    }
  }
  return campaign.id;
}

describe('GET /api/campaigns', () => {
  it('requires a session, and a settled password', async () => {
    expectError(await t.anonymous().get('/api/campaigns'), 401, 'unauthenticated');
    const pending = await t.user({ roles: ['reviewer'], mustChangePassword: true });
    expectError(await (await t.login(pending.username)).get('/api/campaigns'), 403, 'password_change_required');
  });

  it('is an empty list before any campaign exists', async () => {
    const reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);
    const res = await reviewer.get('/api/campaigns');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });

  describe('once campaigns exist', () => {
    beforeAll(async () => {
      await seedCampaign(2024, [{ code: 'OLD', name: '往年类别', sortOrder: 0 }]);
      await seedCampaign(2025, [
        { code: 'CAREER', name: '生涯规划指导优秀案例', sortOrder: 2 },
        {
          code: 'DEV',
          name: '发展型资助育人优秀案例',
          sortOrder: 1,
          withHost: true,
          subtypes: ['系统性制度及实施', '某个或某类项目', '育人导师或导师团队个案'],
        },
      ]);
    });

    it.each(roles)('shows every campaign, newest year first, with tracks in order, to %s', async (role) => {
      const u = await t.user({ roles: [role], unitId: role === 'institute_admin' || role === 'reviewer' ? null : hostUnit });
      const res = await (await t.login(u.username)).get('/api/campaigns');
      expect(res.statusCode).toBe(200);
      const campaigns = res.json<CampaignDto[]>();
      expect(campaigns.map((c) => c.year)).toEqual([2025, 2024]);
      const [latest] = campaigns;
      expect(latest).toMatchObject({
        title: '2025年“苏乡永助”资助育人主题活动',
        status: 'open',
        noticeText: '通知正文',
        summaryDueOn: '2025-09-20',
      });
      expect(latest!.tracks.map((tr) => tr.code)).toEqual(['DEV', 'CAREER']);
      expect(latest!.tracks[0]).toMatchObject({
        id: expect.any(Number),
        code: 'DEV',
        name: '发展型资助育人优秀案例',
        kind: 'case',
        hostUnit: { id: hostUnit, name: '徐州经贸分院' },
        contactName: '李老师',
        contactEmail: null,
        contactPhone: '051612345678',
        coordinator: { id: coordinatorId, displayName: expect.any(String) },
        subtypes: [
          { id: expect.any(Number), code: 'S1', name: '系统性制度及实施', description: null },
          { id: expect.any(Number), code: 'S2', name: '某个或某类项目', description: null },
          { id: expect.any(Number), code: 'S3', name: '育人导师或导师团队个案', description: null },
        ],
        // Columns the seed left to their defaults.
        opensAt: null,
        submissionClosesAt: null,
        revisionClosesAt: null,
        defaultQuota: 2,
        upwardQuota: 3,
        quotaOverrideCount: 0,
        formTemplate: { sections: [], attachmentSlots: [] },
      });
      // Abilities travel with the data: only the institute admin may change anything.
      const admin = role === 'institute_admin';
      expect(latest!.abilities).toMatchObject({ update: admin, copy: admin, review: admin, open: false, delete: false });
      expect(latest!.tracks[0]!.abilities).toEqual({ update: admin, delete: false });
      expect(latest!.tracks[1]).toMatchObject({ hostUnit: null, coordinator: null, subtypes: [] });
      // Each campaign carries only its own tracks.
      expect(campaigns[1]!.tracks.map((tr) => tr.code)).toEqual(['OLD']);
    });
  });
});
