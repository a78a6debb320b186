import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDto, OpeningProblem, QuotaOverrideDto, TrackDto } from '../../../../contracts/campaigns.ts';
import { defaultFormTemplate, type FormTemplate } from '../../../../contracts/form-template.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { expectError } from '../../test/expect-error.ts';

let t: TestApp;
let admin: Client;
let officer: Client;
let mentor: Client;
let coordinatorClient: Client;
let hostUnit: number;
let otherUnit: number;
let coordinatorId: number;
let secondCoordinatorId: number;
let mentorId: number;

beforeAll(async () => {
  t = await createTestApp();
  hostUnit = await t.unit({ name: '徐州经贸分院', city: '徐州' });
  otherUnit = await t.unit({ name: '南京工程分院', city: '南京' });
  const coordinator = await t.user({ roles: ['track_coordinator'], unitId: hostUnit });
  coordinatorId = coordinator.id;
  secondCoordinatorId = (await t.user({ roles: ['track_coordinator', 'reviewer'], unitId: otherUnit })).id;
  const mentorUser = await t.user({ roles: ['mentor'], unitId: otherUnit });
  mentorId = mentorUser.id;
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
  officer = await t.login((await t.user({ roles: ['unit_officer'], unitId: otherUnit })).username);
  mentor = await t.login(mentorUser.username);
  coordinatorClient = await t.login(coordinator.username);
});
afterAll(() => t.close());

const put = (client: Client, url: string, body: unknown) => client.request('PUT', url, body);

let nextYear = 2030;
async function newCampaign(fields: Record<string, unknown> = {}): Promise<CampaignDto> {
  nextYear += 1;
  const res = await admin.post('/api/campaigns', { year: nextYear, title: `${nextYear}年“苏乡永助”资助育人主题活动`, ...fields });
  expect(res.statusCode).toBe(201);
  return res.json<CampaignDto>();
}

/** Everything a track needs to open, for the year of its campaign. */
function readyFields(year: number, coordinator = coordinatorId) {
  return {
    hostUnitId: hostUnit,
    coordinatorUserId: coordinator,
    contactName: '李老师',
    contactPhone: '0516-8000 0001',
    contactEmail: 'li@example.edu.cn',
    opensAt: `${year}-05-01T09:00:00+08:00`,
    submissionClosesAt: `${year}-06-30T17:00:00+08:00`,
    revisionClosesAt: `${year}-07-15T17:00:00+08:00`,
  };
}

async function makeReady(campaign: CampaignDto) {
  for (const track of campaign.tracks) {
    const res = await admin.patch(`/api/tracks/${track.id}`, readyFields(campaign.year));
    expect(res.statusCode).toBe(200);
  }
}

async function auditRows(action: string, entityId: number) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'summary', 'actor_user_id'])
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

async function insertSubmission(track: TrackDto, campaignId: number, facts: Record<string, unknown> = {}) {
  const row = await t.db
    .insertInto('submissions')
    .values({ campaign_id: campaignId, track_id: track.id, unit_id: otherUnit, created_by: mentorId, title: '案例', ...facts })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('POST /api/campaigns', () => {
  it('needs a session, a settled password and the institute admin', async () => {
    expectError(await t.anonymous().post('/api/campaigns', { year: 2040, title: 'x' }), 401, 'unauthenticated');
    const pending = await t.login((await t.user({ roles: ['institute_admin'], mustChangePassword: true })).username);
    expectError(await pending.post('/api/campaigns', { year: 2040, title: 'x' }), 403, 'password_change_required');
    expectError(await officer.post('/api/campaigns', { year: 2040, title: 'x' }), 403, 'not_institute_admin');
    expectError(await coordinatorClient.post('/api/campaigns', { year: 2040, title: 'x' }), 403, 'not_institute_admin');
  });

  it('refuses bad input with field issues', async () => {
    const res = await admin.post('/api/campaigns', {
      year: 1999,
      title: '',
      summaryDueOn: '9月20日',
      eligibility: { programme: '', grades: [6] },
    });
    expectError(res, 400, 'validation_failed');
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['year', 'title', 'summaryDueOn', 'eligibility.programme', 'eligibility.grades.0']));
  });

  it('creates a draft with the notice’s four tracks, their forms, quotas and no deadlines', async () => {
    const campaign = await newCampaign({ noticeText: '通知正文', summaryDueOn: '2031-09-20' });
    expect(campaign).toMatchObject({
      year: 2031,
      status: 'draft',
      noticeText: '通知正文',
      summaryDueOn: '2031-09-20',
      eligibility: { programme: '五年制高职', grades: [4, 5] },
      files: [],
    });
    expect(campaign.tracks.map((tr) => [tr.code, tr.name, tr.kind])).toEqual([
      ['FZ', '发展型资助育人优秀案例', 'case'],
      ['SY', '生涯规划指导优秀案例', 'case'],
      ['YX', '研学实践优秀案例', 'case'],
      ['DS', '江苏学生资助宣传大使', 'ambassador'],
    ]);
    expect(campaign.tracks[0]!.subtypes.map((s) => s.name)).toEqual([
      '系统性发展型资助制度及其实施',
      '某个或某类发展型资助项目',
      '育人导师或导师团队的发展型资助育人个案',
    ]);
    for (const track of campaign.tracks) {
      expect(track).toMatchObject({ defaultQuota: 2, upwardQuota: 3, opensAt: null, submissionClosesAt: null, revisionClosesAt: null });
      expect(track.formTemplate).toEqual(defaultFormTemplate(track.code, track.kind));
      expect(track.hostUnit).toBeNull();
    }
    expect(campaign.tracks[3]!.formTemplate.sections.map((s) => s.title)).toEqual(['个人简介', '受助经历与成长', '宣传活动计划/记录']);
    expect(campaign.abilities).toMatchObject({ update: true, open: false, delete: true, addTrack: true, copy: true });
    expect(campaign.reasons.open).toBe('campaign_not_ready');
    expect(await auditRows('campaign.created', campaign.id)).toHaveLength(1);
  });

  it('refuses a second campaign for the same year', async () => {
    const campaign = await newCampaign();
    expectError(await admin.post('/api/campaigns', { year: campaign.year, title: '重复' }), 409, 'campaign_year_taken');
  });
});

