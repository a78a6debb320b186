import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { KeyTargetDto, MentorAssignmentDto, MentorCandidateDto } from '../../../../contracts/key-targets.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { seedStudent } from '../students/test-fixtures.ts';

let t: TestApp;
let unit: number;
let otherUnit: number;
let officer: Client;
let leader: Client;
let teacher: Client;
let otherOfficer: Client;
let reviewer: Client;
let teacherId: number;
let secondTeacherId: number;
const year = schoolYearOf(new Date());
const lastYear = `${Number(year.slice(0, 4)) - 1}-${year.slice(0, 4)}`;

/** A confirmed identification (the identification module's own tests walk the steps). */
async function identify(studentId: number, unitId: number, schoolYear = year, status = 'confirmed') {
  const level = await t.db.selectFrom('identification_levels').select('id').where('name', '=', '特别困难').executeTakeFirstOrThrow();
  await t.db
    .insertInto('identifications')
    .values({
      student_id: studentId,
      unit_id: unitId,
      school_year: schoolYear,
      status: status as 'confirmed',
      pledge_signed_on: `${schoolYear.slice(0, 4)}-09-10`,
      stated_situation: '父亲因病失去劳动能力',
      level_id: level.id,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  unit = await t.unit({ name: '帮扶分院' });
  otherUnit = await t.unit({ name: '别处分院' });
  officer = await t.login((await t.user({ roles: ['unit_officer'], unitId: unit })).username);
  leader = await t.login((await t.user({ roles: ['unit_leader'], unitId: unit })).username);
  const teacherUser = await t.user({ roles: ['mentor'], unitId: unit });
  teacherId = teacherUser.id;
  teacher = await t.login(teacherUser.username);
  secondTeacherId = (await t.user({ roles: ['mentor'], unitId: unit })).id;
  otherOfficer = await t.login((await t.user({ roles: ['unit_officer'], unitId: otherUnit })).username);
  reviewer = await t.login((await t.user({ roles: ['reviewer'] })).username);
});
afterAll(() => t.close());

const flag = (client: Client, studentId: number, body: Record<string, unknown> = {}) =>
  client.post(`/api/students/${studentId}/key-target-flags`, {
    schoolYear: year,
    flag: 'mental_health',
    department: '心理健康教育中心',
    ...body,
  });
const list = async (client: Client, query = '') =>
  (await client.get(`/api/key-targets?schoolYear=${year}${query}`)).json<Page<KeyTargetDto>>();

describe('flagging a key support target', () => {
  it('needs an identification confirmed for that school year', async () => {
    const s = await seedStudent(t, unit);
    expectError(await flag(officer, s.id), 409, 'student_not_identified');
    await identify(s.id, unit, lastYear);
    expectError(await flag(officer, s.id), 409, 'student_not_identified');
    const applied = await seedStudent(t, unit);
    await identify(applied.id, unit, year, 'proposed');
    expectError(await flag(officer, applied.id), 409, 'student_not_identified');
    await identify(s.id, unit);
    expect((await flag(officer, s.id)).statusCode).toBe(201);
    expectError(await flag(officer, s.id), 409, 'key_target_flag_exists');
    expect((await flag(officer, s.id, { flag: 'academic', department: '教务处' })).statusCode).toBe(201);
    const item = (await list(officer)).items.find((k) => k.studentId === s.id)!;
    expect(item.flags.map((f) => f.flag)).toEqual(['mental_health', 'academic']);
    expect(item.levelName).toBe('特别困难');
  });

  it('is the unit officer’s, in their own unit', async () => {
    const s = await seedStudent(t, unit);
    await identify(s.id, unit);
    expectError(await flag(leader, s.id), 403, 'not_key_target_manager');
    expectError(await flag(teacher, s.id), 403, 'not_own_student');
    expectError(await flag(otherOfficer, s.id), 403, 'not_own_unit');
    expectError(await flag(reviewer, s.id), 403, 'student_records_forbidden');
    expectError(await flag(officer, s.id, { department: '' }), 400, 'validation_failed');
  });

  it('is cleared with a reason, and drops off the list', async () => {
    const s = await seedStudent(t, unit);
    await identify(s.id, unit);
    await flag(officer, s.id, { flag: 'behaviour', department: '学生工作处' });
    const flagId = (await list(officer)).items.find((k) => k.studentId === s.id)!.flags[0]!.id;
    expectError(await officer.post(`/api/key-target-flags/${flagId}/clear`, { reason: '' }), 400, 'validation_failed');
    expect((await officer.post(`/api/key-target-flags/${flagId}/clear`, { reason: '经一学期帮扶已明显改善' })).statusCode).toBe(204);
    expectError(await officer.post(`/api/key-target-flags/${flagId}/clear`, { reason: '再次解除' }), 409, 'flag_already_cleared');
    expect((await list(officer)).items.some((k) => k.studentId === s.id)).toBe(false);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', s.id)
      .where('entity_type', '=', 'student')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['key_target.flagged', 'key_target.cleared']);
  });
});

