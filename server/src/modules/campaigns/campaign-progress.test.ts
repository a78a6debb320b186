import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignProgressDto, ProgressRow } from '../../../../contracts/campaigns.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

/**
 * A hand-written fixture: campaign P with tracks A (coordinated by coordA, of
 * unit NORTH) and B (coordinated by coordB); units SOUTH and NORTH, plus the
 * institute itself; and campaign Q whose rows must never leak into P's counts.
 */
let t: TestApp;
let campaignP: number;
let campaignQ: number;
let trackA: number;
let trackB: number;
let trackQ: number;
let south: number;
let north: number;
let institute: number;
let author: number;
const clients: Record<string, Client> = {};

const hours = (h: number) => new Date(Date.UTC(2030, 4, 1) + h * 3600_000);

async function submission(track: number, campaign: number, unit: number, facts: Record<string, Date | null> = {}) {
  await t.db
    .insertInto('submissions')
    .values({ campaign_id: campaign, track_id: track, unit_id: unit, created_by: author, title: '案例', ...facts })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  institute = await t.unit({ name: '学院本部', kind: 'institute', city: '南京' });
  south = await t.unit({ name: '苏州分院', city: '苏州' });
  north = await t.unit({ name: '宿迁分院', city: '宿迁' });
  author = (await t.user({ roles: ['mentor'], unitId: south })).id;
  const coordA = await t.user({ roles: ['track_coordinator'], unitId: north });
  const coordB = await t.user({ roles: ['track_coordinator'], unitId: north });

  const insertCampaign = async (year: number) =>
    (
      await t.db
        .insertInto('campaigns')
        .values({ year, title: `${year}年活动`, status: 'open', settings: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const insertTrack = async (campaign: number, code: string, coordinator: number, sortOrder: number) =>
    (
      await t.db
        .insertInto('tracks')
        .values({
          campaign_id: campaign,
          code,
          name: `类别${code}`,
          kind: 'case',
          host_unit_id: north,
          coordinator_user_id: coordinator,
          contact_name: null,
          contact_email: null,
          contact_phone: null,
          sort_order: sortOrder,
          form_template: JSON.stringify({ sections: [], attachmentSlots: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  campaignP = await insertCampaign(2030);
  campaignQ = await insertCampaign(2029);
  trackA = await insertTrack(campaignP, 'A', coordA.id, 0);
  trackB = await insertTrack(campaignP, 'B', coordB.id, 1);
  trackQ = await insertTrack(campaignQ, 'A', coordA.id, 0);
  await t.db.insertInto('track_quota_overrides').values({ track_id: trackA, unit_id: south, quota: 5 }).execute();

  // Track A, unit SOUTH: one of each state, and a discarded draft.
  await submission(trackA, campaignP, south); // draft
  await submission(trackA, campaignP, south, { deleted_at: hours(1) }); // discarded: never counted
  await submission(trackA, campaignP, south, { submitted_at: hours(1) }); // submitted
  await submission(trackA, campaignP, south, { submitted_at: hours(1), returned_at: hours(2) }); // returned
  await submission(trackA, campaignP, south, { submitted_at: hours(3), returned_at: hours(2) }); // resubmitted after return → submitted
  await submission(trackA, campaignP, south, { submitted_at: hours(1), accepted_at: hours(2) }); // accepted
  await submission(trackA, campaignP, south, { submitted_at: hours(1), withdrawn_at: hours(2) }); // withdrawn
  // Track A, unit NORTH: one submitted, one draft.
  await submission(trackA, campaignP, north, { submitted_at: hours(1) });
  await submission(trackA, campaignP, north);
  // Track B, unit SOUTH: one accepted.
  await submission(trackB, campaignP, south, { submitted_at: hours(1), accepted_at: hours(5) });
  // Another campaign, same unit and track code: must never count in P.
  await submission(trackQ, campaignQ, south, { submitted_at: hours(1) });
  await submission(trackQ, campaignQ, south);

  const login = async (name: string, roles: Parameters<TestApp['user']>[0]['roles'], unitId: number | null) => {
    clients[name] = await t.login((await t.user({ roles, unitId })).username);
  };
  await login('admin', ['institute_admin'], null);
  clients.coordA = await t.login(coordA.username);
  await login('officerSouth', ['unit_officer'], south);
  await login('mentor', ['mentor'], south);
  await login('leader', ['unit_leader'], south);
  await login('reviewer', ['reviewer'], null);
});
afterAll(() => t.close());

async function progress(who: string, query = '', campaign = campaignP): Promise<CampaignProgressDto> {
  const res = await clients[who]!.get(`/api/campaigns/${campaign}/progress${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<CampaignProgressDto>();
}
const rowOf = (p: CampaignProgressDto, track: number, unit: number) => p.rows.find((r) => r.trackId === track && r.unitId === unit);
const cells = (r: ProgressRow | undefined) =>
  r && {
    drafts: r.drafts,
    submitted: r.submitted,
    returned: r.returned,
    accepted: r.accepted,
    withdrawn: r.withdrawn,
    quota: r.quota,
    quotaUsed: r.quotaUsed,
  };

describe('GET /api/campaigns/:id/progress', () => {
  it('refuses callers without a session, roles with nothing to see, bad filters and unknown campaigns', async () => {
    expectError(await t.anonymous().get(`/api/campaigns/${campaignP}/progress`), 401, 'unauthenticated');
    expectError(await clients.mentor!.get(`/api/campaigns/${campaignP}/progress`), 403, 'not_progress_viewer');
    expectError(await clients.leader!.get(`/api/campaigns/${campaignP}/progress`), 403, 'not_progress_viewer');
    expectError(await clients.reviewer!.get(`/api/campaigns/${campaignP}/progress`), 403, 'not_progress_viewer');
    expectError(await clients.admin!.get(`/api/campaigns/${campaignP}/progress?region=mars`), 400, 'validation_failed');
    expectError(await clients.admin!.get('/api/campaigns/99999/progress'), 404, 'not_found');
  });

  it('counts each state per track and unit for the institute admin, from this campaign only', async () => {
    const p = await progress('admin');
    expect(p.scope).toBe('institute');
    expect(p.tracks.map((tr) => tr.code)).toEqual(['A', 'B']);
    expect(cells(rowOf(p, trackA, south))).toEqual({
      drafts: 1,
      submitted: 2,
      returned: 1,
      accepted: 1,
      withdrawn: 1,
      quota: 5,
      quotaUsed: 4,
    });
    expect(cells(rowOf(p, trackA, north))).toEqual({
      drafts: 1,
      submitted: 1,
      returned: 0,
      accepted: 0,
      withdrawn: 0,
      quota: 2,
      quotaUsed: 1,
    });
    expect(cells(rowOf(p, trackB, south))).toEqual({
      drafts: 0,
      submitted: 0,
      returned: 0,
      accepted: 1,
      withdrawn: 0,
      quota: 2,
      quotaUsed: 1,
    });
    expect(cells(rowOf(p, trackB, north))).toEqual({
      drafts: 0,
      submitted: 0,
      returned: 0,
      accepted: 0,
      withdrawn: 0,
      quota: 2,
      quotaUsed: 0,
    });
    // The institute itself submits nothing here, so it has no row; every branch does.
    expect(p.rows.some((r) => r.unitId === institute)).toBe(false);
    expect(p.rows).toHaveLength(4);
    expect(p.tracks[0]!.totals).toEqual({ drafts: 2, submitted: 3, returned: 1, accepted: 1, withdrawn: 1, quota: 7, quotaUsed: 5 });
    expect(p.tracks[1]!.totals).toMatchObject({ accepted: 1, quotaUsed: 1, quota: 4 });
    expect(rowOf(p, trackA, south)).toMatchObject({ unitName: '苏州分院', region: 'south' });

    const other = await progress('admin', '', campaignQ);
    expect(cells(rowOf(other, trackQ, south))).toMatchObject({ drafts: 1, submitted: 1, quotaUsed: 1 });
  });

  it('filters by region', async () => {
    const p = await progress('admin', '?region=north');
    expect(new Set(p.rows.map((r) => r.unitId))).toEqual(new Set([north]));
    expect(p.tracks[0]!.totals).toMatchObject({ submitted: 1, quotaUsed: 1 });
  });

  it('shows a coordinator their own tracks only, without other units’ draft counts', async () => {
    const p = await progress('coordA');
    expect(p.scope).toBe('limited');
    expect(p.tracks.map((tr) => tr.code)).toEqual(['A']);
    expect(new Set(p.rows.map((r) => r.trackId))).toEqual(new Set([trackA]));
    expect(cells(rowOf(p, trackA, south))).toEqual({
      drafts: null,
      submitted: 2,
      returned: 1,
      accepted: 1,
      withdrawn: 1,
      quota: 5,
      quotaUsed: 4,
    });
    // The coordinator's own unit is theirs to see.
    expect(rowOf(p, trackA, north)?.drafts).toBe(1);
    expect(p.tracks[0]!.totals.drafts).toBeNull();
  });

  it('shows a unit officer their own unit only, on every track', async () => {
    const p = await progress('officerSouth');
    expect(new Set(p.rows.map((r) => r.unitId))).toEqual(new Set([south]));
    expect(p.tracks.map((tr) => tr.code)).toEqual(['A', 'B']);
    expect(cells(rowOf(p, trackA, south))).toMatchObject({ drafts: 1, quotaUsed: 4, quota: 5 });
    expect(p.tracks[1]!.totals).toMatchObject({ drafts: 0, accepted: 1 });
  });
});
