import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntryDto, GrowthArchiveDto } from '../../../../contracts/growth-archive.ts';
import { maskIdNumber } from '../../privacy/masking.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { makeClassTeacher, makeMentor, seedStudent } from '../students/test-fixtures.ts';

let t: TestApp;
let unitId: number;
let officer: Client;
let officerId: number;
let leader: Client;
let teacher: Client;
let teacherId: number;
let otherTeacher: Client;
let mentorOnly: Client;
let otherOfficer: Client;
let reviewer: Client;
let admin: Client;
/** In the teacher's class. */
let student: Awaited<ReturnType<typeof seedStudent>>;
/** Same unit, another class; mentored (not taught) by `mentorOnly`. */
let classmate: Awaited<ReturnType<typeof seedStudent>>;

const CLASS = '2021级机电1班';

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ name: '档案测试分院' });
  const otherUnit = await t.unit({ name: '档案测试外单位' });
  const login = async (roles: Parameters<TestApp['user']>[0]['roles'], unit: number | null) => {
    const u = await t.user({ roles, unitId: unit });
    return { id: u.id, client: await t.login(u.username) };
  };
  ({ id: officerId, client: officer } = await login(['unit_officer'], unitId));
  leader = (await login(['unit_leader'], unitId)).client;
  ({ id: teacherId, client: teacher } = await login(['mentor'], unitId));
  const other = await login(['mentor'], unitId);
  otherTeacher = other.client;
  const mentor = await login(['mentor'], unitId);
  mentorOnly = mentor.client;
  otherOfficer = (await login(['unit_officer'], otherUnit)).client;
  reviewer = (await login(['reviewer'], null)).client;
  admin = (await login(['institute_admin'], null)).client;

  student = await seedStudent(t, unitId, { className: CLASS, name: '王小明' });
  classmate = await seedStudent(t, unitId, { className: '2021级机电2班' });
  await makeClassTeacher(t, unitId, CLASS, teacherId);
  await makeClassTeacher(t, unitId, '2021级机电2班', other.id);
  await makeMentor(t, classmate.id, mentor.id);
});
afterAll(() => t.close());

const archiveUrl = (id = student.id) => `/api/students/${id}/archive`;
const entriesUrl = (id = student.id) => `/api/students/${id}/archive/entries`;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);

const aid = (fields: Record<string, unknown> = {}) => ({
  kind: 'aid',
  occurredOn: '2024-10-15',
  aidType: 'national_grant',
  amount: '1500',
  funder: '国家',
  ...fields,
});
const note = (body = '本学期学习主动,已适应实训课程节奏。', occurredOn = '2024-11-02') => ({ kind: 'note', occurredOn, body });
const goal = { kind: 'goal', occurredOn: '2024-09-20', body: '考取电工中级证书', targetOn: '2025-06-30' };
const activity = { kind: 'activity', occurredOn: '2024-12-01', activityType: 'social_service', title: '社区家电义务维修', hours: 2.5 };

async function created(res: LightMyRequestResponse): Promise<ArchiveEntryDto> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function auditOf(entityId: number, action: string) {
  return t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .execute();
}

