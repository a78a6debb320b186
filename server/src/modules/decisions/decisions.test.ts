import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CampaignNoticeDto,
  CampaignObjectionDto,
  PackageSummaryDto,
  PublicCampaignNoticeDto,
  TrackDecisionsDto,
  UnitReviewResultDto,
} from '../../../../contracts/decisions.ts';
import { shanghaiToday } from '../../../../contracts/identifications.ts';
import type { SubmissionDetail } from '../../../../contracts/submissions.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';
import {
  completeCase,
  detailOf,
  expectError,
  files,
  patch,
  seedCampaign,
  sentCase,
  unitPeople,
  upload,
  type Fixture,
  type UnitPeople,
} from '../submissions/test-fixtures.ts';
import { drainOutbox } from '../notifications/outbox-worker.ts';
import { parseMessage, startSmtp, stopSmtp } from '../../test/smtp.ts';

// ---- fixture: one FZ track with accepted cases of two units

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
let f: Fixture;
let p: UnitPeople;
let other: UnitPeople;
let admin: Client;
let adminId: number;
let coordinator: Client;
const cases: { id: number; receiptNo: string }[] = [];
let notAccepted: { id: number; receiptNo: string };
let privateCase: { id: number; receiptNo: string };
let student: Awaited<ReturnType<typeof seedStudent>>;
const STORY = '父亲常年卧病在床家中靠低保维持生活这段困难经历';

const DAY = 24 * 3600_000;
const dayOffset = (n: number) => shanghaiToday(new Date(Date.now() + n * DAY));

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    mail: {
      mode: 'smtp',
      smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
      from: '永助平台 <no-reply@example.edu.cn>',
      pollMs: 0,
      maxAttempts: 3,
    },
  });
  f = await seedCampaign(t);
  await t.db.updateTable('tracks').set({ default_quota: 20, upward_quota: 3 }).where('id', '=', f.fz).execute();
  p = await unitPeople(t, f.unit);
  other = await unitPeople(t, f.otherUnit);
  await t.db.updateTable('users').set({ email: 'officer-nj@example.edu.cn' }).where('id', '=', p.officerId).execute();
  const a = await t.user({ roles: ['institute_admin'], email: 'admin@example.edu.cn' });
  adminId = a.id;
  admin = await t.login(a.username);
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  coordinator = await t.login(coord.username);

  for (const [people, title] of [
    [p, '导师团队“一生一策”帮扶'],
    [p, '勤工助学岗位育人'],
    [other, '苏州分院的案例'],
    [other, '研学路上/结对帮扶?'],
  ] as const) {
    const c = await sentCase(f, people, { title });
    expect((await coordinator.post(`/api/form-check/submissions/${c.id}/accept`)).statusCode).toBe(200);
    cases.push(c);
  }
  notAccepted = await sentCase(f, p, { title: '尚未受理的案例' });

  // A case naming a student of the roster, with the story in its text and two attachments.
  student = await seedStudent(t, f.unit, { name: '王小明', className: '机电2101', studentNo: '2021000777' });
  const id = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
  const body = completeCase(f.subtypeId);
  expect(
    (
      await patch(p.mentor, id, {
        ...body,
        title: '王小明的成长',
        sections: { ...body.sections, background: `${body.sections.background}${STORY}` },
      })
    ).statusCode,
  ).toBe(200);
  const { revision } = await detailOf(p.mentor, id);
  const named = {
    name: '王小明',
    studentNo: '2021000777',
    programme: '五年制高职',
    grade: 4,
    major: '机电一体化',
    className: '机电2101',
    consentAt: '2024-05-10',
  };
  expect((await p.mentor.request('PUT', `/api/submissions/${id}/students`, { revision, students: [named] })).statusCode).toBe(200);
  expect((await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例全文.pdf', files.pdf(10))).statusCode).toBe(
    201,
  );
  expect((await upload(p.mentor, `/api/submissions/${id}/attachments?slot=evidence`, '活动照片.png', files.png())).statusCode).toBe(201);
  expect((await upload(p.mentor, `/api/submissions/${id}/attachments?slot=evidence`, '活动照片.png', files.png())).statusCode).toBe(201);
  expect((await p.officer.post(`/api/submissions/${id}/select`)).statusCode).toBe(200);
  expect((await p.leader.post(`/api/submissions/${id}/approve`)).statusCode).toBe(200);
  const sent = await p.officer.post(`/api/submissions/${id}/submit`);
  expect(sent.statusCode, sent.body).toBe(200);
  privateCase = { id, receiptNo: sent.json<SubmissionDetail>().receiptNo! };
  expect((await coordinator.post(`/api/form-check/submissions/${id}/accept`)).statusCode).toBe(200);
});

