import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '../../../../contracts/submissions.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import {
  expectError,
  patch,
  readyCase,
  readyNomination,
  seedCampaign,
  sentCase,
  unitPeople,
  words,
  type Fixture,
  type UnitPeople,
} from '../submissions/test-fixtures.ts';

let t: TestApp;
let f: Fixture;
/** 南京工程分院 */
let p: UnitPeople;
/** 徐州经贸分院: the FZ coordinator's unit. */
let host: UnitPeople;
/** 苏州分院 */
let other: UnitPeople;
let admin: Client;
let coordinator: Client;
let otherCoordinator: Client;

const HEADERS = ['项目类别', '项目名称', '申报单位', '联系人', '联系方式', '回执编号', '状态'];

let a1: { id: number; receiptNo: string };
let a2: { id: number; receiptNo: string };
let hostCase: { id: number; receiptNo: string };
let otherCase: { id: number; receiptNo: string };
let draftId: number;
let withdrawnId: number;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  await t.db.updateTable('tracks').set({ default_quota: 100 }).where('id', '=', f.fz).execute();
  p = await unitPeople(t, f.unit);
  host = await unitPeople(t, f.hostUnit);
  other = await unitPeople(t, f.otherUnit);
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
  const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
  coordinator = await t.login(coord.username);
  const oc = await t.user({ roles: ['track_coordinator'], unitId: f.otherUnit });
  await t.db.updateTable('tracks').set({ coordinator_user_id: oc.id }).where('id', '=', f.ds).execute();
  otherCoordinator = await t.login(oc.username);

  a1 = await sentCase(f, p, {
    title: '导师团队“一生一策”帮扶',
    contact: { name: '王老师', phone: '13851234567' },
    sections: {
      background: `${words(300)}\n背景第二段。`,
      practice: `主要做法第一段${words(800)}\n主要做法第二段:建立成长档案。`,
      outcomes: words(300),
      lessons: words(200),
    },
  });
  a2 = await sentCase(f, p, { title: '勤工助学岗位育人' });
  await coordinator.post(`/api/form-check/submissions/${a2.id}/accept`);
  hostCase = await sentCase(f, host, { title: '牵头单位的案例' });
  otherCase = await sentCase(f, other, { title: '苏州分院的案例' });
  draftId = await readyCase(f, p, { title: '还在起草的案例' });
  const w = await sentCase(f, p, { title: '已撤回的案例' });
  expect((await p.officer.post(`/api/submissions/${w.id}/withdraw`)).statusCode).toBe(200);
  withdrawnId = w.id;
  const students = [
    {
      name: '张三',
      studentNo: 'S20200001',
      programme: '五年制高职',
      grade: 4,
      major: '机电一体化',
      className: '机电2001',
      consentAt: '2024-05-10',
    },
  ];
  // Students on the draft too, to see the unit's own current content in its .docx.
  const { revision } = (await p.mentor.get(`/api/submissions/${draftId}`)).json<SubmissionDetail>();
  expect((await p.mentor.request('PUT', `/api/submissions/${draftId}/students`, { revision, students })).statusCode).toBe(200);
});
afterAll(() => t.close());

async function readWorkbook(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  const rows: string[][] = [];
  for (let r = 3; r <= sheet.rowCount; r++) rows.push(HEADERS.map((_, i) => text(sheet.getRow(r).getCell(i + 1).value)));
  return {
    sheet,
    title: text(sheet.getCell('A1').value),
    header: HEADERS.map((_, i) => text(sheet.getRow(2).getCell(i + 1).value)),
    rows,
  };
}

const fileName = (res: LightMyRequestResponse) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))![1]!);