describe('GET /api/students/:id/archive', () => {
  it('is refused to those who may not see the student, each with its reason', async () => {
    expectError(await t.anonymous().get(archiveUrl()), 401, 'unauthenticated');
    expectError(await reviewer.get(archiveUrl()), 403, 'student_records_forbidden');
    expectError(await otherOfficer.get(archiveUrl()), 403, 'not_own_unit');
    expectError(await otherTeacher.get(archiveUrl()), 403, 'not_own_student');
    expectError(await officer.get(archiveUrl(999_999)), 404, 'not_found');
    expectError(await officer.get(`${archiveUrl()}?kind=bonus`), 400, 'validation_failed');
  });

  it('shows the student masked and what each reader may add', async () => {
    for (const reader of [officer, leader, teacher, admin]) {
      const res = await reader.get(archiveUrl());
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(student.sensitive.idNumber);
      expect(res.json<GrowthArchiveDto>().student.idNumberMasked).toBe(maskIdNumber(student.sensitive.idNumber));
    }
    const byTeacher = (await teacher.get(archiveUrl())).json<GrowthArchiveDto>().abilities.create;
    expect(byTeacher.note).toEqual({ allowed: true, whyNot: null });
    expect(byTeacher.aid).toEqual({ allowed: false, whyNot: 'archive_kind_officer_only' });
    expect((await leader.get(archiveUrl())).json<GrowthArchiveDto>().abilities.create.note.whyNot).toBe('not_archive_writer');
    expect((await officer.get(archiveUrl())).json<GrowthArchiveDto>().abilities.create.aid.allowed).toBe(true);
  });
});

describe('POST /api/students/:id/archive/entries', () => {
  it('refuses bad input with the field that is wrong', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [aid({ amount: '12.345' }), 'amount'],
      [aid({ amount: '-5' }), 'amount'],
      [aid({ amount: '0' }), 'amount'],
      [aid({ amount: 'abc' }), 'amount'],
      [aid({ aidType: 'lottery' }), 'aidType'],
      [aid({ occurredOn: tomorrow() }), 'occurredOn'],
      [aid({ occurredOn: '2024-02-30' }), 'occurredOn'],
      [{ ...goal, targetOn: '2024-01-01' }, 'targetOn'],
      [{ ...activity, hours: 1.25 }, 'hours'],
      [note('   '), 'body'],
    ];
    for (const [body, path] of bad) {
      const res = await officer.post(entriesUrl(), body);
      expectError(res, 400, 'validation_failed');
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expectError(await officer.post(entriesUrl(), { kind: 'rumour', occurredOn: '2024-10-01' }), 400, 'validation_failed');
  });

  it('is refused by role, each with its reason', async () => {
    expectError(await t.anonymous().post(entriesUrl(), note()), 401, 'unauthenticated');
    expectError(await reviewer.post(entriesUrl(), note()), 403, 'student_records_forbidden');
    expectError(await otherOfficer.post(entriesUrl(), aid()), 403, 'not_own_unit');
    expectError(await otherTeacher.post(entriesUrl(), note()), 403, 'not_own_student');
    expectError(await leader.post(entriesUrl(), note()), 403, 'not_archive_writer');
    expectError(await admin.post(entriesUrl(), note()), 403, 'not_archive_writer');
    // Aid and rewards are the aid officer's, even for the teacher's own student.
    expectError(await teacher.post(entriesUrl(), aid()), 403, 'archive_kind_officer_only');
    expectError(
      await teacher.post(entriesUrl(), { kind: 'reward', occurredOn: '2024-12-01', title: '优秀班干部' }),
      403,
      'archive_kind_officer_only',
    );
    expect((await officer.get(archiveUrl())).json<GrowthArchiveDto>().entries).toHaveLength(0);
  });

  it('keeps amounts exact in fen and sums them per school year', async () => {
    const first = await created(await officer.post(entriesUrl(), aid({ amount: '1234.56', occurredOn: '2024-10-15' })));
    expect(first).toMatchObject({ amountFen: 123456, amount: '1234.56', aidType: 'national_grant', schoolYear: '2024-2025' });
    // 0.1 + 0.2 in floating point is 0.30000000000000004: in fen it is 30.
    const small = await created(
      await officer.post(entriesUrl(), aid({ amount: 0.3, aidType: 'hardship_allowance', occurredOn: '2025-03-01' })),
    );
    expect(small.amountFen).toBe(30);
    const later = await created(
      await officer.post(entriesUrl(), aid({ amount: '1,000.5', aidType: 'work_study', occurredOn: '2025-09-01' })),
    );
    expect(later).toMatchObject({ amountFen: 100050, amount: '1000.50', schoolYear: '2025-2026' });
    const row = await t.db.selectFrom('growth_archive_entries').select('amount_fen').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.amount_fen).toBe(123456);

    const archive = (await teacher.get(archiveUrl())).json<GrowthArchiveDto>();
    // 2024-2025: 1234.56 + 0.30; 2025-2026: 1000.50.
    expect(archive.aidTotals).toEqual([
      { schoolYear: '2025-2026', count: 1, amountFen: 100050, amount: '1000.50' },
      { schoolYear: '2024-2025', count: 2, amountFen: 123486, amount: '1234.86' },
    ]);
    const audit = await auditOf(first.id, 'growth_archive.entry_created');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(officerId);
    expect(audit[0]!.summary).toMatchObject({ after: { kind: 'aid', amountFen: 123456, studentNo: expect.any(String) } });
  });

  it('lets the class teacher and the mentor write notes, goals and activities for their own students', async () => {
    const n = await created(await teacher.post(entriesUrl(), note()));
    expect(n).toMatchObject({ kind: 'note', createdBy: { id: teacherId } });
    const g = await created(await teacher.post(entriesUrl(), goal));
    expect(g).toMatchObject({ goalStatus: 'in_progress', targetOn: '2025-06-30' });
    const a = await created(await teacher.post(entriesUrl(), activity));
    expect(a).toMatchObject({ hours: 2.5, activityType: 'social_service' });
    await created(await mentorOnly.post(entriesUrl(classmate.id), note('结对谈心一次,制定了学习计划。', today())));
    expectError(await mentorOnly.post(entriesUrl(), note()), 403, 'not_own_student');
  });

  it('refuses free text that holds an ID number or a phone number, without echoing it', async () => {
    const id = student.sensitive.idNumber;
    const res = await teacher.post(entriesUrl(), note(`家长身份证 ${id},电话 ${student.sensitive.phone},已联系。`));
    expectError(res, 422, 'text_contains_pii');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['body', 'body']);
    expect(res.body).not.toContain(id);
    expect(res.body).not.toContain(student.sensitive.phone);
    const stored = await t.db.selectFrom('growth_archive_entries').select('body').execute();
    expect(stored.some((r) => r.body?.includes(id))).toBe(false);
  });

  it('filters the timeline by kind and school year, newest first', async () => {
    const aidOnly = (await officer.get(`${archiveUrl()}?kind=aid&schoolYear=2024-2025`)).json<GrowthArchiveDto>();
    expect(aidOnly.entries.map((e) => [e.occurredOn, e.amountFen])).toEqual([
      ['2025-03-01', 30],
      ['2024-10-15', 123456],
    ]);
  });
});

