import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { HomeVisitDto, HomeVisitListItem } from '../../../../contracts/home-visits.ts';
import { shanghaiToday } from '../../../../contracts/identifications.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { files, upload } from '../submissions/test-fixtures.ts';
import { validIdNumber } from '../students/test-fixtures.ts';
import { completeContent, completedVisit, seedScene, type Scene } from './test-fixtures.ts';

let t: TestApp;
let scene: Scene;
const today = shanghaiToday();
const tomorrow = shanghaiToday(new Date(Date.now() + 24 * 3600_000));

beforeAll(async () => {
  t = await createTestApp();
  scene = await seedScene(t);
});
afterAll(() => t.close());

async function draftBy(client: Scene['clients']['teacher1'], studentId: number): Promise<HomeVisitDto> {
  const res = await client.post('/api/home-visits', { studentId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('POST /api/home-visits (a new draft)', () => {
  it('refuses a body without a student', async () => {
    expectError(await scene.clients.teacher1.post('/api/home-visits', { visitors: [] }), 400, 'validation_failed');
  });

  it('refuses the signed-out', async () => {
    expectError(await scene.anonymous.post('/api/home-visits', { studentId: scene.students.s1.id }), 401, 'unauthenticated');
  });

  it('refuses whoever may not record a visit for that student, each with the reason', async () => {
    const s1 = scene.students.s1.id;
    const { clients } = scene;
    expectError(await clients.teacher2.post('/api/home-visits', { studentId: s1 }), 403, 'not_own_student');
    expectError(await clients.officerB.post('/api/home-visits', { studentId: s1 }), 403, 'not_own_unit');
    expectError(await clients.leaderA.post('/api/home-visits', { studentId: s1 }), 403, 'not_visit_recorder');
    expectError(await clients.reviewerA.post('/api/home-visits', { studentId: s1 }), 403, 'student_records_forbidden');
    expectError(await clients.admin.post('/api/home-visits', { studentId: s1 }), 403, 'not_visit_recorder');
    expectError(await clients.teacher1.post('/api/home-visits', { studentId: 999_999 }), 404, 'not_found');
  });

  it('refuses a visit date in the future', async () => {
    expectError(
      await scene.clients.teacher1.post('/api/home-visits', { studentId: scene.students.s1.id, visitedOn: tomorrow }),
      400,
      'visit_date_in_future',
    );
  });

  it('starts a draft with the current user as the first visitor (class teacher and unit officer alike)', async () => {
    const visit = await draftBy(scene.clients.teacher1, scene.students.s1.id);
    expect(visit).toMatchObject({ status: 'draft', visitors: [expect.stringMatching(/^测试用户/)], visitedOn: null, revision: 1 });
    expect(visit.abilities.edit.allowed).toBe(true);
    const byOfficer = await draftBy(scene.clients.officerA, scene.students.s2.id);
    expect(byOfficer.student).toMatchObject({ id: scene.students.s2.id, name: '李小红' });
  });
});

describe('autosave of a draft, then 完成', () => {
  it('keeps each autosave, refuses a stale revision, and shows the draft to its author only', async () => {
    const { teacher1, officerA } = scene.clients;
    const visit = await draftBy(teacher1, scene.students.s1.id);
    const first = await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 1, visitedOn: today, mode: 'video' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().revision).toBe(2);
    // A second tab still on revision 1 must not overwrite it.
    expectError(await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 1, findings: '旧标签页' }), 409, 'conflict');
    expectError(await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 2, visitedOn: tomorrow }), 400, 'visit_date_in_future');
    expectError(await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 2, mode: 'phone' }), 400, 'validation_failed');
    // The tab closed; opening it again finds what was saved.
    const reopened = (await teacher1.get(`/api/home-visits/${visit.id}`)).json() as HomeVisitDto;
    expect(reopened).toMatchObject({ visitedOn: today, mode: 'video', status: 'draft', revision: 2 });
    expect(reopened.schoolYear).toMatch(/^\d{4}-\d{4}$/);
    // Someone else's draft is not theirs to see, not even the officer's.
    expectError(await officerA.get(`/api/home-visits/${visit.id}`), 403, 'home_visit_not_author');
    expectError(await officerA.patch(`/api/home-visits/${visit.id}`, { revision: 2, findings: 'x' }), 403, 'home_visit_not_author');
    const officerList = (await officerA.get('/api/home-visits?pageSize=100')).json() as Page<HomeVisitListItem>;
    expect(officerList.items.map((v) => v.id)).not.toContain(visit.id);
  });

  it('refuses 完成 while something is missing, naming each missing field', async () => {
    const { teacher1 } = scene.clients;
    const visit = await draftBy(teacher1, scene.students.s1.id);
    const res = await teacher1.post(`/api/home-visits/${visit.id}/complete`, {});
    expectError(res, 422, 'home_visit_incomplete');
    expect(
      res
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['findings', 'household', 'mode', 'visitedOn']);
  });

  it('completes a full draft: then it counts, is locked, and the officer sees it', async () => {
    const { teacher1, officerA, teacher2 } = scene.clients;
    const visit = await draftBy(teacher1, scene.students.s1.id);
    const saved = await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 1, ...completeContent(today) });
    expect(saved.statusCode, saved.body).toBe(200);
    expectError(await teacher1.post(`/api/home-visits/${visit.id}/complete`, { revision: 1 }), 409, 'conflict');
    const done = await teacher1.post(`/api/home-visits/${visit.id}/complete`, { revision: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      household: { size: 4 },
      abilities: { edit: { allowed: false, whyNot: 'home_visit_completed' } },
    });

    expectError(await teacher1.patch(`/api/home-visits/${visit.id}`, { revision: 3, findings: '改一下' }), 409, 'home_visit_completed');
    expectError(await teacher1.delete(`/api/home-visits/${visit.id}`), 409, 'home_visit_completed');
    expectError(await teacher1.post(`/api/home-visits/${visit.id}/complete`, {}), 409, 'home_visit_completed');

    expect((await officerA.get(`/api/home-visits/${visit.id}`)).statusCode).toBe(200);
    const officerList = (await officerA.get(`/api/home-visits?status=completed&studentId=${scene.students.s1.id}`)).json();
    expect(officerList.items.map((v: HomeVisitListItem) => v.id)).toContain(visit.id);
    // The other class's teacher does not see this student's visits.
    expectError(await teacher2.get(`/api/home-visits/${visit.id}`), 403, 'not_own_student');
    const otherList = (await teacher2.get('/api/home-visits?pageSize=100')).json() as Page<HomeVisitListItem>;
    expect(otherList.items.every((v) => v.student.id !== scene.students.s1.id)).toBe(true);

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'home_visit')
      .where('entity_id', '=', visit.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['home_visit.created', 'home_visit.completed']);
  });

  it('warns about an ID number or a phone typed into the findings, masked, without blocking', async () => {
    const { teacher1 } = scene.clients;
    const id = validIdNumber(77, '20050101', '320106');
    const visit = await draftBy(teacher1, scene.students.s1.id);
    const res = await teacher1.patch(`/api/home-visits/${visit.id}`, {
      revision: 1,
      findings: `家长身份证号 ${id},联系电话 13912345678,家庭困难。`,
    });
    expect(res.statusCode).toBe(200);
    const detail = (await teacher1.get(`/api/home-visits/${visit.id}`)).json() as HomeVisitDto;
    const kinds = detail.privacyWarnings.map((w) => w.finding.kind).sort();
    expect(kinds).toEqual(['id_number', 'mobile']);
    expect(JSON.stringify(detail.privacyWarnings)).not.toContain(id);
  });

  it('deletes a draft on its author’s request, photos included', async () => {
    const { teacher1, officerA } = scene.clients;
    const visit = await draftBy(teacher1, scene.students.s1.id);
    const up = await upload(teacher1, `/api/home-visits/${visit.id}/photos`, '家访.png', files.png());
    expect(up.statusCode, up.body).toBe(201);
    const fileCount = async () =>
      Number((await t.db.selectFrom('stored_files').select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await fileCount();
    expectError(await officerA.delete(`/api/home-visits/${visit.id}`), 403, 'home_visit_not_author');
    expect((await teacher1.delete(`/api/home-visits/${visit.id}`)).statusCode).toBe(204);
    expect(await fileCount()).toBe(before - 1);
    expectError(await teacher1.get(`/api/home-visits/${visit.id}`), 404, 'not_found');
  });
});