describe('GET /api/exports/campaigns/:id/units/:unitId/recommendation-list.xlsx', () => {
  const url = () => `/api/exports/campaigns/${f.campaignId}/units/${f.unit}/recommendation-list.xlsx`;

  it('requires a session', async () => {
    expectError(await t.anonymous().get(url()), 401, 'unauthenticated');
  });

  it('is refused to other units, to teachers, and to coordinators', async () => {
    expectError(await other.officer.get(url()), 403, 'not_own_unit');
    expectError(await p.mentor.get(url()), 403, 'not_unit_manager');
    expectError(await coordinator.get(url()), 403, 'not_own_unit');
  });

  it('400 for a bad id, 404 for a missing campaign or unit', async () => {
    expectError(await admin.get(`/api/exports/campaigns/x/units/${f.unit}/recommendation-list.xlsx`), 400, 'validation_failed');
    expectError(await admin.get(`/api/exports/campaigns/999999/units/${f.unit}/recommendation-list.xlsx`), 404, 'not_found');
    expectError(await admin.get(`/api/exports/campaigns/${f.campaignId}/units/999999/recommendation-list.xlsx`), 404, 'not_found');
  });

  it('lists the unit’s sent cases in exactly the notice’s columns, under a title row, for the officer, the leader and the admin', async () => {
    const res = await p.officer.get(url());
    const { sheet, title, header, rows } = await readWorkbook(res);
    expect(fileName(res)).toBe('2024年推荐清单-南京工程分院.xlsx');
    expect(title).toBe('2024年“苏乡永助”资助育人主题活动推荐清单(南京工程分院)');
    expect(header).toEqual(HEADERS);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    expect(rows).toEqual([
      [
        '发展型资助育人优秀案例(系统性发展型资助制度及其实施)',
        '导师团队“一生一策”帮扶',
        '南京工程分院',
        '王老师',
        '13851234567',
        a1.receiptNo,
        '待审查',
      ],
      [
        '发展型资助育人优秀案例(系统性发展型资助制度及其实施)',
        '勤工助学岗位育人',
        '南京工程分院',
        '李老师',
        '025-86000000',
        a2.receiptNo,
        '形式审查通过',
      ],
    ]);
    expect((await p.leader.get(url())).statusCode).toBe(200);
    expect((await readWorkbook(await admin.get(url()))).rows).toHaveLength(2);
  });

  it('shows what was sent while a returned case is being revised', async () => {
    const c = await sentCase(f, other, { title: '退回前的名称' });
    expect((await coordinator.post(`/api/form-check/submissions/${c.id}/return`, { reasons: '请修改项目名称' })).statusCode).toBe(200);
    expect((await patch(other.mentor, c.id, { title: '修改中的名称' })).statusCode).toBe(200);
    const { rows } = await readWorkbook(
      await other.officer.get(`/api/exports/campaigns/${f.campaignId}/units/${f.otherUnit}/recommendation-list.xlsx`),
    );
    expect(rows.find((r) => r[5] === c.receiptNo)).toEqual(expect.arrayContaining(['退回前的名称', '已退回修改']));
  });
});

describe('GET /api/exports/tracks/:id/recommendation-list.xlsx', () => {
  const url = () => `/api/exports/tracks/${f.fz}/recommendation-list.xlsx`;

  it('requires a session; is refused to a coordinator of another track and to unit staff', async () => {
    expectError(await t.anonymous().get(url()), 401, 'unauthenticated');
    expectError(await otherCoordinator.get(url()), 403, 'not_track_coordinator');
    expectError(await p.officer.get(url()), 403, 'not_track_coordinator');
    expectError(await admin.get('/api/exports/tracks/999999/recommendation-list.xlsx'), 404, 'not_found');
  });

  it('gives the coordinator the track’s sent cases without their own unit’s; the admin gets all', async () => {
    const res = await coordinator.get(url());
    const coord = await readWorkbook(res);
    expect(fileName(res)).toBe('2024年推荐清单-发展型资助育人优秀案例.xlsx');
    expect(coord.title).toBe('2024年“苏乡永助”资助育人主题活动推荐清单(发展型资助育人优秀案例)');
    expect(coord.header).toEqual(HEADERS);
    const receipts = coord.rows.map((r) => r[5]);
    expect(receipts).toEqual(expect.arrayContaining([a1.receiptNo, a2.receiptNo, otherCase.receiptNo]));
    expect(receipts).not.toContain(hostCase.receiptNo);
    expect(coord.rows.map((r) => r[1])).not.toContain('已撤回的案例');
    expect(coord.rows.map((r) => r[1])).not.toContain('还在起草的案例');
    expect(coord.rows.find((r) => r[5] === otherCase.receiptNo)).toEqual([
      '发展型资助育人优秀案例(系统性发展型资助制度及其实施)',
      '苏州分院的案例',
      '苏州分院',
      '李老师',
      '025-86000000',
      otherCase.receiptNo,
      '待审查',
    ]);
    const all = await readWorkbook(await admin.get(url()));
    expect(all.rows.map((r) => r[5])).toContain(hostCase.receiptNo);
    expect(all.rows).toHaveLength(coord.rows.length + 1);
  });
});

async function documentXml(res: LightMyRequestResponse): Promise<{ body: string; text: string; footer: string }> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const zip = await JSZip.loadAsync(res.rawPayload);
  const body = await zip.file('word/document.xml')!.async('string');
  const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
  const footer = await zip.file(footerName)!.async('string');
  // The text as a reader sees it: runs joined, paragraphs on their own lines.
  const text = body
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
  return { body, text, footer };
}