describe('mentors for key targets', () => {
  it('lists key targets without a mentor, until one is assigned; the mentor is told and then sees the student', async () => {
    const s = await seedStudent(t, unit, { className: '无人班' });
    await identify(s.id, unit);
    await flag(officer, s.id);
    expect((await list(officer, '&withoutMentor=true')).items.map((k) => k.studentId)).toContain(s.id);
    expectError(await teacher.get(`/api/students/${s.id}`), 403, 'not_own_student');

    const candidates = (await officer.get('/api/key-targets/mentor-candidates')).json<MentorCandidateDto[]>();
    expect(candidates.map((c) => c.id)).toEqual(expect.arrayContaining([teacherId, secondTeacherId]));
    expect((await officer.post(`/api/students/${s.id}/mentors`, { mentorId: teacherId, isLead: true })).statusCode).toBe(201);
    expectError(
      await officer.post(`/api/students/${s.id}/mentors`, { mentorId: teacherId, isLead: false }),
      409,
      'mentor_already_assigned',
    );

    expect((await list(officer, '&withoutMentor=true')).items.map((k) => k.studentId)).not.toContain(s.id);
    expect((await teacher.get(`/api/students/${s.id}`)).statusCode).toBe(200);
    expect((await list(teacher)).items.map((k) => k.studentId)).toEqual([s.id]);
    const inbox = await t.db.selectFrom('inbox_messages').select(['title', 'body']).where('user_id', '=', teacherId).execute();
    expect(inbox.at(-1)!.title).toBe(`育人导师安排:${(await officer.get(`/api/students/${s.id}`)).json().name}`);
  });

  it('keeps one lead: a new lead moves the old one to the team; ending an assignment needs a reason and keeps history', async () => {
    const s = await seedStudent(t, unit);
    await officer.post(`/api/students/${s.id}/mentors`, { mentorId: teacherId, isLead: true });
    await officer.post(`/api/students/${s.id}/mentors`, { mentorId: secondTeacherId, isLead: true, note: '心理辅导方向' });
    let mentors = (await officer.get(`/api/students/${s.id}/mentors`)).json<MentorAssignmentDto[]>();
    expect(mentors.map((m) => [m.mentorId, m.isLead])).toEqual([
      [secondTeacherId, true],
      [teacherId, false],
    ]);
    const ending = mentors[1]!.id;
    expect((await officer.post(`/api/mentor-assignments/${ending}/end`, { reason: '教师调岗' })).statusCode).toBe(204);
    expectError(await officer.post(`/api/mentor-assignments/${ending}/end`, { reason: '教师调岗' }), 409, 'mentor_assignment_ended');
    mentors = (await officer.get(`/api/students/${s.id}/mentors`)).json<MentorAssignmentDto[]>();
    expect(mentors.map((m) => [m.mentorId, m.endReason])).toEqual([
      [secondTeacherId, null],
      [teacherId, '教师调岗'],
    ]);
  });

  it('only a teacher of the student’s own unit can be a mentor', async () => {
    const s = await seedStudent(t, unit);
    const outsider = await t.user({ roles: ['mentor'], unitId: otherUnit });
    const officerOnly = await t.user({ roles: ['unit_officer'], unitId: unit });
    expectError(await officer.post(`/api/students/${s.id}/mentors`, { mentorId: outsider.id }), 400, 'mentor_not_eligible');
    expectError(await officer.post(`/api/students/${s.id}/mentors`, { mentorId: officerOnly.id }), 400, 'mentor_not_eligible');
    expectError(await officer.post(`/api/students/${s.id}/mentors`, { mentorId: 999999 }), 400, 'mentor_not_eligible');
    expectError(await leader.post(`/api/students/${s.id}/mentors`, { mentorId: teacherId }), 403, 'not_key_target_manager');
    expectError(await otherOfficer.post(`/api/students/${s.id}/mentors`, { mentorId: teacherId }), 403, 'not_own_unit');
  });

  it('is invisible to other units and to reviewers', async () => {
    expect((await list(otherOfficer)).total).toBe(0);
    expectError(await reviewer.get(`/api/key-targets?schoolYear=${year}`), 403, 'student_records_forbidden');
    expectError(await officer.get('/api/key-targets?schoolYear=2024'), 400, 'validation_failed');
  });
});
