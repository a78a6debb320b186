import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankedCase } from '../../../../contracts/review-ranking.ts';
import { defaultCaseRubric } from '../../../../contracts/review.ts';
import type { CaseReviewsDto, MyAssignmentDto, ReviewCaseDto, ReviewCommentDto, TrackRankingDto } from '../../../../contracts/reviews.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { valueText } from '../../lib/xlsx.ts';
import {
  acceptedCase,
  assign,
  declareConflict,
  expectError,
  flatScores,
  person,
  seedCampaign,
  submitReview,
  type Fixture,
} from './test-fixtures.ts';

let t: TestApp;
let f: Fixture;
let admin: Client;
let coordinator: Client;
let officer: Client;
/** Institute staff reviewer (host unit), an external expert (no unit), a reviewer of 南京工程分院. */
let r1: { id: number; client: Client };
let r2: { id: number; client: Client };
let r3: { id: number; client: Client };
let caseA: number; // 南京工程分院
let caseB: number; // 苏州分院
let caseC: number; // 徐州经贸分院: the coordinator's own unit

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  admin = (await person(t, ['institute_admin'])).client;
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  coordinator = await t.login(coord.username);
  officer = (await person(t, ['unit_officer', 'unit_leader'], f.unit)).client;
  r1 = await person(t, ['reviewer'], f.hostUnit);
  r2 = await person(t, ['reviewer'], null);
  r3 = await person(t, ['reviewer'], f.unit);
  caseA = (
    await acceptedCase(t, f, {
      trackId: f.fz,
      unitId: f.unit,
      title: '导师团队一生一策',
      collectiveLeaderName: '张团长',
      sections: { background: '南京工程分院机电系的资助工作由来已久。', practice: '导师结对帮扶。' },
    })
  ).id;
  caseB = (await acceptedCase(t, f, { trackId: f.fz, unitId: f.otherUnit, title: '勤工助学岗位', implementation: 'planned' })).id;
  caseC = (await acceptedCase(t, f, { trackId: f.fz, unitId: f.hostUnit, title: '校企合作奖助' })).id;
  await t.db
    .insertInto('submission_students')
    .values({
      submission_id: caseA,
      name: '李同学',
      student_no: 'S20209999',
      programme: '五年制高职',
      grade: 4,
      major: '机电一体化',
      class_name: '机电2001',
      consent_at: '2024-05-10',
      consent_note: null,
    })
    .execute();
  for (const c of [caseA, caseB]) {
    await assign(t, c, r1.id);
    await assign(t, c, r2.id);
  }
  await assign(t, caseC, r2.id);
  await assign(t, caseB, r3.id);
  // Somehow assigned to a case of their own unit: still refused.
  await assign(t, caseA, r3.id);
});
afterAll(() => t.close());

describe('GET /api/reviews/mine', () => {
  it('401 without a session', async () => {
    expectError(await t.anonymous().get('/api/reviews/mine'), 401, 'unauthenticated');
  });
  it('403 for unit staff', async () => {
    expectError(await officer.get('/api/reviews/mine'), 403, 'not_reviewer');
  });
  it("lists the reviewer's assignments with case, track, receipt and state", async () => {
    const res = await r1.client.get('/api/reviews/mine');
    expect(res.statusCode).toBe(200);
    const mine = res.json<MyAssignmentDto[]>();
    expect(mine.map((m) => [m.title, m.track.name, m.state])).toEqual([
      ['导师团队一生一策', '发展型资助育人优秀案例', 'not_started'],
      ['勤工助学岗位', '发展型资助育人优秀案例', 'not_started'],
    ]);
    expect(mine[0]!.receiptNo).toMatch(/^2024-FZ-/);
  });
});

