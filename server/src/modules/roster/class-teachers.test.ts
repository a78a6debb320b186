import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { RosterClassDto, TeacherCandidateDto } from '../../../../contracts/roster.ts';
import type { StudentDto } from '../../../../contracts/students.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';

let t: TestApp;
let unitId: number;
let officer: Client;
let teacher: { id: number; username: string };
let teacherClient: Client;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ name: '班主任测试分院' });
  officer = await t.login((await t.user({ roles: ['unit_officer'], unitId })).username);
  teacher = await t.user({ roles: ['mentor'], unitId });
  teacherClient = await t.login(teacher.username);
  await seedStudent(t, unitId, { className: '2022级会计1班', grade: 4 });
  await seedStudent(t, unitId, { className: '2022级会计1班', grade: 4 });
  await seedStudent(t, unitId, { className: '2023级会计1班', grade: 3 });
});
afterAll(() => t.close());

const classes = async (client: Client) => (await client.get('/api/roster/classes')).json<RosterClassDto[]>();

describe('PUT /api/roster/class-teachers', () => {
  it('requires a session and the unit’s aid officer', async () => {
    const body = { className: '2022级会计1班', userIds: [teacher.id] };
    expectError(await t.anonymous().request('PUT', '/api/roster/class-teachers', body), 401, 'unauthenticated');
    expectError(await teacherClient.request('PUT', '/api/roster/class-teachers', body), 403, 'not_roster_manager');
    const leader = await t.login((await t.user({ roles: ['unit_leader'], unitId })).username);
    expectError(await leader.request('PUT', '/api/roster/class-teachers', body), 403, 'not_roster_manager');
    const reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);
    expectError(await reviewer.request('PUT', '/api/roster/class-teachers', body), 403, 'not_roster_manager');
  });

  it('refuses a class the roster does not have, and anyone who is not one of the unit’s teachers', async () => {
    expectError(
      await officer.request('PUT', '/api/roster/class-teachers', { className: '不存在的班', userIds: [] }),
      404,
      'roster_class_unknown',
    );
    const otherUnit = await t.unit();
    const outsider = await t.user({ roles: ['mentor'], unitId: otherUnit });
    const notTeacher = await t.user({ roles: ['unit_leader'], unitId });
    for (const id of [outsider.id, notTeacher.id]) {
      expectError(
        await officer.request('PUT', '/api/roster/class-teachers', { className: '2022级会计1班', userIds: [id] }),
        400,
        'class_teacher_not_eligible',
      );
    }
    expectError(await officer.request('PUT', '/api/roster/class-teachers', { className: '', userIds: [] }), 400, 'validation_failed');
  });

  it('lets the teacher see exactly the students of the class they head', async () => {
    expect((await teacherClient.get('/api/students')).json<Page<StudentDto>>().total).toBe(0);
    const res = await officer.request('PUT', '/api/roster/class-teachers', { className: '2022级会计1班', userIds: [teacher.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RosterClassDto>()).toMatchObject({ className: '2022级会计1班', students: 2, teachers: [{ id: teacher.id }] });
    const seen = (await teacherClient.get('/api/students')).json<Page<StudentDto>>();
    expect(seen.items.map((s) => s.className)).toEqual(['2022级会计1班', '2022级会计1班']);
    expect((await classes(teacherClient)).map((c) => c.className)).toEqual(['2022级会计1班']);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'class_teachers.changed').execute();
    expect(audit.at(-1)!.summary).toMatchObject({ after: { className: '2022级会计1班' } });
  });

  it('removes a teacher with an empty list', async () => {
    await officer.request('PUT', '/api/roster/class-teachers', { className: '2022级会计1班', userIds: [] });
    expect((await teacherClient.get('/api/students')).json<Page<StudentDto>>().total).toBe(0);
  });
});

describe('GET /api/roster/classes', () => {
  it('lists the unit’s classes with counts, grades, teachers and whether the caller may assign them', async () => {
    const list = await classes(officer);
    expect(list.map((c) => [c.className, c.students, c.grades])).toEqual([
      ['2022级会计1班', 2, [4]],
      ['2023级会计1班', 1, [3]],
    ]);
    expect(list[0]!.abilities.assignTeachers.allowed).toBe(true);
    const leader = await t.login((await t.user({ roles: ['unit_leader'], unitId })).username);
    expect((await classes(leader))[0]!.abilities.assignTeachers).toEqual({ allowed: false, whyNot: 'not_roster_manager' });
  });

  it('is refused to reviewers and shows nothing of another unit', async () => {
    const reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);
    expectError(await reviewer.get('/api/roster/classes'), 403, 'student_records_forbidden');
    expectError(await officer.get(`/api/roster/classes?unitId=${await t.unit()}`), 403, 'not_own_unit');
    const admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
    expect(await classes(admin)).toEqual([]);
    expect((await admin.get(`/api/roster/classes?unitId=${unitId}`)).json<RosterClassDto[]>()).toHaveLength(2);
  });
});

describe('GET /api/roster/class-teacher-candidates', () => {
  it('offers the unit’s active teachers to its officer only', async () => {
    const res = await officer.get('/api/roster/class-teacher-candidates');
    expect(res.json<TeacherCandidateDto[]>().map((u) => u.id)).toEqual([teacher.id]);
    expectError(await teacherClient.get('/api/roster/class-teacher-candidates'), 403, 'not_roster_manager');
  });
});