afterAll(async () => {
  await t.close();
  await stopSmtp(smtp.server);
});

const trackUrl = () => `/api/decisions/tracks/${f.fz}`;
const decide = (client: Client, id: number, outcome: string, note?: string) =>
  client.request('PUT', `/api/decisions/submissions/${id}`, { outcome, ...(note ? { note } : {}) });
const myResults = (client: Client) => client.get('/api/units/me/review-results');

describe('GET /api/decisions/tracks/:id', () => {
  it('requires a session, the institute admin, a numeric id and an existing track', async () => {
    expectError(await t.anonymous().get(trackUrl()), 401, 'unauthenticated');
    expectError(await coordinator.get(trackUrl()), 403, 'not_institute_admin');
    expectError(await p.officer.get(trackUrl()), 403, 'not_institute_admin');
    expectError(await admin.get('/api/decisions/tracks/x'), 400, 'validation_failed');
    expectError(await admin.get('/api/decisions/tracks/999999'), 404, 'not_found');
  });

  it('lists the accepted cases only, undecided, with the 推荐省级 quota unused', async () => {
    const res = await admin.get(trackUrl());
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<TrackDecisionsDto>();
    expect(view.rows.map((r) => r.submissionId).sort()).toEqual([...cases.map((c) => c.id), privateCase.id].sort());
    expect(view.rows.map((r) => r.submissionId)).not.toContain(notAccepted.id);
    expect(view.quota).toEqual({ limit: 3, used: 0, left: 3 });
    expect(view.counts).toMatchObject({ accepted: 5, staged: 0, released: 0, undecided: 5 });
    expect(view.abilities.release).toEqual({ allowed: false, whyNot: 'decision_nothing_staged' });
    expect(view.abilities.downloadPackage).toEqual({ allowed: false, whyNot: 'package_nothing' });
  });
});

describe('PUT /api/decisions/submissions/:id', () => {
  it('refuses bad input, other roles, missing and not accepted cases', async () => {
    expectError(
      await t.anonymous().request('PUT', `/api/decisions/submissions/${cases[0]!.id}`, { outcome: 'provincial' }),
      401,
      'unauthenticated',
    );
    expectError(await decide(admin, cases[0]!.id, 'gold'), 400, 'validation_failed');
    expectError(await decide(coordinator, cases[0]!.id, 'provincial'), 403, 'not_institute_admin');
    expectError(await decide(admin, 999999, 'provincial'), 404, 'not_found');
    expectError(await decide(admin, notAccepted.id, 'excellent'), 409, 'decision_case_not_accepted');
  });

  it('stages outcomes; the unit sees nothing before release', async () => {
    const res = await decide(admin, cases[0]!.id, 'provincial', '制度完整,成效显著');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<TrackDecisionsDto>();
    expect(view.quota).toEqual({ limit: 3, used: 1, left: 2 });
    expect(view.rows.find((r) => r.submissionId === cases[0]!.id)!.decision).toMatchObject({
      outcome: 'provincial',
      note: '制度完整,成效显著',
      releasedAt: null,
    });
    expect((await decide(admin, cases[1]!.id, 'excellent')).statusCode).toBe(200);
    expect((await decide(admin, cases[2]!.id, 'not_selected')).statusCode).toBe(200);
    expect((await decide(admin, privateCase.id, 'provincial')).statusCode).toBe(200);

    const staged = await myResults(p.officer);
    expect(staged.statusCode).toBe(200);
    expect(staged.json()).toEqual([]);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'decision.staged').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining([cases[0]!.id, cases[1]!.id, cases[2]!.id, privateCase.id]));
  });

  it('never lets 推荐省级 exceed the upward quota: of two requests for the last place exactly one succeeds', async () => {
    // used 2 of 3: cases[1] (学院优秀 so far) and cases[3] both ask for the last place at once.
    const [a, b] = await Promise.all([decide(admin, cases[1]!.id, 'provincial'), decide(admin, cases[3]!.id, 'provincial')]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expectError(refused, 409, 'upward_quota_full');
    expect(refused.json().message).toContain('推荐省级名额为 3 项,已确定 3 项');
    expect(refused.json().message).toContain('剩余 0 项');
    expect(refused.json().details).toEqual({ limit: 3, used: 3, left: 0 });
    const view = (await admin.get(trackUrl())).json<TrackDecisionsDto>();
    expect(view.quota).toEqual({ limit: 3, used: 3, left: 0 });
    expect(view.rows.filter((r) => r.decision?.outcome === 'provincial')).toHaveLength(3);
    // Settle on a known state: cases[1] 推荐省级, cases[3] 未入选.
    const winner = a.statusCode === 200 ? cases[1]! : cases[3]!;
    if (winner.id !== cases[1]!.id) {
      expect((await decide(admin, cases[3]!.id, 'not_selected')).statusCode).toBe(200);
      expect((await decide(admin, cases[1]!.id, 'provincial')).statusCode).toBe(200);
    } else {
      expect((await decide(admin, cases[3]!.id, 'not_selected')).statusCode).toBe(200);
    }
  });

  it('changing a 推荐省级 case to another outcome frees its place', async () => {
    expect((await decide(admin, cases[1]!.id, 'excellent')).json<TrackDecisionsDto>().quota.left).toBe(1);
    expect((await decide(admin, cases[1]!.id, 'provincial')).json<TrackDecisionsDto>().quota.left).toBe(0);
  });
});