describe('photos: stored like attachments, served only to who may see the student', () => {
  it('accepts JPG/PNG by content, refuses anything else', async () => {
    const { teacher1 } = scene.clients;
    const visit = await draftBy(teacher1, scene.students.s1.id);
    expectError(await upload(teacher1, `/api/home-visits/${visit.id}/photos`, 'photo.png', files.pdf()), 415, 'visit_photo_type');
    expectError(await upload(teacher1, `/api/home-visits/${visit.id}/photos`, 'photo.png', files.exe()), 415, 'visit_photo_type');
    expectError(await scene.clients.teacher2.request('POST', `/api/home-visits/${visit.id}/photos`), 403, 'not_own_student');
  });

  it('shows a completed visit’s photos to the teacher, the unit and the institute, and to nobody else', async () => {
    const { clients, anonymous } = scene;
    const visit = await draftBy(clients.teacher1, scene.students.s1.id);
    const up = await upload(clients.teacher1, `/api/home-visits/${visit.id}/photos`, '家访照片.png', files.png());
    expect(up.statusCode, up.body).toBe(201);
    const photo = (up.json() as HomeVisitDto).photos[0]!;
    await clients.teacher1.patch(`/api/home-visits/${visit.id}`, {
      revision: (up.json() as HomeVisitDto).revision,
      ...completeContent(today),
    });
    expect((await clients.teacher1.post(`/api/home-visits/${visit.id}/complete`, {})).statusCode).toBe(200);

    for (const who of ['teacher1', 'officerA', 'leaderA', 'admin'] as const) {
      const res = await clients[who].get(photo.url);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.rawPayload.equals(files.png())).toBe(true);
    }
    expectError(await clients.teacher2.get(photo.url), 403, 'not_own_student');
    expectError(await clients.officerB.get(photo.url), 403, 'not_own_unit');
    expectError(await clients.reviewerA.get(photo.url), 403, 'student_records_forbidden');
    expectError(await clients.coordinatorA.get(photo.url), 403, 'student_records_forbidden');
    expectError(await anonymous.get(photo.url), 401, 'unauthenticated');
    // Not through the general file download either.
    const fileId = (await t.db.selectFrom('home_visit_photos').select('file_id').where('id', '=', photo.id).executeTakeFirstOrThrow())
      .file_id;
    expectError(await clients.officerB.get(`/api/files/${fileId}`), 403, 'forbidden');
    // A completed visit keeps its photos.
    expectError(await clients.teacher1.delete(photo.url), 409, 'home_visit_completed');
  });
});

