import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { RevealResult, StudentDto } from '../../../../contracts/students.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { makeClassTeacher, makeMentor, seedStudent, sensitiveValuesOf, validIdNumber } from './test-fixtures.ts';

let t: TestApp;
let unit: number;
let otherUnit: number;
let admin: Client;
let officer: Client;
let leader: Client;
let classTeacher: Client;
let mentor: Client;
let otherTeacher: Client;
let otherOfficer: Client;
let reviewer: Client;
let coordinator: Client;
/** In class 护理1班 (the class teacher's), one mentored by the mentor, one in nobody's class. */
let inClass: Awaited<ReturnType<typeof seedStudent>>;
let mentee: Awaited<ReturnType<typeof seedStudent>>;
let unassigned: Awaited<ReturnType<typeof seedStudent>>;
let elsewhere: Awaited<ReturnType<typeof seedStudent>>;

beforeAll(async () => {
  t = await createTestApp();
  unit = await t.unit({ name: '名册分院' });
  otherUnit = await t.unit({ name: '别的分院' });
  const login = async (roles: Parameters<TestApp['user']>[0]['roles'], unitId: number | null = unit) =>
    t.login((await t.user({ roles, unitId })).username);
  admin = await login(['institute_admin'], null);
  officer = await login(['unit_officer']);
  leader = await login(['unit_leader']);
  const teacherUser = await t.user({ roles: ['mentor'], unitId: unit });
  classTeacher = await t.login(teacherUser.username);
  const mentorUser = await t.user({ roles: ['mentor'], unitId: unit });
  mentor = await t.login(mentorUser.username);
  otherTeacher = await login(['mentor']);
  otherOfficer = await login(['unit_officer'], otherUnit);
  reviewer = await login(['reviewer']);
  coordinator = await login(['track_coordinator']);
  inClass = await seedStudent(t, unit, { className: '2021级护理1班', name: '班内学生' });
  mentee = await seedStudent(t, unit, { className: '2021级护理2班', name: '结对学生' });
  unassigned = await seedStudent(t, unit, { className: '2021级护理2班', name: '其他学生' });
  elsewhere = await seedStudent(t, otherUnit, { name: '外单位学生' });
  await makeClassTeacher(t, unit, '2021级护理1班', teacherUser.id);
  await makeMentor(t, mentee.id, mentorUser.id);
});
afterAll(() => t.close());

const names = (res: { json: () => Page<StudentDto> }) =>
  res
    .json()
    .items.map((s) => s.name)
    .sort();

describe('who sees which students', () => {
  it('the unit officer and leader see their unit; the admin every unit', async () => {
    expect(names(await officer.get('/api/students'))).toEqual(['其他学生', '班内学生', '结对学生']);
    expect(names(await leader.get('/api/students'))).toEqual(['其他学生', '班内学生', '结对学生']);
    expect(names(await admin.get('/api/students'))).toEqual(['其他学生', '外单位学生', '班内学生', '结对学生']);
    expect(names(await otherOfficer.get('/api/students'))).toEqual(['外单位学生']);
  });

  it('a class teacher sees the class; a mentor the mentee; a teacher with neither nobody', async () => {
    expect(names(await classTeacher.get('/api/students'))).toEqual(['班内学生']);
    expect(names(await mentor.get('/api/students'))).toEqual(['结对学生']);
    expect((await otherTeacher.get('/api/students')).json<Page<StudentDto>>().total).toBe(0);
  });

  it('refuses single records outside the scope with the reason', async () => {
    expect((await classTeacher.get(`/api/students/${inClass.id}`)).statusCode).toBe(200);
    expectError(await classTeacher.get(`/api/students/${unassigned.id}`), 403, 'not_own_student');
    expectError(await officer.get(`/api/students/${elsewhere.id}`), 403, 'not_own_unit');
    expectError(await reviewer.get(`/api/students/${inClass.id}`), 403, 'student_records_forbidden');
    expectError(await reviewer.get('/api/students'), 403, 'student_records_forbidden');
    expectError(await coordinator.get('/api/students'), 403, 'student_records_forbidden');
    expectError(await t.anonymous().get('/api/students'), 401, 'unauthenticated');
    expectError(await officer.get('/api/students/999999'), 404, 'not_found');
  });

  it('finds by 学号 prefix or by name within the scope only', async () => {
    const page = (await officer.get(`/api/students?q=${encodeURIComponent('班内')}`)).json<Page<StudentDto>>();
    expect(page.items.map((s) => s.name)).toEqual(['班内学生']);
    const no = page.items[0]!.studentNo;
    expect((await officer.get(`/api/students?q=${no.slice(0, 8)}`)).json<Page<StudentDto>>().items.map((s) => s.studentNo)).toContain(no);
    expect((await otherOfficer.get(`/api/students?q=${no}`)).json<Page<StudentDto>>().total).toBe(0);
  });
});