describe('PATCH and DELETE /api/students/:id/archive/entries/:entryId', () => {
  let teacherNote: ArchiveEntryDto;
  let officerActivity: ArchiveEntryDto;

  beforeAll(async () => {
    teacherNote = await created(await teacher.post(entriesUrl(), note('初稿:家访后情况稳定。', '2024-10-20')));
    officerActivity = await created(await officer.post(entriesUrl(), { ...activity, title: '职业体验日' }));
  });

  it('is refused to others, each with its reason', async () => {
    const url = `${entriesUrl()}/${teacherNote.id}`;
    expectError(await t.anonymous().patch(url, note()), 401, 'unauthenticated');
    expectError(await reviewer.patch(url, note()), 403, 'student_records_forbidden');
    expectError(await otherTeacher.patch(url, note()), 403, 'not_own_student');
    expectError(await otherOfficer.delete(url), 403, 'not_own_unit');
    expectError(await leader.delete(url), 403, 'not_archive_writer');
    // A teacher changes only what they wrote; the officer corrects anything.
    expectError(await teacher.patch(`${entriesUrl()}/${officerActivity.id}`, activity), 403, 'not_own_archive_entry');
    expectError(await teacher.delete(`${entriesUrl()}/${officerActivity.id}`), 403, 'not_own_archive_entry');
    expectError(await teacher.patch(url, goal), 400, 'archive_kind_mismatch');
    expectError(await teacher.patch(url, { kind: 'note', occurredOn: '2024-10-20', body: '' }), 400, 'validation_failed');
    // An entry reached through another student's address does not exist there.
    expectError(await officer.patch(`${entriesUrl(classmate.id)}/${teacherNote.id}`, note()), 404, 'not_found');
  });

  it('saves a change with an audit row holding before and after', async () => {
    const res = await teacher.patch(`${entriesUrl()}/${teacherNote.id}`, note('修订:家访后情况稳定,已申请勤工助学岗位。', '2024-10-20'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ArchiveEntryDto>()).toMatchObject({ body: '修订:家访后情况稳定,已申请勤工助学岗位。', updatedBy: { id: teacherId } });
    const [row] = await auditOf(teacherNote.id, 'growth_archive.entry_updated');
    expect(row!.summary).toMatchObject({
      before: { body: '初稿:家访后情况稳定。' },
      after: { body: '修订:家访后情况稳定,已申请勤工助学岗位。' },
    });
    const corrected = await officer.patch(`${entriesUrl()}/${teacherNote.id}`, note('资助管理员更正。', '2024-10-21'));
    expect(corrected.json<ArchiveEntryDto>()).toMatchObject({
      occurredOn: '2024-10-21',
      createdBy: { id: teacherId },
      updatedBy: { id: officerId },
    });
  });

  it('deletes with an audit row, and the entry is gone', async () => {
    const res = await teacher.delete(`${entriesUrl()}/${teacherNote.id}`);
    expect(res.statusCode, res.body).toBe(204);
    const [row] = await auditOf(teacherNote.id, 'growth_archive.entry_deleted');
    expect(row!.summary).toMatchObject({ before: { kind: 'note', body: '资助管理员更正。' } });
    const ids = (await officer.get(archiveUrl())).json<GrowthArchiveDto>().entries.map((e) => e.id);
    expect(ids).not.toContain(teacherNote.id);
    expectError(await teacher.delete(`${entriesUrl()}/${teacherNote.id}`), 404, 'not_found');
    expect((await officer.delete(`${entriesUrl()}/${officerActivity.id}`)).statusCode).toBe(204);
  });
});

async function documentText(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
  return { xml, text, all: (await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))))).join('\n') };
}