describe('the case as a reviewer sees it', () => {
  it('404 for a case that does not exist', async () => {
    expectError(await r1.client.get('/api/reviews/cases/999999'), 404, 'not_found');
  });
  it('403 for a reviewer who is not assigned, and for unit staff', async () => {
    expectError(await r1.client.get(`/api/reviews/cases/${caseC}`), 403, 'review_not_assigned');
    expectError(await officer.get(`/api/reviews/cases/${caseA}`), 403, 'review_scores_of_unit');
  });
  it('403 for a reviewer of the same unit even when assigned', async () => {
    expectError(await r3.client.get(`/api/reviews/cases/${caseA}`), 403, 'reviewer_conflict');
  });
  it('shows the case content and, for students, only name, grade and major', async () => {
    const res = await r1.client.get(`/api/reviews/cases/${caseA}`);
    expect(res.statusCode).toBe(200);
    const dto = res.json<ReviewCaseDto>();
    expect(dto.unit?.name).toBe('南京工程分院');
    expect(dto.sections.map((s) => s.title)).toEqual(['案例背景', '主要做法']);
    expect(dto.students).toEqual([{ name: '李同学', grade: 4, major: '机电一体化' }]);
    expect(res.body).not.toContain('S20209999');
    expect(res.body).not.toContain('机电2001');
    expect(dto.rubric.criteria).toHaveLength(6);
    expect(dto.review.state).toBe('not_started');
    expect(dto.abilities).toEqual({ edit: true, editReason: null, viewOthers: false });
  });
  it('blind mode hides the unit, the leader, the contacts and student names, and warns where the text names the unit', async () => {
    await t.db.updateTable('tracks').set({ blind_review: true }).where('id', '=', f.fz).execute();
    try {
      const res = await r1.client.get(`/api/reviews/cases/${caseA}`);
      const dto = res.json<ReviewCaseDto>();
      expect(dto.blind).toBe(true);
      expect(dto.unit).toBeNull();
      expect(dto.collectiveLeaderName).toBeNull();
      expect(dto.contact).toBeNull();
      expect(dto.students).toEqual([{ name: null, grade: 4, major: '机电一体化' }]);
      expect(res.body).not.toContain('张团长');
      expect(res.body).not.toContain('李同学');
      expect(res.body).not.toContain('王老师');
      expect(dto.unitMentions).toEqual([{ where: '案例背景', excerpt: '南京工程分院机电系的资助工作由来已久。' }]);
      // A case whose text does not name its unit carries no warning.
      const other = (await r1.client.get(`/api/reviews/cases/${caseB}`)).json<ReviewCaseDto>();
      expect(other.unitMentions).toEqual([]);
    } finally {
      await t.db.updateTable('tracks').set({ blind_review: false }).where('id', '=', f.fz).execute();
    }
  });
});