describe('sensitive fields', () => {
  it('are ciphertext in the database, not the values', async () => {
    const row = await t.db.selectFrom('students').selectAll().where('id', '=', inClass.id).executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const value of Object.values(inClass.sensitive)) expect(stored).not.toContain(value);
    expect(row.id_number_sealed).toMatch(/^v1:k1:/);
    expect(row.id_number_masked).toBe(`${inClass.sensitive.idNumber.slice(0, 4)}**********${inClass.sensitive.idNumber.slice(-4)}`);
    // Not even a LIKE over the table finds the ID number.
    const hits = await sql<{
      n: string;
    }>`select count(*) as n from students where students::text like ${`%${inClass.sensitive.idNumber}%`}`.execute(t.db);
    expect(Number(hits.rows[0]!.n)).toBe(0);
  });

  it('are masked in lists and pages, with the abilities to reveal per role', async () => {
    const dto = (await officer.get(`/api/students/${inClass.id}`)).json<StudentDto>();
    expect(dto.masked).toEqual({
      idNumber: expect.stringMatching(/^\d{4}\*{10}[\dX]{4}$/),
      phone: expect.stringMatching(/^139\*{4}\d{4}$/),
      address: '江苏省南京市****',
      birthDate: '2006-**-**',
      bankCard: expect.stringMatching(/^6222\*{8}\d{4}$/),
    });
    const body = JSON.stringify(await officer.get('/api/students').then((r) => r.json()));
    for (const value of Object.values(inClass.sensitive)) expect(body).not.toContain(value);
    expect(Object.values(dto.abilities.reveal).every((a) => a.allowed)).toBe(true);
    const asTeacher = (await classTeacher.get(`/api/students/${inClass.id}`)).json<StudentDto>();
    expect(asTeacher.abilities.reveal.phone.allowed).toBe(true);
    expect(asTeacher.abilities.reveal.idNumber).toEqual({ allowed: false, whyNot: 'reveal_not_allowed' });
    expect((await leader.get(`/api/students/${inClass.id}`)).json<StudentDto>().abilities.reveal.bankCard.allowed).toBe(false);
  });

  it('are revealed one at a time with a reason, and every reveal is audited without the value', async () => {
    expectError(await officer.post(`/api/students/${inClass.id}/reveal`, { field: 'idNumber', reason: '' }), 400, 'validation_failed');
    const res = await officer.post(`/api/students/${inClass.id}/reveal`, { field: 'idNumber', reason: '办理国家助学金核对身份' });
    expect(res.json<RevealResult>()).toEqual({ field: 'idNumber', value: inClass.sensitive.idNumber });
    const phone = await classTeacher.post(`/api/students/${inClass.id}/reveal`, { field: 'phone', reason: '家访前电话预约' });
    expect(phone.json<RevealResult>().value).toBe(inClass.sensitive.phone);
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'summary'])
      .where('action', '=', 'student.revealed')
      .where('entity_id', '=', inClass.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [(e.summary as { after: { field: string } }).after.field, (e.summary as { note: string }).note])).toEqual([
      ['idNumber', '办理国家助学金核对身份'],
      ['phone', '家访前电话预约'],
    ]);
    expect(JSON.stringify(events)).not.toContain(inClass.sensitive.idNumber);
  });

  it('refuses reveals the role may not make, and counts no refused reveal as seen', async () => {
    const before = await t.db
      .selectFrom('audit_events')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expectError(
      await classTeacher.post(`/api/students/${inClass.id}/reveal`, { field: 'idNumber', reason: '想看看身份证' }),
      403,
      'reveal_not_allowed',
    );
    expectError(
      await leader.post(`/api/students/${inClass.id}/reveal`, { field: 'phone', reason: '联系家长了解情况' }),
      403,
      'reveal_not_allowed',
    );
    expectError(
      await mentor.post(`/api/students/${inClass.id}/reveal`, { field: 'phone', reason: '联系家长了解情况' }),
      403,
      'not_own_student',
    );
    expectError(
      await otherOfficer.post(`/api/students/${inClass.id}/reveal`, { field: 'phone', reason: '联系家长了解情况' }),
      403,
      'not_own_unit',
    );
    expectError(
      await reviewer.post(`/api/students/${inClass.id}/reveal`, { field: 'phone', reason: '联系家长了解情况' }),
      403,
      'student_records_forbidden',
    );
    const after = await t.db
      .selectFrom('audit_events')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('keeping the roster by hand', () => {
  it('lets the officer add a student: the ID number is checked, stored sealed, answered masked', async () => {
    const input = { studentNo: '2022000001', name: '新生甲', programme: '五年制高职', grade: 4, className: '2022级护理1班' };
    const bad = await officer.post('/api/students', { ...input, sensitive: { idNumber: '320102200603150011' } });
    expectError(bad, 400, 'validation_failed');
    expect(bad.json().issues[0].message).toContain('身份证号无效');
    const id = validIdNumber(77).replace(/X$/, 'x');
    const res = await officer.post('/api/students', {
      ...input,
      sensitive: { idNumber: `${id.slice(0, 6)} ${id.slice(6)}`, phone: '13912345678' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const dto = res.json<StudentDto>();
    expect(dto.masked.idNumber).toBe(`${id.slice(0, 4)}**********${id.slice(-4).toUpperCase()}`);
    expect(res.body).not.toContain('13912345678');
    expectError(await officer.post('/api/students', input), 409, 'student_no_taken');
    const created = await t.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'student.created')
      .where('entity_id', '=', dto.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(created.summary)).not.toContain('13912345678');
  });

  it('is the officer’s alone, in their own unit', async () => {
    const input = { studentNo: '2022000099', name: '新生乙', programme: '五年制高职', grade: 4 };
    expectError(await leader.post('/api/students', input), 403, 'not_roster_manager');
    expectError(await classTeacher.post('/api/students', input), 403, 'not_roster_manager');
    expectError(await officer.post('/api/students', { ...input, unitId: otherUnit }), 403, 'not_own_unit');
    expectError(await admin.post('/api/students', input), 403, 'not_roster_manager');
    expectError(await officer.patch(`/api/students/${elsewhere.id}`, { grade: 5 }), 403, 'not_own_unit');
  });

  it('edits keep masks in the audit trail: before and after, never the values', async () => {
    const fresh = sensitiveValuesOf(901);
    const res = await officer.patch(`/api/students/${unassigned.id}`, { grade: 5, sensitive: { phone: fresh.phone, bankCard: null } });
    expect(res.json<StudentDto>()).toMatchObject({ grade: 5, masked: { bankCard: null, phone: expect.stringMatching(/^139\*{4}/) } });
    const event = await t.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'student.updated')
      .where('entity_id', '=', unassigned.id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(event.summary);
    expect(text).not.toContain(fresh.phone);
    expect(text).not.toContain(unassigned.sensitive.phone);
    expect(event.summary).toMatchObject({ before: { grade: 4 }, after: { grade: 5, bankCard: null } });
  });
});
