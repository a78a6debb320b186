import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { QuotaUsageDto, SubmissionDetail, SubmissionListItem } from '../../../../contracts/submissions.ts';
import { DEMO_PASSWORD } from '../../demo/demo-accounts.ts';
import { prepareInitialData } from '../../demo/initial-data.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoData: true });
  await prepareInitialData(t.db, t.config, t.app.log);
});
afterAll(() => t.close());

describe('the demo campaign for drafting', () => {
  it('is open today, with quotas, form templates and two drafts in 南京工程分院', async () => {
    const officer = await t.login('officer', DEMO_PASSWORD);
    const list = (await officer.get('/api/submissions')).json<Page<SubmissionListItem>>();
    expect(list.items.map((i) => [i.track.code, i.status]).sort()).toEqual([
      ['DS', 'draft'],
      ['FZ', 'draft'],
    ]);
    const campaignId = (await t.db.selectFrom('campaigns').select('id').where('year', '=', 2024).executeTakeFirstOrThrow()).id;
    const usage = (await officer.get(`/api/campaigns/${campaignId}/quota-usage`)).json<QuotaUsageDto[]>();
    expect(usage.map((u) => [u.trackCode, u.quota, u.drafts])).toEqual([
      ['FZ', 2, 1],
      ['SY', 2, 0],
      ['YX', 2, 0],
      ['DS', 2, 1],
    ]);
    const draft = (await officer.get(`/api/submissions/${list.items.find((i) => i.track.code === 'FZ')!.id}`)).json<SubmissionDetail>();
    expect(draft.template.sections.length).toBe(4);
    // The calendar is not what stops it: only the unit's own steps and the missing content do.
    const codes = draft.problems!.map((x) => x.code);
    expect(codes).not.toContain('deadline_passed');
    expect(codes).not.toContain('track_not_open');
    expect(codes).toContain('not_selected');
    // The mentor wrote it and may go on; the leader may sign off.
    const mentor = await t.login('mentor', DEMO_PASSWORD);
    expect((await mentor.get(`/api/submissions/${draft.id}`)).json<SubmissionDetail>().abilities.edit.allowed).toBe(true);
    const leader = await t.login('leader', DEMO_PASSWORD);
    expect((await leader.post(`/api/submissions/${draft.id}/approve`)).statusCode).toBe(200);
  });
});