describe('scoring: draft, submit, revise, deadline', () => {
  const draft = (c: Client, id: number, body: unknown) => c.request('PUT', `/api/reviews/cases/${id}/draft`, body);

  it('400 for a score above the criterion scale or an unknown criterion', async () => {
    const over = await draft(r1.client, caseA, { scores: { real_hardship: 11 } });
    expectError(over, 400, 'review_score_out_of_range');
    expect(over.json().issues[0].path).toBe('scores.real_hardship');
    expectError(await draft(r1.client, caseA, { scores: { charm: 3 } }), 400, 'review_criterion_unknown');
  });
  it('403 for saving a draft on a case one is not assigned to', async () => {
    expectError(await draft(r1.client, caseC, { scores: { real_hardship: 5 } }), 403, 'review_not_assigned');
  });
  it('autosaves a partial draft', async () => {
    const res = await draft(r1.client, caseA, { scores: { real_hardship: 8, pairing: null }, comment: '初稿' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'draft', scores: { real_hardship: 8 }, comment: '初稿', total: null, version: 0 });
    // Autosave sends only what changed: the rest stays.
    const later = await draft(r1.client, caseA, { privateNote: '给牵头人' });
    expect(later.json()).toMatchObject({ scores: { real_hardship: 8 }, comment: '初稿', privateNote: '给牵头人' });
    const mine = (await r1.client.get('/api/reviews/mine')).json<MyAssignmentDto[]>();
    expect(mine.find((m) => m.submissionId === caseA)?.state).toBe('draft');
  });
  it('422 when a criterion is unscored or the comment is missing', async () => {
    const partial = await r1.client.request('PUT', `/api/reviews/cases/${caseA}/submit`, { scores: { real_hardship: 8 }, comment: '好' });
    expectError(partial, 422, 'review_scores_incomplete');
    expect(partial.json().issues).toHaveLength(5);
    const noComment = await r1.client.request('PUT', `/api/reviews/cases/${caseA}/submit`, { scores: flatScores(8), comment: '  ' });
    expectError(noComment, 422, 'review_comment_missing');
  });
  it('submits: the weighted total, version 1, one history entry, audited without the comment', async () => {
    const scores = { ...flatScores(8), real_hardship: 10, pairing: 5 };
    // 10/10×25 + 8/10×(15+15+15) + 5/10×10 + 8/10×20 = 25 + 36 + 5 + 16 = 82
    const res = await submitReview(r1.client, caseA, scores, '成效突出,值得推广。');
    expect(res.statusCode, res.body).toBe(200);
    const dto = res.json<ReviewCaseDto>();
    expect(dto.review).toMatchObject({ state: 'submitted', total: 82, version: 1 });
    expect(dto.review.history.map((h) => [h.version, h.total])).toEqual([[1, 82]]);
    expect(dto.abilities.viewOthers).toBe(true);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'review.submitted').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.summary)).toContain('"total":82');
    expect(JSON.stringify(audit[0]!.summary)).not.toContain('成效突出');
    expect(JSON.stringify(audit[0]!.summary)).not.toContain('私下说明');
  });
  it('revises before the deadline: version 2, both versions in the history, audited as a revision', async () => {
    const res = await submitReview(r1.client, caseA, 9, '修改后的意见。');
    expect(res.statusCode).toBe(200);
    const dto = res.json<ReviewCaseDto>();
    expect(dto.review).toMatchObject({ total: 90, version: 2, comment: '修改后的意见。' });
    expect(dto.review.history.map((h) => [h.version, h.total, h.comment])).toEqual([
      [2, 90, '修改后的意见。'],
      [1, 82, '成效突出,值得推广。'],
    ]);
    const revised = await t.db.selectFrom('audit_events').select('summary').where('action', '=', 'review.revised').execute();
    expect(revised).toHaveLength(1);
    expect(revised[0]!.summary).toMatchObject({ before: { version: 1, total: 82 }, after: { version: 2, total: 90 } });
  });
  it('409 after the review deadline, for drafts and submissions alike', async () => {
    await t.db
      .updateTable('tracks')
      .set({ review_closes_at: new Date(Date.now() - 60_000) })
      .where('id', '=', f.fz)
      .execute();
    try {
      expectError(await draft(r1.client, caseA, { scores: { real_hardship: 1 } }), 409, 'review_closed');
      expectError(await submitReview(r1.client, caseA, 3), 409, 'review_closed');
      const dto = (await r1.client.get(`/api/reviews/cases/${caseA}`)).json<ReviewCaseDto>();
      expect(dto.abilities).toMatchObject({ edit: false, editReason: 'review_closed' });
      expect(dto.review.total).toBe(90);
    } finally {
      await t.db.updateTable('tracks').set({ review_closes_at: null }).where('id', '=', f.fz).execute();
    }
  });
});