describe('GET /api/home-visits', () => {
  it('refuses roles that never see student records', async () => {
    expectError(await scene.clients.reviewerA.get('/api/home-visits'), 403, 'student_records_forbidden');
    expectError(await scene.anonymous.get('/api/home-visits'), 401, 'unauthenticated');
    expectError(await scene.clients.officerA.get('/api/home-visits?schoolYear=2024'), 400, 'validation_failed');
  });

  it('says who may start a visit: teachers and the aid officer, not the leader or the admin', async () => {
    const create = async (who: keyof Scene['clients']) => (await scene.clients[who].get('/api/home-visits')).json().abilities.create;
    expect(await create('teacher1')).toEqual({ allowed: true, whyNot: null });
    expect(await create('officerA')).toEqual({ allowed: true, whyNot: null });
    expect(await create('leaderA')).toEqual({ allowed: false, whyNot: 'not_visit_recorder' });
    expect(await create('admin')).toEqual({ allowed: false, whyNot: 'not_visit_recorder' });
  });

  it('lists within scope, never a sensitive value', async () => {
    const s3Visit = await completedVisit(scene.clients.officerB, scene.students.s3.id, today);
    const own = (await scene.clients.officerA.get('/api/home-visits?pageSize=200')).json() as Page<HomeVisitListItem>;
    expect(own.items.map((v) => v.id)).not.toContain(s3Visit.id);
    const all = await scene.clients.admin.get('/api/home-visits?pageSize=200');
    expect((all.json() as Page<HomeVisitListItem>).items.map((v) => v.id)).toContain(s3Visit.id);
    const everything = JSON.stringify([own, all.json(), s3Visit]);
    for (const s of Object.values(scene.students)) {
      for (const value of Object.values(s.sensitive)) expect(everything).not.toContain(value);
    }
  });
});