describe('POST /api/decisions/tracks/:id/release', () => {
  it('is the institute admin’s', async () => {
    expectError(await t.anonymous().post(`${trackUrl()}/release`), 401, 'unauthenticated');
    expectError(await p.officer.post(`${trackUrl()}/release`), 403, 'not_institute_admin');
    expectError(await admin.post('/api/decisions/tracks/999999/release'), 404, 'not_found');
  });

  it('releases every staged decision together, tells each unit once by inbox and real mail, and audits it', async () => {
    const res = await admin.post(`${trackUrl()}/release`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ released: 5, unitsNotified: 2 });
    expectError(await admin.post(`${trackUrl()}/release`), 409, 'decision_nothing_staged');

    // The unit officer's inbox: one message listing the unit's cases and outcomes, no score.
    const inbox = await t.db
      .selectFrom('inbox_messages')
      .selectAll()
      .where('user_id', '=', p.officerId)
      .where('template', '=', 'decision.released')
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toContain(`${cases[0]!.receiptNo} 导师团队“一生一策”帮扶:推荐省级(制度完整,成效显著)`);
    expect(inbox[0]!.body).toContain(`${cases[1]!.receiptNo} 勤工助学岗位育人:推荐省级`);
    expect(inbox[0]!.body).not.toContain('苏州分院的案例');

    await drainOutbox(t.app);
    const mails = smtp.received.filter((m) => m.to.includes('officer-nj@example.edu.cn')).map((m) => parseMessage(m.raw));
    const released = mails.filter((m) => m.subject.includes('评审结果'));
    expect(released).toHaveLength(1);
    const { subject, text } = released[0]!;
    expect(subject).toBe('【永助】评审结果已发布:发展型资助育人优秀案例');
    expect(text).toContain('王小明的成长:推荐省级');
    expect(await t.db.selectFrom('audit_events').select('id').where('action', '=', 'decision.released').execute()).toHaveLength(1);
  });

  it('lets the unit see its released results (outcome and note, no score); another unit sees only its own', async () => {
    const mine = (await myResults(p.officer)).json<UnitReviewResultDto[]>();
    expect(mine.map((r) => [r.receiptNo, r.outcome]).sort()).toEqual(
      [
        [cases[0]!.receiptNo, 'provincial'],
        [cases[1]!.receiptNo, 'provincial'],
        [privateCase.receiptNo, 'provincial'],
      ].sort(),
    );
    expect(mine.find((r) => r.submissionId === cases[0]!.id)!.note).toBe('制度完整,成效显著');
    expect(JSON.stringify(mine)).not.toMatch(/mean|normalised|score|rank/i);
    expect((await myResults(p.mentor)).statusCode).toBe(200);
    const theirs = (await myResults(other.leader)).json<UnitReviewResultDto[]>();
    expect(theirs.map((r) => r.submissionId).sort()).toEqual([cases[2]!.id, cases[3]!.id].sort());
    expectError(await myResults(admin), 403, 'review_results_unit_only');
    expectError(await myResults(coordinator), 403, 'review_results_unit_only');
    expectError(await myResults(t.anonymous()), 401, 'unauthenticated');
  });

  it('refuses to change a released decision; 撤回发布 (with a reason, audited) makes them staged and invisible again', async () => {
    expectError(await decide(admin, cases[2]!.id, 'excellent'), 409, 'decision_released');
    expectError(await admin.delete(`/api/decisions/submissions/${cases[2]!.id}`), 409, 'decision_released');
    expectError(await admin.post(`${trackUrl()}/withdraw-release`, { reason: '' }), 400, 'validation_failed');
    const res = await admin.post(`${trackUrl()}/withdraw-release`, { reason: '苏州分院案例结果录入有误' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ staged: 5 });
    expect((await myResults(other.officer)).json()).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'decision.release_withdrawn')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ note: '苏州分院案例结果录入有误' });
    expect((await decide(admin, cases[2]!.id, 'excellent')).statusCode).toBe(200);
    expect((await admin.post(`${trackUrl()}/release`)).json()).toEqual({ released: 5, unitsNotified: 2 });
    expect((await myResults(other.officer)).json<UnitReviewResultDto[]>().find((r) => r.submissionId === cases[2]!.id)!.outcome).toBe(
      'excellent',
    );
  });
});