describe('who sees the reviews of a case', () => {
  const reviewsOf = (c: Client, id: number) => c.get(`/api/reviews/cases/${id}/reviews`);

  it("a reviewer cannot see the others' reviews before submitting their own", async () => {
    expectError(await reviewsOf(r2.client, caseA), 403, 'review_others_hidden');
    expectError(await r2.client.get(`/api/submissions/${caseA}/review-comments`), 403, 'review_others_hidden');
  });
  it("after submitting, a reviewer sees the others' scores and comments but never their private notes", async () => {
    expect((await submitReview(r2.client, caseA, 6)).statusCode).toBe(200);
    const res = await reviewsOf(r2.client, caseA);
    expect(res.statusCode).toBe(200);
    const dto = res.json<CaseReviewsDto>();
    expect(dto.reviews.map((r) => [r.reviewerId, r.total, r.privateNote, r.normalised])).toEqual([
      [r1.id, 90, null, null],
      [r2.id, 60, null, null],
    ]);
    expect(res.body).not.toContain('私下说明');
  });
  it('the institute admin and the coordinator see the private notes and the history', async () => {
    for (const c of [admin, coordinator]) {
      const dto = (await reviewsOf(c, caseA)).json<CaseReviewsDto>();
      const mine = dto.reviews.find((r) => r.reviewerId === r1.id)!;
      expect(mine.privateNote).toBe('私下说明:材料略显单薄');
      expect(mine.history.map((h) => h.version)).toEqual([1]);
    }
  });
  it('a unit officer is refused the scores of their own case', async () => {
    expectError(await reviewsOf(officer, caseA), 403, 'review_scores_of_unit');
    expectError(await officer.get(`/api/tracks/${f.fz}/ranking`), 403, 'review_scores_of_unit');
    expectError(await officer.get(`/api/tracks/${f.fz}/scores.xlsx`), 403, 'review_scores_of_unit');
  });
  it('an external expert sees only their assignments: no ranking, no other case', async () => {
    expectError(await r2.client.get(`/api/tracks/${f.fz}/ranking`), 403, 'not_ranking_viewer');
    expectError(await r1.client.get(`/api/reviews/cases/${caseC}/reviews`), 403, 'review_not_assigned');
  });
  it('the coordinator is refused the reviews of a case of their own unit', async () => {
    expect((await submitReview(r2.client, caseC, 7)).statusCode).toBe(200);
    expectError(await reviewsOf(coordinator, caseC), 403, 'reviewer_conflict');
    expect((await reviewsOf(admin, caseC)).statusCode).toBe(200);
  });
});

describe('the discussion thread', () => {
  const thread = (id: number) => `/api/submissions/${id}/review-comments`;
  it('400 for an empty comment', async () => {
    expectError(await admin.post(thread(caseA), { body: '  ' }), 400, 'review_comment_empty');
  });
  it('403 for the conflicted coordinator, for unit staff and for a reviewer before their own review', async () => {
    expectError(await coordinator.post(thread(caseC), { body: '我来说两句' }), 403, 'reviewer_conflict');
    expectError(await officer.post(thread(caseA), { body: '请关注' }), 403, 'review_scores_of_unit');
    expectError(await r1.client.post(thread(caseB), { body: '先看看' }), 403, 'review_others_hidden');
  });
  it('the admin, the coordinator and the reviewers of the case write and read it in order', async () => {
    expect((await coordinator.post(thread(caseA), { body: '两位专家分差较大,请再看看实施成效。' })).statusCode).toBe(201);
    expect((await r1.client.post(thread(caseA), { body: '同意复核。' })).statusCode).toBe(201);
    expect((await admin.post(thread(caseA), { body: '请在周五前完成。' })).statusCode).toBe(201);
    const res = await r2.client.get(thread(caseA));
    expect(res.statusCode).toBe(200);
    expect(res.json<ReviewCommentDto[]>().map((c) => c.body)).toEqual([
      '两位专家分差较大,请再看看实施成效。',
      '同意复核。',
      '请在周五前完成。',
    ]);
    expect(await t.db.selectFrom('audit_events').select('id').where('action', '=', 'review.commented').execute()).toHaveLength(3);
  });
});

