import { expect } from 'vitest';
import type { HomeVisitDto } from '../../../../contracts/home-visits.ts';
import type { Client, TestApp } from '../../test/test-app.ts';
import { makeClassTeacher, seedStudent } from '../students/test-fixtures.ts';

export const CLASS_1 = '2021级护理1班';
export const CLASS_2 = '2021级护理2班';

/**
 * Two units; in unit A a class teacher for each of two classes, the aid
 * officer and the leader; in unit B an aid officer; a reviewer of unit A;
 * the institute admin. A student in each class of unit A, one in unit B.
 */
export async function seedScene(t: TestApp) {
  const unitA = await t.unit({ name: '南京工程分院' });
  const unitB = await t.unit({ name: '苏州分院', city: '苏州' });
  const institute = await t.unit({ name: '江苏联合职业技术学院', kind: 'institute' });
  const users = {
    admin: await t.user({ roles: ['institute_admin'], unitId: institute }),
    instituteStaff: await t.user({ roles: ['reviewer'], unitId: institute }),
    officerA: await t.user({ roles: ['unit_officer'], unitId: unitA }),
    leaderA: await t.user({ roles: ['unit_leader'], unitId: unitA }),
    teacher1: await t.user({ roles: ['mentor'], unitId: unitA }),
    teacher2: await t.user({ roles: ['mentor'], unitId: unitA }),
    reviewerA: await t.user({ roles: ['reviewer'], unitId: unitA }),
    coordinatorA: await t.user({ roles: ['track_coordinator'], unitId: unitA }),
    officerB: await t.user({ roles: ['unit_officer'], unitId: unitB }),
    mentorB: await t.user({ roles: ['mentor'], unitId: unitB }),
  };
  await makeClassTeacher(t, unitA, CLASS_1, users.teacher1.id);
  await makeClassTeacher(t, unitA, CLASS_2, users.teacher2.id);
  const students = {
    s1: await seedStudent(t, unitA, { className: CLASS_1, name: '张晓明' }),
    s2: await seedStudent(t, unitA, { className: CLASS_2, name: '李小红' }),
    s3: await seedStudent(t, unitB, { className: '2022级机电1班', name: '王大力' }),
  };
  const clients = {} as Record<keyof typeof users, Client>;
  for (const [key, user] of Object.entries(users)) clients[key as keyof typeof users] = await t.login(user.username);
  return { unitA, unitB, institute, users, students, clients, anonymous: t.anonymous() };
}

export type Scene = Awaited<ReturnType<typeof seedScene>>;

/** Everything 完成 needs. */
export const completeContent = (visitedOn: string) => ({
  visitedOn,
  mode: 'on_site' as const,
  visitors: ['测试老师', '资助专干'],
  household: {
    size: 4,
    incomeSources: ['farming' as const],
    specialCircumstances: ['serious_illness' as const],
    note: '父亲务农,母亲长期患病。',
  },
  findings: '家中住房为自建平房,母亲常年服药,家庭主要收入来源为务农,经济较为困难。',
});

/** A completed visit through the real routes. */
export async function completedVisit(client: Client, studentId: number, visitedOn: string): Promise<HomeVisitDto> {
  const created = await client.post('/api/home-visits', { studentId, ...completeContent(visitedOn) });
  expect(created.statusCode, created.body).toBe(201);
  const visit = created.json() as HomeVisitDto;
  const done = await client.post(`/api/home-visits/${visit.id}/complete`, {});
  expect(done.statusCode, done.body).toBe(200);
  return done.json();
}
