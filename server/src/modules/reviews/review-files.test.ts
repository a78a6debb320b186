import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewCaseDto } from '../../../../contracts/reviews.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { sentCase, unitPeople } from '../submissions/test-fixtures.ts';
import { assign, declareConflict, expectError, person, seedCampaign, type Fixture } from './test-fixtures.ts';

let t: TestApp;
let f: Fixture;
let caseId: number;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  const people = await unitPeople(t, f.unit);
  caseId = (await sentCase(f, people)).id;
  await t.db.updateTable('submissions').set({ accepted_at: new Date() }).where('id', '=', caseId).execute();
});
afterAll(() => t.close());

describe("a case's attachments for its reviewers (GET /api/files/:id)", () => {
  it('the assigned reviewer downloads them; an unassigned or conflicted reviewer is refused', async () => {
    const assigned = await person(t, ['reviewer']);
    const unassigned = await person(t, ['reviewer']);
    const conflicted = await person(t, ['reviewer']);
    await assign(t, caseId, assigned.id);
    await assign(t, caseId, conflicted.id);
    await declareConflict(t, f.campaignId, conflicted.id, f.unit);

    const dto = (await assigned.client.get(`/api/reviews/cases/${caseId}`)).json<ReviewCaseDto>();
    expect(dto.attachments.map((a) => [a.slotLabel, a.name])).toEqual([['案例全文', '案例全文.pdf']]);
    const url = `/api/files/${dto.attachments[0]!.fileId}`;

    expectError(await unassigned.client.get(url), 403, 'forbidden');
    expectError(await conflicted.client.get(url), 403, 'forbidden');
    const res = await assigned.client.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