describe('ranking and the scores workbook', () => {
  it('the admin sees every case ranked with its flags', async () => {
    const res = await admin.get(`/api/tracks/${f.fz}/ranking`);
    expect(res.statusCode).toBe(200);
    const dto = res.json<TrackRankingDto>();
    // Case A: 90 (r1) and 60 (r2); case C: 70 (r2, one review); case B: none.
    // r1 has one review (raw 90); r2 has 60 and 70 → mean 65, sd 5 → z −1, +1.
    // Track totals 90, 60, 70: mean 73.333, sd √(277.78 + 177.78 + 11.11)/… = √155.56 = 12.472.
    // A: (90 + (73.333 − 12.472)) / 2 = 75.43; C: 73.333 + 12.472 = 85.81.
    expect(dto.cases.map((c) => [c.title, c.rank, c.mean, c.normalised, c.spread, c.flags])).toEqual([
      ['校企合作奖助', 1, 70, 85.81, 0, ['too_few_reviews']],
      ['导师团队一生一策', 2, 75, 75.43, 30, ['too_few_reviews', 'large_spread']],
      ['勤工助学岗位', null, null, null, null, ['too_few_reviews']],
    ]);
    expect(dto.cases.every((c) => c.scoresVisible)).toBe(true);
    expect(dto.overall).toEqual({ reviews: 3, mean: 73.33, sd: 12.47 });
  });
  it("the coordinator sees the track but not the scores of their own unit's case, nor of a declared conflict", async () => {
    await declareConflict(t, f.campaignId, f.coordinatorId, f.otherUnit);
    const dto = (await coordinator.get(`/api/tracks/${f.fz}/ranking`)).json<TrackRankingDto>();
    const byTitle = (title: string) => dto.cases.find((c) => c.title === title)!;
    expect(byTitle('校企合作奖助')).toMatchObject<Partial<RankedCase>>({
      scoresVisible: false,
      mean: null,
      normalised: null,
      spread: null,
      rank: null,
    });
    expect(byTitle('勤工助学岗位').scoresVisible).toBe(false);
    expect(byTitle('导师团队一生一策')).toMatchObject({ scoresVisible: true, rank: 2, normalised: 75.43 });
    expect(dto.overall.mean).toBeNull();
  });
  it('the workbook has the ranking, every review and the reviewer statistics', async () => {
    const res = await admin.get(`/api/tracks/${f.fz}/scores.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '评分明细', '专家统计']);
    const rows = (name: string, from: number) => {
      const ws = wb.getWorksheet(name)!;
      const out: string[][] = [];
      for (let r = from; r <= ws.rowCount; r++)
        out.push(Array.from({ length: ws.columnCount }, (_, i) => valueText(ws.getRow(r).getCell(i + 1).value)));
      return out;
    };
    expect(rows('排名', 2)[0]).toEqual(['排名', '受理号', '案例名称', '申报单位', '评审数', '平均分', '标准化得分', '分差', '提示']);
    expect(rows('排名', 3).map((r) => [r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ['1', '校企合作奖助', '徐州经贸分院', '1/3', '70', '85.81', '0', '评审数不足'],
      ['2', '导师团队一生一策', '南京工程分院', '2/3', '75', '75.43', '30', '评审数不足、评分分歧大'],
      ['', '勤工助学岗位', '苏州分院', '0/3', '', '', '', '评审数不足'],
    ]);
    const detail = rows('评分明细', 1);
    const first = defaultCaseRubric.criteria[0]!;
    expect(detail[0]!.slice(0, 4)).toEqual(['受理号', '案例名称', '评审专家', `${first.label}(满分10,权重25)`]);
    expect(detail.slice(1).map((r) => [r[1], r[9], r[10]])).toEqual([
      ['校企合作奖助', '70', '85.81'],
      ['导师团队一生一策', '90', '90'],
      ['导师团队一生一策', '60', '60.86'],
    ]);
    expect(
      rows('专家统计', 2)
        .map((r) => [r[1], r[2], r[3]])
        .sort(),
    ).toEqual([
      ['1', '90', '0'],
      ['2', '65', '5'],
    ]);
    // The coordinator's workbook leaves out the reviews of the cases they may not see.
    const theirs = await coordinator.get(`/api/tracks/${f.fz}/scores.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('评分明细')!.rowCount).toBe(3);
  });
});