describe('GET /api/students/:id/archive.docx', () => {
  it('is refused to those who may not see the student', async () => {
    const url = `/api/students/${student.id}/archive.docx`;
    expectError(await t.anonymous().get(url), 401, 'unauthenticated');
    expectError(await reviewer.get(url), 403, 'student_records_forbidden');
    expectError(await otherOfficer.get(url), 403, 'not_own_unit');
    expectError(await otherTeacher.get(url), 403, 'not_own_student');
  });

  it('prints the archive on A4 in Chinese fonts, with the ID number masked and never in full', async () => {
    const res = await teacher.get(`/api/students/${student.id}/archive.docx`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('王小明-资助成长档案.docx');
    const { xml, text, all } = await documentText(res);
    expect(text).toContain('学生资助成长档案');
    expect(text).toContain('王小明');
    expect(text).toContain(maskIdNumber(student.sensitive.idNumber));
    for (const value of Object.values(student.sensitive)) expect(all).not.toContain(value);
    // The timeline, by section.
    expect(text).toContain('国家助学金');
    expect(text).toContain('1234.56');
    expect(text).toContain('2024-2025 学年:共 2 笔,合计 1234.86 元');
    expect(text).toContain('考取电工中级证书');
    expect(text).toContain('社区家电义务维修');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(all).toContain('w:eastAsia="宋体"');
    const [row] = await auditOf(student.id, 'growth_archive.exported');
    expect(row!.summary).toMatchObject({ after: { studentNo: expect.any(String) } });
  });
});