describe('the public notice (公示)', () => {
  let notice: CampaignNoticeDto;
  const publish = (client: Client, body: Record<string, unknown>) => client.post(`/api/decisions/campaigns/${f.campaignId}/notices`, body);
  const valid = () => ({
    title: '2024年资助育人优秀案例省级推荐名单公示',
    body: '经评审,拟推荐以下案例参加省级遴选,现予公示。',
    startsOn: dayOffset(0),
    endsOn: dayOffset(6),
  });

  it('is published by the institute admin with valid dates', async () => {
    expectError(await publish(t.anonymous(), valid()), 401, 'unauthenticated');
    expectError(await publish(p.officer, valid()), 403, 'not_institute_admin');
    expectError(await publish(admin, { ...valid(), endsOn: dayOffset(-1) }), 400, 'validation_failed');
    expectError(await publish(admin, { ...valid(), startsOn: dayOffset(-2) }), 400, 'campaign_notice_start_in_past');
    const res = await publish(admin, valid());
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json<CampaignNoticeDto>();
    expect(notice.state).toBe('running');
    expect(notice.entries.map((e) => [e.title, e.unitName, e.outcome])).toEqual([
      ['导师团队“一生一策”帮扶', '南京工程分院', 'provincial'],
      ['勤工助学岗位育人', '南京工程分院', 'provincial'],
      ['王小明的成长', '南京工程分院', 'provincial'],
    ]);
    const withExcellent = (await publish(admin, { ...valid(), includeExcellent: true })).json<CampaignNoticeDto>();
    expect(withExcellent.entries.map((e) => e.outcome)).toEqual(['provincial', 'provincial', 'provincial', 'excellent']);
    expect((await admin.post(`/api/decisions/notices/${withExcellent.id}/take-down`)).statusCode).toBe(200);
  });

  it('shows the public, without login, only 姓名、单位、院系/专业、年级、班级 of the students — nothing sensitive', async () => {
    const res = await t.anonymous().get(`/api/public/campaign-notices/${notice.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<PublicCampaignNoticeDto>();
    const entry = page.entries.find((e) => e.title === '王小明的成长')!;
    expect(entry.students).toEqual([
      { name: '王小明', unitName: '南京工程分院', department: '机电一体化', grade: 4, className: '机电2101' },
    ]);
    const docx = await t.anonymous().get(`/api/public/campaign-notices/${notice.id}/notice.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('王小明');
    expect(xml).toContain('机电2101');
    for (const text of [res.body, xml]) {
      for (const value of Object.values(student.sensitive)) expect(text).not.toContain(value);
      expect(text).not.toContain('2021000777'); // 学号
      expect(text).not.toContain(STORY);
      expect(text).not.toContain('025-86000000'); // the case contact's phone
    }
    expect(Object.keys(page)).toEqual(['id', 'campaignTitle', 'title', 'body', 'startsOn', 'endsOn', 'entries']);
  });

  it('answers 404 before its start and “公示已结束” after its end (Asia/Shanghai dates) or once taken down', async () => {
    const url = `/api/public/campaign-notices/${notice.id}`;
    expectError(await t.anonymous().get('/api/public/campaign-notices/999999'), 404, 'campaign_notice_not_found');
    await t.db
      .updateTable('campaign_notices')
      .set({ starts_on: dayOffset(1) })
      .where('id', '=', notice.id)
      .execute();
    expectError(await t.anonymous().get(url), 404, 'campaign_notice_not_found');
    await t.db
      .updateTable('campaign_notices')
      .set({ starts_on: dayOffset(-7), ends_on: dayOffset(-1) })
      .where('id', '=', notice.id)
      .execute();
    const ended = await t.anonymous().get(url);
    expectError(ended, 410, 'campaign_notice_ended');
    expect(ended.json().message).toBe('公示已结束。');
    expectError(await t.anonymous().get(`${url}/notice.docx`), 410, 'campaign_notice_ended');
    await t.db
      .updateTable('campaign_notices')
      .set({ starts_on: dayOffset(0), ends_on: dayOffset(6) })
      .where('id', '=', notice.id)
      .execute();
    expect((await t.anonymous().get(url)).statusCode).toBe(200);
  });

  it('takes objections from anyone during the period and brings them to the institute admin (inbox + mail)', async () => {
    const url = `/api/public/campaign-notices/${notice.id}/objections`;
    expectError(await t.anonymous().post(url, { body: '没有联系方式的异议内容' }), 400, 'validation_failed');
    expectError(
      await t.anonymous().post(url, { contact: '13900000000', body: '名单第九项有问题', entryNo: 9 }),
      400,
      'objection_not_on_notice',
    );
    const res = await t
      .anonymous()
      .post(url, { authorName: '李某', contact: '13900000000', body: '该案例所述成效与实际不符,请核查。', entryNo: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const inbox = await t.db
      .selectFrom('inbox_messages')
      .selectAll()
      .where('user_id', '=', adminId)
      .where('template', '=', 'campaign_notice.objection')
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toContain('2. 勤工助学岗位育人(南京工程分院)');
    await drainOutbox(t.app);
    const subjects = smtp.received.filter((m) => m.to.includes('admin@example.edu.cn')).map((m) => parseMessage(m.raw).subject);
    expect(subjects).toContain('【永助】公示收到异议:2024年资助育人优秀案例省级推荐名单公示');
  });

  it('lists objections for the admin, who records a response once', async () => {
    const url = `/api/decisions/notices/${notice.id}/objections`;
    expectError(await p.officer.get(url), 403, 'not_institute_admin');
    const list = (await admin.get(url)).json<CampaignObjectionDto[]>();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      authorName: '李某',
      contact: '13900000000',
      entry: { no: 2, title: '勤工助学岗位育人' },
      response: null,
    });
    const respond = (body: unknown) => admin.post(`${url}/${list[0]!.id}/response`, body);
    expectError(await respond({ response: '' }), 400, 'validation_failed');
    const answered = await respond({ response: '经核查,案例成效材料属实,维持推荐。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<CampaignObjectionDto>().response).toMatchObject({ text: '经核查,案例成效材料属实,维持推荐。' });
    expectError(await respond({ response: '再次答复' }), 409, 'objection_answered');
    const notices = (await admin.get(`/api/decisions/campaigns/${f.campaignId}/notices`)).json<CampaignNoticeDto[]>();
    expect(notices.find((n) => n.id === notice.id)).toMatchObject({ objectionCount: 1, openObjections: 0 });
  });

  it('is taken down early by the admin, after which the page and the objection channel are closed', async () => {
    expectError(await p.officer.post(`/api/decisions/notices/${notice.id}/take-down`), 403, 'not_institute_admin');
    const res = await admin.post(`/api/decisions/notices/${notice.id}/take-down`);
    expect(res.json<CampaignNoticeDto>().state).toBe('taken_down');
    expectError(await admin.post(`/api/decisions/notices/${notice.id}/take-down`), 409, 'campaign_notice_taken_down');
    expectError(await t.anonymous().get(`/api/public/campaign-notices/${notice.id}`), 410, 'campaign_notice_ended');
    expectError(
      await t
        .anonymous()
        .post(`/api/public/campaign-notices/${notice.id}/objections`, { contact: '13900000000', body: '撤下后的异议内容' }),
      410,
      'campaign_notice_ended',
    );
  });
});

describe('the upward package', () => {
  const summaryUrl = () => `/api/decisions/tracks/${f.fz}/package/summary`;
  const zipUrl = () => `/api/decisions/tracks/${f.fz}/package.zip`;

  it('is the institute admin’s, once 推荐省级 cases are released', async () => {
    expectError(await t.anonymous().get(zipUrl()), 401, 'unauthenticated');
    expectError(await p.officer.get(zipUrl()), 403, 'not_institute_admin');
    expectError(await coordinator.get(summaryUrl()), 403, 'not_institute_admin');
    expectError(await admin.get(`/api/decisions/tracks/${f.ds}/package.zip`), 409, 'package_nothing');
  });

  it('streams one zip: the list in the notice’s columns and ranking order, the cover, each case’s folder with its .docx and original attachments', async () => {
    const summary = (await admin.get(summaryUrl())).json<PackageSummaryDto>();
    const res = await admin.get(zipUrl());
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))![1]!)).toBe(
      '2024年发展型资助育人优秀案例省级推荐上报材料.zip',
    );

    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names.length).toBe(summary.fileCount);
    expect(summary).toMatchObject({ cases: 3 });
    // Every entry carries the UTF-8 name flag (general purpose bit 11) so that Windows shows the Chinese names.
    expect(res.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
    expect(res.rawPayload.readUInt16LE(6) & 0x0800).toBe(0x0800);

    const folderOf = (c: { receiptNo: string }, title: string) => `${c.receiptNo}-${title}`;
    const privateFolder = folderOf(privateCase, '王小明的成长');
    expect(names).toEqual(
      expect.arrayContaining([
        '推荐名单.xlsx',
        '封面.docx',
        `${folderOf(cases[0]!, '导师团队“一生一策”帮扶')}/${folderOf(cases[0]!, '导师团队“一生一策”帮扶')}.docx`,
        `${folderOf(cases[0]!, '导师团队“一生一策”帮扶')}/案例全文.pdf`,
        `${privateFolder}/${privateFolder}.docx`,
        `${privateFolder}/案例全文.pdf`,
        `${privateFolder}/活动照片.png`,
        `${privateFolder}/活动照片(2).png`,
      ]),
    );

    // The list read back: the five columns, one row per released 推荐省级 case, in ranking order (receipt order without reviews).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await zip.file('推荐名单.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const row = (n: number) => [1, 2, 3, 4, 5, 6].map((c) => String(sheet.getRow(n).getCell(c).value ?? ''));
    expect(row(2)).toEqual(['项目类别', '项目名称', '申报单位', '联系人', '联系方式', '']);
    const ranking = (await admin.get(trackUrl())).json<TrackDecisionsDto>().rows.filter((r) => r.decision?.outcome === 'provincial');
    expect([row(3), row(4), row(5)].map((r) => r[1])).toEqual(ranking.map((r) => r.title));
    expect(row(3).slice(2, 5)).toEqual(['南京工程分院', '李老师', '025-86000000']);
    expect(sheet.rowCount).toBe(5);

    // Attachments are the stored bytes: their SHA-256 matches what was uploaded.
    const stored = await t.db
      .selectFrom('submission_attachments as a')
      .innerJoin('stored_files as s', 's.id', 'a.file_id')
      .select(['s.original_name', 's.sha256'])
      .where('a.submission_id', '=', privateCase.id)
      .orderBy('a.id')
      .execute();
    const inZip = ['案例全文.pdf', '活动照片.png', '活动照片(2).png'];
    for (const [i, s] of stored.entries()) {
      const bytes = await zip.file(`${privateFolder}/${inZip[i]}`)!.async('nodebuffer');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(s.sha256);
    }
    const cover = await (await zip.file('封面.docx')!.async('nodebuffer')).toString('binary');
    expect(cover.length).toBeGreaterThan(1000);
    const caseXml = await (
      await JSZip.loadAsync(await zip.file(`${privateFolder}/${privateFolder}.docx`)!.async('nodebuffer'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(caseXml).toContain('王小明的成长');
  });
});