describe('GET /api/campaigns/:id', () => {
  it('is 401 without a session, 404 for an unknown id, and shown to every staff role', async () => {
    const campaign = await newCampaign();
    expectError(await t.anonymous().get(`/api/campaigns/${campaign.id}`), 401, 'unauthenticated');
    expectError(await mentor.get('/api/campaigns/99999'), 404, 'not_found');
    const res = await mentor.get(`/api/campaigns/${campaign.id}`);
    expect(res.statusCode).toBe(200);
    const seen = res.json<CampaignDto>();
    expect(seen.tracks).toHaveLength(4);
    expect(seen.abilities).toMatchObject({ update: false, open: false, copy: false, delete: false, viewProgress: false });
    // What is missing before opening is the admin's business.
    expect(seen.openingProblems).toEqual([]);
  });
});

describe('PATCH /api/campaigns/:id', () => {
  it('refuses bad input, others than the admin, unknown ids and a year in use', async () => {
    const campaign = await newCampaign();
    const other = await newCampaign();
    expectError(await admin.patch(`/api/campaigns/${campaign.id}`, { summaryDueOn: '2031-02-30' }), 400, 'validation_failed');
    expectError(
      await admin.patch(`/api/campaigns/${campaign.id}`, { eligibility: { programme: '五年制高职', grades: [] } }),
      400,
      'validation_failed',
    );
    expectError(await mentor.patch(`/api/campaigns/${campaign.id}`, { title: '改' }), 403, 'not_institute_admin');
    expectError(await admin.patch('/api/campaigns/99999', { title: '改' }), 404, 'not_found');
    expectError(await admin.patch(`/api/campaigns/${campaign.id}`, { year: other.year }), 409, 'campaign_year_taken');
  });

  it('saves title, notice, summary date and eligibility, with a before/after audit row', async () => {
    const campaign = await newCampaign();
    const res = await admin.patch(`/api/campaigns/${campaign.id}`, {
      title: '新标题',
      noticeText: '新的通知正文',
      summaryDueOn: `${campaign.year}-09-20`,
      eligibility: { programme: '五年制高职', grades: [3, 4, 5] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<CampaignDto>()).toMatchObject({
      title: '新标题',
      noticeText: '新的通知正文',
      summaryDueOn: `${campaign.year}-09-20`,
      eligibility: { programme: '五年制高职', grades: [3, 4, 5] },
    });
    const stored = await t.db.selectFrom('campaigns').select('settings').where('id', '=', campaign.id).executeTakeFirstOrThrow();
    expect(stored.settings).toEqual({ eligibility: { programme: '五年制高职', grades: [3, 4, 5] } });
    const [row] = await auditRows('campaign.updated', campaign.id);
    expect(row!.summary).toMatchObject({ before: { title: campaign.title }, after: { title: '新标题' } });
  });

  it('refuses changes to a closed campaign', async () => {
    const campaign = await newCampaign();
    await t.db.updateTable('campaigns').set({ status: 'closed' }).where('id', '=', campaign.id).execute();
    expectError(await admin.patch(`/api/campaigns/${campaign.id}`, { title: '改' }), 409, 'campaign_closed');
    expectError(await admin.patch(`/api/tracks/${campaign.tracks[0]!.id}`, { defaultQuota: 5 }), 409, 'campaign_closed');
  });
});

describe('opening and the status transitions', () => {
  it('refuses to open until every track has deadlines, a host unit and a coordinator, listing what is missing', async () => {
    const campaign = await newCampaign();
    const res = await admin.post(`/api/campaigns/${campaign.id}/open`);
    expectError(res, 409, 'campaign_not_ready');
    const problems = res.json().details.problems as OpeningProblem[];
    expect(problems).toHaveLength(12);
    expect(problems.filter((p) => p.trackId === campaign.tracks[0]!.id).map((p) => p.code)).toEqual([
      'track_deadlines_missing',
      'track_host_missing',
      'track_coordinator_missing',
    ]);
    expect(problems[0]!.message).toContain('“发展型资助育人优秀案例”');
    expect(res.json().issues).toHaveLength(12);
    // The same list travels with the campaign, so the page shows it before anyone presses the button.
    const seen = (await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>();
    expect(seen.openingProblems.map((p) => p.code)).toEqual(problems.map((p) => p.code));
    expect(await t.db.selectFrom('campaigns').select('status').where('id', '=', campaign.id).executeTakeFirstOrThrow()).toEqual({
      status: 'draft',
    });
  });

  it('refuses a campaign with no tracks at all', async () => {
    const campaign = await newCampaign();
    await t.db.deleteFrom('tracks').where('campaign_id', '=', campaign.id).execute();
    const res = await admin.post(`/api/campaigns/${campaign.id}/open`);
    expectError(res, 409, 'campaign_not_ready');
    expect(res.json().details.problems.map((p: OpeningProblem) => p.code)).toEqual(['campaign_no_tracks']);
  });

  it('names a coordinator whose account was disabled after being assigned', async () => {
    const campaign = await newCampaign();
    const leaving = await t.user({ roles: ['track_coordinator'], unitId: hostUnit });
    await makeReady(campaign);
    await admin.patch(`/api/tracks/${campaign.tracks[1]!.id}`, { coordinatorUserId: leaving.id });
    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', leaving.id).execute();
    const res = await admin.post(`/api/campaigns/${campaign.id}/open`);
    expectError(res, 409, 'campaign_not_ready');
    expect(res.json().details.problems).toEqual([
      expect.objectContaining({ trackId: campaign.tracks[1]!.id, code: 'coordinator_not_eligible' }),
    ]);
  });

  it('goes draft → open → reviewing → closed, one step at a time, each step in the audit log', async () => {
    const campaign = await newCampaign();
    await makeReady(campaign);
    expectError(await officer.post(`/api/campaigns/${campaign.id}/open`), 403, 'not_institute_admin');
    expectError(await admin.post(`/api/campaigns/${campaign.id}/close`), 409, 'campaign_status_invalid');
    expectError(await admin.post('/api/campaigns/99999/open'), 404, 'not_found');

    const opened = await admin.post(`/api/campaigns/${campaign.id}/open`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json<CampaignDto>()).toMatchObject({
      status: 'open',
      abilities: { open: false, review: true, addTrack: false, delete: false },
    });
    expectError(await admin.post(`/api/campaigns/${campaign.id}/open`), 409, 'campaign_status_invalid');

    expect((await admin.post(`/api/campaigns/${campaign.id}/review`)).json<CampaignDto>().status).toBe('reviewing');
    expect((await admin.post(`/api/campaigns/${campaign.id}/close`)).json<CampaignDto>().status).toBe('closed');
    expect((await auditRows('campaign.opened', campaign.id))[0]!.summary).toEqual({
      before: { status: 'draft' },
      after: { status: 'open' },
    });
    expect(await auditRows('campaign.review_started', campaign.id)).toHaveLength(1);
    expect(await auditRows('campaign.closed', campaign.id)).toHaveLength(1);
  });

  it('once open, refuses a change that would leave a track unable to take submissions', async () => {
    const campaign = await newCampaign();
    await makeReady(campaign);
    await admin.post(`/api/campaigns/${campaign.id}/open`);
    const track = campaign.tracks[0]!;
    expectError(await admin.patch(`/api/tracks/${track.id}`, { coordinatorUserId: null }), 409, 'track_coordinator_missing');
    expectError(await admin.patch(`/api/tracks/${track.id}`, { revisionClosesAt: null }), 409, 'track_deadlines_missing');
    // Extending a deadline is what an open campaign needs most.
    const later = await admin.patch(`/api/tracks/${track.id}`, {
      submissionClosesAt: `${campaign.year}-07-05T17:00:00+08:00`,
      revisionClosesAt: `${campaign.year}-07-20T17:00:00+08:00`,
    });
    expect(later.statusCode).toBe(200);
    expect(later.json<TrackDto>().submissionClosesAt).toBe(new Date(`${campaign.year}-07-05T17:00:00+08:00`).toISOString());
  });
});

describe('PATCH /api/tracks/:id', () => {
  it('refuses deadlines out of order, bad contacts, unknown units and users, and non-coordinators', async () => {
    const campaign = await newCampaign();
    const id = campaign.tracks[0]!.id;
    const y = campaign.year;
    const wrongOrder = await admin.patch(`/api/tracks/${id}`, {
      opensAt: `${y}-06-01T00:00:00+08:00`,
      submissionClosesAt: `${y}-05-01T00:00:00+08:00`,
    });
    expectError(wrongOrder, 400, 'track_deadlines_order');
    expectError(
      await admin.patch(`/api/tracks/${id}`, {
        submissionClosesAt: `${y}-06-01T00:00:00+08:00`,
        revisionClosesAt: `${y}-05-31T00:00:00+08:00`,
      }),
      400,
      'track_deadlines_order',
    );
    expectError(await admin.patch(`/api/tracks/${id}`, { opensAt: 'next monday' }), 400, 'validation_failed');
    const contact = await admin.patch(`/api/tracks/${id}`, { contactEmail: 'not-an-email', contactPhone: '12345' });
    expectError(contact, 400, 'validation_failed');
    expect(
      contact
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['contactEmail', 'contactPhone']);
    expectError(await admin.patch(`/api/tracks/${id}`, { defaultQuota: -1 }), 400, 'validation_failed');
    expectError(await admin.patch(`/api/tracks/${id}`, { hostUnitId: 99999 }), 404, 'not_found');
    expectError(await admin.patch(`/api/tracks/${id}`, { coordinatorUserId: 99999 }), 404, 'not_found');
    expectError(await admin.patch(`/api/tracks/${id}`, { coordinatorUserId: mentorId }), 400, 'coordinator_not_eligible');
    expectError(await admin.patch('/api/tracks/99999', { name: '改' }), 404, 'not_found');
    expectError(await coordinatorClient.patch(`/api/tracks/${id}`, { name: '改' }), 403, 'not_institute_admin');
  });

  it('saves every setting, accepting mobile and landline numbers, with a before/after audit row', async () => {
    const campaign = await newCampaign();
    const id = campaign.tracks[1]!.id;
    const res = await admin.patch(`/api/tracks/${id}`, {
      ...readyFields(campaign.year, secondCoordinatorId),
      name: '生涯规划指导优秀案例(修订)',
      description: '说明',
      defaultQuota: 4,
      upwardQuota: 5,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<TrackDto>()).toMatchObject({
      name: '生涯规划指导优秀案例(修订)',
      hostUnit: { id: hostUnit, name: '徐州经贸分院' },
      coordinator: { id: secondCoordinatorId },
      contactPhone: '0516-8000 0001',
      opensAt: new Date(`${campaign.year}-05-01T09:00:00+08:00`).toISOString(),
      defaultQuota: 4,
      upwardQuota: 5,
    });
    expect((await admin.patch(`/api/tracks/${id}`, { contactPhone: '13912345678' })).json<TrackDto>().contactPhone).toBe('13912345678');
    expect((await admin.patch(`/api/tracks/${id}`, { contactPhone: '025-83000000' })).statusCode).toBe(200);
    const [row] = await auditRows('track.updated', id);
    expect(row!.summary).toMatchObject({ before: { defaultQuota: 2, hostUnitId: null }, after: { defaultQuota: 4, hostUnitId: hostUnit } });
  });

  it('keeps the code and kind of a track that has submissions', async () => {
    const campaign = await newCampaign();
    const track = campaign.tracks[2]!;
    await insertSubmission(track, campaign.id);
    expectError(await admin.patch(`/api/tracks/${track.id}`, { code: 'YX2' }), 409, 'track_has_submissions');
    expectError(await admin.patch(`/api/tracks/${track.id}`, { kind: 'ambassador' }), 409, 'track_has_submissions');
    expect((await admin.patch(`/api/tracks/${track.id}`, { code: 'YX', name: '研学实践' })).statusCode).toBe(200);
  });
});

describe('adding, deleting and ordering tracks', () => {
  it('adds a track to a draft with the default form of its kind', async () => {
    const campaign = await newCampaign();
    expectError(await admin.post(`/api/campaigns/${campaign.id}/tracks`, { code: 'x1', name: '', kind: 'case' }), 400, 'validation_failed');
    expectError(
      await mentor.post(`/api/campaigns/${campaign.id}/tracks`, { code: 'XX', name: '新类别', kind: 'case' }),
      403,
      'not_institute_admin',
    );
    expectError(
      await admin.post(`/api/campaigns/${campaign.id}/tracks`, { code: 'FZ', name: '重复', kind: 'case' }),
      409,
      'track_code_taken',
    );
    const res = await admin.post(`/api/campaigns/${campaign.id}/tracks`, { code: 'LD', name: '劳动教育案例', kind: 'case' });
    expect(res.statusCode).toBe(201);
    expect(res.json<TrackDto>()).toMatchObject({
      code: 'LD',
      sortOrder: 4,
      defaultQuota: 2,
      upwardQuota: 3,
      formTemplate: defaultFormTemplate('LD', 'case'),
    });
    const seen = (await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>();
    expect(seen.tracks.map((tr) => tr.code)).toEqual(['FZ', 'SY', 'YX', 'DS', 'LD']);
  });

  it('refuses to add or delete tracks once the campaign is open', async () => {
    const campaign = await newCampaign();
    await makeReady(campaign);
    await admin.post(`/api/campaigns/${campaign.id}/open`);
    expectError(
      await admin.post(`/api/campaigns/${campaign.id}/tracks`, { code: 'LD', name: '劳动教育案例', kind: 'case' }),
      409,
      'campaign_not_draft',
    );
    expectError(await admin.delete(`/api/tracks/${campaign.tracks[0]!.id}`), 409, 'campaign_not_draft');
    const seen = (await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>();
    expect(seen.tracks[0]!.abilities.delete).toBe(false);
    expect(seen.tracks[0]!.reasons.delete).toBe('campaign_not_draft');
  });

  it('deletes a track only while nothing was written in it', async () => {
    const campaign = await newCampaign();
    const [fz, sy] = campaign.tracks;
    // Even a deleted draft holds on to its track.
    await insertSubmission(fz!, campaign.id, { deleted_at: new Date() });
    expectError(await admin.delete(`/api/tracks/${fz!.id}`), 409, 'track_has_submissions');
    expectError(await officer.delete(`/api/tracks/${sy!.id}`), 403, 'not_institute_admin');
    expectError(await admin.delete('/api/tracks/99999'), 404, 'not_found');
    expect((await admin.delete(`/api/tracks/${sy!.id}`)).statusCode).toBe(204);
    const seen = (await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>();
    expect(seen.tracks.map((tr) => tr.code)).toEqual(['FZ', 'YX', 'DS']);
    expect(seen.tracks[0]!.reasons.delete).toBe('track_has_submissions');
    expect((await auditRows('track.deleted', sy!.id))[0]!.summary).toMatchObject({ before: { code: 'SY' } });
  });

  it('reorders the tracks, given all of them once', async () => {
    const campaign = await newCampaign();
    const ids = campaign.tracks.map((tr) => tr.id);
    expectError(await put(admin, `/api/campaigns/${campaign.id}/track-order`, { trackIds: ids.slice(1) }), 400, 'track_order_mismatch');
    expectError(
      await put(admin, `/api/campaigns/${campaign.id}/track-order`, { trackIds: [ids[0], ...ids.slice(0, 3)] }),
      400,
      'track_order_mismatch',
    );
    expectError(await put(admin, `/api/campaigns/${campaign.id}/track-order`, { trackIds: [] }), 400, 'validation_failed');
    expectError(await put(mentor, `/api/campaigns/${campaign.id}/track-order`, { trackIds: ids }), 403, 'not_institute_admin');
    const res = await put(admin, `/api/campaigns/${campaign.id}/track-order`, { trackIds: [...ids].reverse() });
    expect(res.statusCode).toBe(200);
    expect(res.json<CampaignDto>().tracks.map((tr) => tr.code)).toEqual(['DS', 'YX', 'SY', 'FZ']);
  });
});

describe('sub-types', () => {
  it('adds, renames and deletes sub-types; one in use stays', async () => {
    const campaign = await newCampaign();
    const fz = campaign.tracks[0]!;
    expectError(await admin.post(`/api/tracks/${fz.id}/subtypes`, { code: 'bad code', name: '' }), 400, 'validation_failed');
    expectError(await officer.post(`/api/tracks/${fz.id}/subtypes`, { code: 'NEW', name: '新子类' }), 403, 'not_institute_admin');
    expectError(await admin.post(`/api/tracks/${fz.id}/subtypes`, { code: 'SYS', name: '重复' }), 409, 'subtype_code_taken');
    const created = await admin.post(`/api/tracks/${fz.id}/subtypes`, { code: 'NEW', name: '新子类' });
    expect(created.statusCode).toBe(201);
    const subtypes = created.json<TrackDto>().subtypes;
    expect(subtypes.map((s) => s.code)).toEqual(['SYS', 'PRJ', 'MEN', 'NEW']);

    const renamed = await admin.patch(`/api/subtypes/${subtypes[3]!.id}`, { name: '改名后的子类', description: '说明' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<TrackDto>().subtypes[3]).toMatchObject({ name: '改名后的子类', description: '说明' });
    expectError(await admin.patch('/api/subtypes/99999', { name: 'x' }), 404, 'not_found');

    await insertSubmission(fz, campaign.id, { subtype_id: subtypes[0]!.id });
    expectError(await admin.delete(`/api/subtypes/${subtypes[0]!.id}`), 409, 'subtype_in_use');
    expectError(await mentor.delete(`/api/subtypes/${subtypes[3]!.id}`), 403, 'not_institute_admin');
    expect((await admin.delete(`/api/subtypes/${subtypes[3]!.id}`)).statusCode).toBe(204);
    const seen = (await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>();
    expect(seen.tracks[0]!.subtypes.map((s) => s.code)).toEqual(['SYS', 'PRJ', 'MEN']);
    expect(await auditRows('subtype.deleted', fz.id)).toHaveLength(1);
  });
});

describe('per-unit quota overrides', () => {
  it('refuses bad lists, unknown units and others than the admin', async () => {
    const campaign = await newCampaign();
    const id = campaign.tracks[0]!.id;
    expectError(await put(admin, `/api/tracks/${id}/quotas`, [{ unitId: otherUnit, quota: -1 }]), 400, 'validation_failed');
    expectError(
      await put(admin, `/api/tracks/${id}/quotas`, [
        { unitId: otherUnit, quota: 1 },
        { unitId: otherUnit, quota: 2 },
      ]),
      400,
      'validation_failed',
    );
    const unknown = await put(admin, `/api/tracks/${id}/quotas`, [{ unitId: 99999, quota: 1 }]);
    expectError(unknown, 404, 'not_found');
    expect(unknown.json().details).toEqual({ unitIds: [99999] });
    expectError(await put(officer, `/api/tracks/${id}/quotas`, []), 403, 'not_institute_admin');
    expectError(await officer.get(`/api/tracks/${id}/quotas`), 403, 'not_institute_admin');
    expectError(await t.anonymous().get(`/api/tracks/${id}/quotas`), 401, 'unauthenticated');
    expectError(await admin.get('/api/tracks/99999/quotas'), 404, 'not_found');
  });

  it('replaces the list, shows it with unit names, and counts it on the track', async () => {
    const campaign = await newCampaign();
    const id = campaign.tracks[0]!.id;
    expect((await admin.get(`/api/tracks/${id}/quotas`)).json()).toEqual([]);
    const res = await put(admin, `/api/tracks/${id}/quotas`, [
      { unitId: hostUnit, quota: 4 },
      { unitId: otherUnit, quota: 0 },
    ]);
    expect(res.statusCode).toBe(200);
    const expected = expect.arrayContaining<QuotaOverrideDto>([
      { unitId: hostUnit, unitName: '徐州经贸分院', unitCode: expect.any(String), quota: 4 },
      { unitId: otherUnit, unitName: '南京工程分院', unitCode: expect.any(String), quota: 0 },
    ]);
    expect(res.json()).toEqual(expected);
    expect((await admin.get(`/api/tracks/${id}/quotas`)).json()).toEqual(expected);
    expect((await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>().tracks[0]!.quotaOverrideCount).toBe(2);
    expect((await put(admin, `/api/tracks/${id}/quotas`, [{ unitId: otherUnit, quota: 3 }])).json()).toHaveLength(1);
    const rows = await auditRows('track.quotas_changed', id);
    expect(rows[1]!.summary).toMatchObject({ after: { overrides: [{ unitId: otherUnit, quota: 3 }] } });
  });
});

describe('PUT /api/tracks/:id/form-template', () => {
  const template = (): FormTemplate => structuredClone(defaultFormTemplate('FZ', 'case'));

  it('refuses duplicate keys, a maximum below the minimum, no file types, and non-admins', async () => {
    const campaign = await newCampaign();
    const url = `/api/tracks/${campaign.tracks[0]!.id}/form-template`;
    const duplicate = template();
    duplicate.sections[1]!.key = duplicate.sections[0]!.key;
    const dup = await put(admin, url, duplicate);
    expectError(dup, 400, 'validation_failed');
    expect(dup.json().issues).toEqual([{ path: 'sections.1.key', message: expect.stringContaining('重复') }]);
    const duplicateSlot = template();
    duplicateSlot.attachmentSlots[2]!.key = 'feasibility';
    expect((await put(admin, url, duplicateSlot)).json().issues[0].path).toBe('attachmentSlots.2.key');
    const limits = template();
    limits.sections[0]!.minWords = 500;
    limits.sections[0]!.maxWords = 100;
    const bad = await put(admin, url, limits);
    expectError(bad, 400, 'validation_failed');
    expect(bad.json().issues[0]).toEqual({ path: 'sections.0.maxWords', message: '字数上限不能小于下限' });
    const noKinds = template();
    noKinds.attachmentSlots[0]!.accept = [];
    expectError(await put(admin, url, noKinds), 400, 'validation_failed');
    expectError(await put(coordinatorClient, url, template()), 403, 'not_institute_admin');
    expectError(await put(admin, '/api/tracks/99999/form-template', template()), 404, 'not_found');
  });

  it('saves the template; a change after cases were submitted is logged with before and after', async () => {
    const campaign = await newCampaign();
    const track = campaign.tracks[0]!;
    const url = `/api/tracks/${track.id}/form-template`;
    const changed = template();
    changed.sections[0]!.maxWords = 1200;
    changed.sections.push({ key: 'appendix', title: '补充说明', guidance: '', required: false, minWords: 0, maxWords: 500 });
    const res = await put(admin, url, changed);
    expect(res.statusCode).toBe(200);
    expect(res.json<TrackDto>().formTemplate).toEqual(changed);
    expect((await auditRows('track.template_changed', track.id))[0]!.summary).not.toHaveProperty('note');

    await insertSubmission(track, campaign.id, { submitted_at: new Date(), receipt_no: `${campaign.year}-FZ-0001` });
    const again = template();
    again.sections[0]!.maxWords = 1000;
    expect((await put(admin, url, again)).statusCode).toBe(200);
    const [, row] = await auditRows('track.template_changed', track.id);
    expect(row!.summary).toMatchObject({
      before: { formTemplate: { sections: expect.arrayContaining([expect.objectContaining({ key: 'background', maxWords: 1200 })]) } },
      after: { formTemplate: { sections: expect.arrayContaining([expect.objectContaining({ key: 'background', maxWords: 1000 })]) } },
      note: '修改时该类别已有 1 份已提交的申报',
    });
  });
});

describe('POST /api/campaigns/:id/copy', () => {
  it('refuses bad input, others than the admin, unknown campaigns and a year in use', async () => {
    const source = await newCampaign();
    expectError(await admin.post(`/api/campaigns/${source.id}/copy`, { year: 2040 }), 400, 'validation_failed');
    expectError(await officer.post(`/api/campaigns/${source.id}/copy`, { year: 2099, title: '复制' }), 403, 'not_institute_admin');
    expectError(await t.anonymous().post(`/api/campaigns/${source.id}/copy`, { year: 2099, title: '复制' }), 401, 'unauthenticated');
    expectError(await admin.post('/api/campaigns/99999/copy', { year: 2099, title: '复制' }), 404, 'not_found');
    expectError(await admin.post(`/api/campaigns/${source.id}/copy`, { year: source.year, title: '复制' }), 409, 'campaign_year_taken');
  });

  it('copies every track with sub-types, template, quotas, overrides, host and coordinator, deadlines a whole year later', async () => {
    const created = await admin.post('/api/campaigns', {
      year: 2088,
      title: '2088年活动',
      noticeText: '去年的通知',
      summaryDueOn: '2088-02-29',
      eligibility: { programme: '五年制高职', grades: [4] },
    });
    const source = created.json<CampaignDto>();
    await makeReady(source);
    const [fz, , , ds] = source.tracks;
    await admin.patch(`/api/tracks/${fz!.id}`, { defaultQuota: 5, upwardQuota: 1, coordinatorUserId: secondCoordinatorId });
    await admin.patch(`/api/tracks/${ds!.id}`, { opensAt: null, submissionClosesAt: null, revisionClosesAt: null });
    await put(admin, `/api/tracks/${fz!.id}/quotas`, [{ unitId: otherUnit, quota: 7 }]);
    await admin.post(`/api/tracks/${fz!.id}/subtypes`, { code: 'EXT', name: '新增子类', description: '说明' });
    const custom = structuredClone(defaultFormTemplate('FZ', 'case'));
    custom.sections[1]!.maxWords = 3000;
    await put(admin, `/api/tracks/${fz!.id}/form-template`, custom);
    await insertSubmission(fz!, source.id, { submitted_at: new Date(), receipt_no: `${source.year}-FZ-0001` });
    await t.db.updateTable('tracks').set({ next_receipt_no: 2 }).where('id', '=', fz!.id).execute();
    const before = (await admin.get(`/api/campaigns/${source.id}`)).json<CampaignDto>();

    const res = await admin.post(`/api/campaigns/${source.id}/copy`, { year: 2090, title: '2090年“苏乡永助”资助育人主题活动' });
    expect(res.statusCode).toBe(201);
    const copy = res.json<CampaignDto>();
    expect(copy).toMatchObject({
      year: 2090,
      title: '2090年“苏乡永助”资助育人主题活动',
      status: 'draft',
      noticeText: '去年的通知',
      eligibility: { programme: '五年制高职', grades: [4] },
      files: [],
    });
    // 2088 is a leap year; 2090 is not: 29 February becomes 28 February.
    expect(copy.summaryDueOn).toBe('2090-02-28');
    const years = 2090 - source.year;
    const shift = (iso: string | null) => {
      if (!iso) return null;
      const d = new Date(iso);
      d.setUTCFullYear(d.getUTCFullYear() + years);
      return d.toISOString();
    };
    expect(copy.tracks).toHaveLength(before.tracks.length);
    for (const [i, original] of before.tracks.entries()) {
      const copied = copy.tracks[i]!;
      expect(copied.id).not.toBe(original.id);
      // Abilities differ on purpose: the copy has no submissions yet.
      const strip = ({
        id: _id,
        subtypes,
        opensAt,
        submissionClosesAt,
        revisionClosesAt,
        abilities: _a,
        reasons: _r,
        ...rest
      }: TrackDto) => ({
        ...rest,
        subtypes: subtypes.map(({ id: _sid, ...s }) => s),
        deadlines: [opensAt, submissionClosesAt, revisionClosesAt],
      });
      const { deadlines, ...same } = strip(copied);
      const { deadlines: originalDeadlines, ...expected } = strip(original);
      expect(same).toEqual(expected);
      expect(deadlines).toEqual(originalDeadlines.map(shift));
    }
    expect(copy.tracks[0]).toMatchObject({
      defaultQuota: 5,
      upwardQuota: 1,
      coordinator: { id: secondCoordinatorId },
      formTemplate: custom,
    });
    expect(copy.tracks[0]!.subtypes.map((s) => s.code)).toEqual(['SYS', 'PRJ', 'MEN', 'EXT']);
    expect(copy.tracks[3]).toMatchObject({ opensAt: null, submissionClosesAt: null, revisionClosesAt: null });
    expect((await admin.get(`/api/tracks/${copy.tracks[0]!.id}/quotas`)).json()).toEqual([
      expect.objectContaining({ unitId: otherUnit, quota: 7 }),
    ]);
    const receipt = await t.db
      .selectFrom('tracks')
      .select('next_receipt_no')
      .where('id', '=', copy.tracks[0]!.id)
      .executeTakeFirstOrThrow();
    expect(receipt.next_receipt_no).toBe(1);
    // The source is untouched, and the copy's submissions start from nothing.
    expect((await admin.get(`/api/campaigns/${source.id}`)).json<CampaignDto>()).toEqual(before);
    expect(copy.abilities.delete).toBe(true);
    expect((await auditRows('campaign.copied', copy.id))[0]!.summary).toMatchObject({
      before: { campaignId: source.id },
      after: { year: 2090 },
    });
  });
});

describe('DELETE /api/campaigns/:id', () => {
  it('deletes a draft without submissions, and refuses otherwise', async () => {
    const campaign = await newCampaign();
    expectError(await mentor.delete(`/api/campaigns/${campaign.id}`), 403, 'not_institute_admin');
    expectError(await admin.delete('/api/campaigns/99999'), 404, 'not_found');
    await insertSubmission(campaign.tracks[0]!, campaign.id);
    expectError(await admin.delete(`/api/campaigns/${campaign.id}`), 409, 'campaign_has_submissions');

    const empty = await newCampaign();
    expect((await admin.delete(`/api/campaigns/${empty.id}`)).statusCode).toBe(204);
    expectError(await admin.get(`/api/campaigns/${empty.id}`), 404, 'not_found');
    expect(await auditRows('campaign.deleted', empty.id)).toHaveLength(1);

    const opened = await newCampaign();
    await makeReady(opened);
    await admin.post(`/api/campaigns/${opened.id}/open`);
    expectError(await admin.delete(`/api/campaigns/${opened.id}`), 409, 'campaign_not_draft');
  });
});

describe('notice files', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

  function multipart(filename: string, content: Buffer) {
    const boundary = `----yz${Math.random().toString(16).slice(2)}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const upload = (client: Client, campaignId: number, filename: string, content: Buffer) => {
    const { body, headers } = multipart(filename, content);
    return client.request('POST', `/api/campaigns/${campaignId}/files`, body, headers);
  };

  it('refuses anonymous callers, others than the admin, no file and the wrong type', async () => {
    const campaign = await newCampaign();
    expectError(await upload(t.anonymous(), campaign.id, 'a.pdf', pdf), 401, 'unauthenticated');
    expectError(await upload(officer, campaign.id, 'a.pdf', pdf), 403, 'not_institute_admin');
    expectError(await upload(admin, 99999, 'a.pdf', pdf), 404, 'not_found');
    expectError(await admin.post(`/api/campaigns/${campaign.id}/files`, {}), 400, 'file_required');
    const wrong = await upload(admin, campaign.id, 'notice.pdf', Buffer.from('just text, renamed to .pdf'));
    expectError(wrong, 415, 'file_type_not_allowed');
    expect(wrong.json().message).toContain('Word(.docx)、PDF');
    expect((await admin.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>().files).toEqual([]);
  });

  it('stores a PDF every signed-in user may download, and removes it again', async () => {
    const campaign = await newCampaign();
    const res = await upload(admin, campaign.id, 'notice.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: 'notice.pdf', sizeBytes: pdf.length, url: `/api/files/${file.id}` });
    expect((await mentor.get(`/api/campaigns/${campaign.id}`)).json<CampaignDto>().files).toEqual([file]);
    const download = await mentor.get(file.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    expectError(await officer.delete(`/api/campaigns/${campaign.id}/files/${file.id}`), 403, 'not_institute_admin');
    expectError(await admin.delete(`/api/campaigns/${campaign.id}/files/99999`), 404, 'not_found');
    expect((await admin.delete(`/api/campaigns/${campaign.id}/files/${file.id}`)).statusCode).toBe(204);
    expectError(await mentor.get(file.url), 404, 'not_found');
    expect(await auditRows('campaign.file_added', campaign.id)).toHaveLength(1);
    expect(await auditRows('campaign.file_removed', campaign.id)).toHaveLength(1);
  });
});