describe('GET /api/exports/submissions/:id/case.docx', () => {
  it('requires a session; refuses whoever may not see the case', async () => {
    expectError(await t.anonymous().get(`/api/exports/submissions/${a1.id}/case.docx`), 401, 'unauthenticated');
    expectError(await other.officer.get(`/api/exports/submissions/${a1.id}/case.docx`), 403, 'not_own_unit');
    expectError(await otherCoordinator.get(`/api/exports/submissions/${a1.id}/case.docx`), 403, 'forbidden');
    expectError(await coordinator.get(`/api/exports/submissions/${hostCase.id}/case.docx`), 403, 'own_unit_conflict');
    expectError(await coordinator.get(`/api/exports/submissions/${draftId}/case.docx`), 403, 'draft_private');
    expectError(await coordinator.get(`/api/exports/submissions/${withdrawnId}/case.docx`), 403, 'draft_private');
    expectError(await admin.get('/api/exports/submissions/999999/case.docx'), 404, 'not_found');
  });

  it('prints the case: title, facts, priority tags, each section with its heading and a paragraph per line, students, attachments', async () => {
    const res = await coordinator.get(`/api/exports/submissions/${a1.id}/case.docx`);
    const { body, text, footer } = await documentXml(res);
    expect(fileName(res)).toBe(`${a1.receiptNo}-导师团队“一生一策”帮扶.docx`);
    const lines = text.split('\n');
    expect(lines[0]).toBe('导师团队“一生一策”帮扶');
    for (const fact of [
      '回执编号',
      a1.receiptNo,
      '申报单位',
      '南京工程分院',
      '联系人',
      '王老师',
      '13851234567',
      '实施情况',
      '已实施',
      '集体项目',
      '否',
    ]) {
      expect(lines).toContain(fact);
    }
    expect(text).toContain('帮助学生摆脱现实困境:帮助学生解决实际困难');
    // Headings in the template's order, each followed by its text, one paragraph per line.
    const at = (s: string) => lines.indexOf(s);
    expect(at('案例背景')).toBeGreaterThan(0);
    expect(at('案例背景')).toBeLessThan(at('主要做法'));
    expect(at('主要做法')).toBeLessThan(at('实施成效'));
    expect(at('实施成效')).toBeLessThan(at('经验与启示'));
    expect(lines[at('主要做法') + 1]).toBe(`主要做法第一段${words(800)}`);
    expect(lines[at('主要做法') + 2]).toBe('主要做法第二段:建立成长档案。');
    expect(lines[at('案例背景') + 2]).toBe('背景第二段。');
    expect(text).toContain('案例全文:案例全文.pdf');
    // A4, Chinese font, page numbers in the footer.
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(body).toContain('w:eastAsia="宋体"');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it('lets the unit print its own draft as it is now, with its students (name, number, major, grade — no ID or phone)', async () => {
    const res = await p.mentor.get(`/api/exports/submissions/${draftId}/case.docx`);
    const { text } = await documentXml(res);
    const lines = text.split('\n');
    expect(lines[0]).toBe('还在起草的案例');
    expect(lines).toContain('草稿');
    expect(lines).toContain('涉及学生');
    for (const cell of ['姓名', '学号', '专业', '年级', '张三', 'S20200001', '机电一体化', '4 年级']) expect(lines).toContain(cell);
    expect(text).not.toContain('身份证');
    expect(text).not.toContain('手机');
  });
});

describe('an ambassador nomination’s publicity activities', () => {
  it('reach the form check and the printed document as they were submitted', async () => {
    const id = await readyNomination(f, p);
    const added = await p.officer.post(`/api/submissions/${id}/activities`, {
      kind: 'community',
      title: '走进社区讲资助政策',
      heldOn: '2024-07-16',
      place: '鼓楼区某社区',
      audience: 120,
      description: '面向社区家长讲解国家资助政策',
    });
    expect(added.statusCode, added.body).toBe(201);
    // The activity is an edit: the leader signs off again before it can go out.
    expect((await p.leader.post(`/api/submissions/${id}/approve`)).statusCode).toBe(200);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);

    const seen = (await admin.get(`/api/form-check/submissions/${id}`)).json();
    expect(seen.content.activities).toEqual([
      expect.objectContaining({ kind: 'community', title: '走进社区讲资助政策', heldOn: '2024-07-16', audience: 120 }),
    ]);
    const { text } = await documentXml(await admin.get(`/api/exports/submissions/${id}/case.docx`));
    expect(text).toContain('宣传活动记录');
    expect(text).toContain('资助政策进社区');
    expect(text).toContain('走进社区讲资助政策');
  });
});
