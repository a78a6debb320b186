import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  earliestNoticeEnd,
  noticeEntryFields,
  shanghaiToday,
  type IdentificationPage,
  type NoticeDto,
  type NoticeSummaryDto,
  type ObjectionDto,
} from '../../../../contracts/identifications.ts';
import { messageFor } from '../../../../contracts/reasons.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { completedVisit, seedScene, type Scene } from '../home-visits/test-fixtures.ts';
import { seedStudent as seedOne } from '../students/test-fixtures.ts';
import { application, apply, levels, ok } from './test-fixtures.ts';

let t: TestApp;
let scene: Scene;
let level: Record<string, number>;
const today = shanghaiToday();
const year = schoolYearOf(today);
const startYear = Number(year.slice(0, 4));
const lastYear = `${startYear - 1}-${startYear}`;
/** A date in the previous school year. */
const lastYearDate = `${startYear - 1}-10-15`;
const DAY = 24 * 3600_000;

/**
 * Time passes for a notice as it does for the submissions' deadlines: its dates
 * are moved into the past (the server compares them with its own clock). Faking
 * the process clock would also move PGlite's now() and end every session.
 */
async function endNotice(noticeId: number) {
  const yesterday = shanghaiToday(new Date(Date.now() - DAY));
  const tenDaysAgo = shanghaiToday(new Date(Date.now() - 10 * DAY));
  await t.db.updateTable('public_notices').set({ starts_on: tenDaysAgo, ends_on: yesterday }).where('id', '=', noticeId).execute();
}
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  scene = await seedScene(t);
  level = await levels(scene.clients.officerA);
});
afterAll(() => t.close());

/** Every student this file seeds, so the privacy test can look for each one's sensitive values. */
const seeded: Awaited<ReturnType<typeof seedOne>>[] = [];
async function seedStudent(...args: Parameters<typeof seedOne>) {
  const s = await seedOne(...args);
  seeded.push(s);
  return s;
}

/** A fresh student of unit A in class 1 (teacher1's) with an application for this year. */
async function applied(className = '2021级护理1班') {
  const student = await seedStudent(t, scene.unitA, { className });
  const teacher = className === '2021级护理1班' ? scene.clients.teacher1 : scene.clients.teacher2;
  return { student, identification: await apply(teacher, student.id, year, today), teacher };
}

/** Applied, visited, appraised, proposed by the unit, confirmed by the institute. */
async function confirmed() {
  const { student, identification, teacher } = await applied();
  await completedVisit(teacher, student.id, today);
  await ok(teacher.post(`/api/identifications/${identification.id}/appraisal`, { result: 'supported', appraisedOn: today }));
  await ok(
    scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, { decision: 'propose', levelId: level['一般困难'] }),
  );
  await ok(scene.clients.admin.post(`/api/identifications/${identification.id}/recheck`, { decision: 'confirm' }));
  return { student, id: identification.id };
}

async function publish(client: Client, body: Record<string, unknown> = {}) {
  return client.post('/api/notices', { schoolYear: year, startsOn: today, endsOn: earliestNoticeEnd(today), ...body });
}

describe('POST /api/identifications (application with 诚信承诺)', () => {
  it('refuses an application without the pledge confirmed', async () => {
    const body = { ...application(scene.students.s1.id, year, today), pledgeConfirmed: false };
    const res = await scene.clients.teacher1.post('/api/identifications', body);
    expectError(res, 400, 'validation_failed');
    expect(res.json().issues[0]).toMatchObject({ path: 'pledgeConfirmed', message: '请确认学生已签署诚信承诺书' });
  });

  it('refuses the signed-out', async () => {
    expectError(await scene.anonymous.post('/api/identifications', application(scene.students.s1.id, year, today)), 401, 'unauthenticated');
  });

  it('refuses who may not record it, with the reason', async () => {
    const body = application(scene.students.s1.id, year, today);
    const { clients } = scene;
    expectError(await clients.teacher2.post('/api/identifications', body), 403, 'not_own_student');
    expectError(await clients.officerB.post('/api/identifications', body), 403, 'not_own_unit');
    expectError(await clients.leaderA.post('/api/identifications', body), 403, 'not_identification_recorder');
    expectError(await clients.reviewerA.post('/api/identifications', body), 403, 'student_records_forbidden');
    expectError(await clients.admin.post('/api/identifications', body), 403, 'not_identification_recorder');
  });

  it('refuses a school year that has not begun', async () => {
    const next = `${startYear + 1}-${startYear + 2}`;
    expectError(
      await scene.clients.teacher1.post('/api/identifications', application(scene.students.s1.id, next, today)),
      400,
      'school_year_not_open',
    );
  });

  it('records it once per student and school year', async () => {
    const student = await seedStudent(t, scene.unitA, { className: '2021级护理1班' });
    const created = await apply(scene.clients.teacher1, student.id, year, today);
    expect(created).toMatchObject({ status: 'applied', schoolYear: year, hasCompletedVisit: false, visit: null });
    expect(created.events.map((e) => e.action)).toEqual(['applied']);
    expectError(
      await scene.clients.officerA.post('/api/identifications', application(student.id, year, today)),
      409,
      'identification_exists',
    );
    // Another school year is another identification.
    expect((await scene.clients.officerA.post('/api/identifications', application(student.id, lastYear, lastYearDate))).statusCode).toBe(
      201,
    );
  });
});

describe('先家访后认定: no approval without a completed home visit in that school year', () => {
  it('refuses the unit’s approval when the only visit is of last school year, and says to record the visit first', async () => {
    const { student, identification, teacher } = await applied();
    const old = await completedVisit(teacher, student.id, lastYearDate);
    expect(old.schoolYear).toBe(lastYear);
    const appraised = await ok(
      teacher.post(`/api/identifications/${identification.id}/appraisal`, { result: 'supported', appraisedOn: today }),
    );
    expect(appraised).toMatchObject({ status: 'appraised', hasCompletedVisit: false });

    // The button is there, disabled with the reason; the request is refused with the same reason.
    const list = (
      await scene.clients.officerA.get(`/api/identifications?schoolYear=${year}&status=appraised`)
    ).json() as IdentificationPage;
    const item = list.items.find((i) => i.id === identification.id)!;
    expect(item.abilities.propose).toEqual({ allowed: false, whyNot: 'home_visit_required' });
    const refused = await scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, {
      decision: 'propose',
      levelId: level['特别困难'],
    });
    expectError(refused, 409, 'home_visit_required');
    expect(refused.json().message).toBe(messageFor('home_visit_required'));
    expect(refused.json().message).toContain('请先在“家访记录”中记录家访');

    // Last year's visit cannot be linked either; nor a draft of this year.
    expectError(
      await teacher.post(`/api/identifications/${identification.id}/link-visit`, { homeVisitId: old.id }),
      400,
      'home_visit_not_linkable',
    );
    const draft = (await teacher.post('/api/home-visits', { studentId: student.id, visitedOn: today })).json();
    expectError(
      await teacher.post(`/api/identifications/${identification.id}/link-visit`, { homeVisitId: draft.id }),
      400,
      'home_visit_not_linkable',
    );

    // A visit of this year, completed, is linked at once and the approval goes through.
    const visit = await completedVisit(teacher, student.id, today);
    const now = await ok(scene.clients.officerA.get(`/api/identifications/${identification.id}`));
    expect(now).toMatchObject({ hasCompletedVisit: true, visit: { id: visit.id, visitedOn: today, mode: 'on_site' } });
    expect(now.abilities.propose).toEqual({ allowed: true, whyNot: null });
    const proposed = await ok(
      scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, { decision: 'propose', levelId: level['特别困难'] }),
    );
    expect(proposed).toMatchObject({ status: 'proposed', review: { proposedLevel: { name: '特别困难' } } });
  });

  it('links a visit completed before the application at once', async () => {
    const student = await seedStudent(t, scene.unitA, { className: '2021级护理1班' });
    const visit = await completedVisit(scene.clients.teacher1, student.id, today);
    const created = await apply(scene.clients.teacher1, student.id, year, today);
    expect(created).toMatchObject({ hasCompletedVisit: true, visit: { id: visit.id } });
  });

  it('refuses the institute’s confirmation too if the visit is gone from the record', async () => {
    const { identification } = await applied();
    const ident = await ok(scene.clients.officerA.get(`/api/identifications/${identification.id}`));
    await completedVisit(scene.clients.teacher1, ident.student.id, today);
    await ok(
      scene.clients.teacher1.post(`/api/identifications/${identification.id}/appraisal`, { result: 'supported', appraisedOn: today }),
    );
    await ok(
      scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, { decision: 'propose', levelId: level['比较困难'] }),
    );
    // A data repair unlinked it: the re-check must notice.
    await t.db.updateTable('identifications').set({ home_visit_id: null }).where('id', '=', identification.id).execute();
    expectError(
      await scene.clients.admin.post(`/api/identifications/${identification.id}/recheck`, { decision: 'confirm' }),
      409,
      'home_visit_required',
    );
  });

  it('allows the unit to reject without a visit, with a reason', async () => {
    const { identification } = await applied();
    expectError(
      await scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, { decision: 'reject', reason: '' }),
      400,
      'validation_failed',
    );
    const rejected = await ok(
      scene.clients.officerA.post(`/api/identifications/${identification.id}/review`, {
        decision: 'reject',
        reason: '家庭收入超过认定标准',
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', review: { reason: '家庭收入超过认定标准', proposedLevel: null } });
    expect(rejected.abilities.appraise.whyNot).toBe('identification_step_invalid');
  });
});

describe('the pipeline from application to archived', () => {
  it('goes through every step, each by its role, audited, and the level adjusts by semester', async () => {
    const { clients } = scene;
    const { student, identification, teacher } = await applied('2021级护理2班');
    const id = identification.id;
    await completedVisit(teacher, student.id, today);

    // 民主评议 by the class teacher; the officer could record it too, nobody else.
    expectError(
      await clients.teacher1.post(`/api/identifications/${id}/appraisal`, { result: 'supported', appraisedOn: today }),
      403,
      'not_own_student',
    );
    await ok(
      teacher.post(`/api/identifications/${id}/appraisal`, {
        result: 'supported',
        suggestedLevelId: level['比较困难'],
        appraisedOn: today,
        note: '班级评议小组 9 人,全票同意',
      }),
    );

    // 单位审核 by the unit's aid officer only.
    const propose = { decision: 'propose', levelId: level['比较困难'] };
    expectError(await teacher.post(`/api/identifications/${id}/review`, propose), 403, 'not_identification_reviewer');
    expectError(await clients.admin.post(`/api/identifications/${id}/review`, propose), 403, 'not_identification_reviewer');
    expectError(await clients.officerB.post(`/api/identifications/${id}/review`, propose), 403, 'not_own_unit');
    expectError(await clients.officerA.post(`/api/identifications/${id}/recheck`, { decision: 'confirm' }), 403, 'not_institute_admin');
    expectError(
      await clients.admin.post(`/api/identifications/${id}/recheck`, { decision: 'confirm' }),
      409,
      'identification_step_invalid',
    );
    await ok(clients.officerA.post(`/api/identifications/${id}/review`, propose));
    expectError(await clients.officerA.post(`/api/identifications/${id}/review`, propose), 409, 'identification_step_invalid');

    // 学院复核: sent back with a reason, proposed again, confirmed.
    const returned = await ok(
      clients.admin.post(`/api/identifications/${id}/recheck`, { decision: 'return', reason: '请补充家访照片说明' }),
    );
    expect(returned).toMatchObject({ status: 'appraised', returned: { reason: '请补充家访照片说明' } });
    await ok(clients.officerA.post(`/api/identifications/${id}/review`, { decision: 'propose', levelId: level['特别困难'] }));
    const done = await ok(clients.admin.post(`/api/identifications/${id}/recheck`, { decision: 'confirm' }));
    expect(done).toMatchObject({ status: 'confirmed', level: { name: '特别困难' }, returned: null });

    // 公示 by the officer.
    expectError(await publish(teacher), 403, 'not_notice_manager');
    // One day short of five working days (Monday–Friday).
    expectError(await publish(clients.officerA, { endsOn: dayBefore(earliestNoticeEnd(today)) }), 400, 'notice_too_short');
    expectError(await publish(clients.officerA, { startsOn: '2020-01-06', endsOn: '2020-01-10' }), 400, 'notice_start_in_past');
    const published = await publish(clients.officerA);
    expect(published.statusCode, published.body).toBe(201);
    const notice = published.json() as NoticeSummaryDto;
    expect(notice).toMatchObject({ state: 'running', workingDays: 5, openObjections: 0 });
    expectError(await publish(clients.officerA), 409, 'notice_nothing_to_publish');
    expect((await ok(clients.officerA.get(`/api/identifications/${id}`))).status).toBe('in_notice');

    // 归档 only after the period.
    expectError(await clients.officerA.post(`/api/notices/${notice.id}/archive`), 409, 'notice_not_finished');
    await endNotice(notice.id);
    expectError(await clients.admin.post(`/api/notices/${notice.id}/archive`), 403, 'not_notice_manager');
    const archived = await clients.officerA.post(`/api/notices/${notice.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ state: 'archived' });
    const final = await ok(clients.officerA.get(`/api/identifications/${id}`));
    expect(final).toMatchObject({ status: 'archived', level: { name: '特别困难' } });

    // 学期调整: the level changes with a reason, the history keeps both.
    expectError(
      await teacher.post(`/api/identifications/${id}/adjust`, { levelId: level['一般困难'], reason: '家庭情况好转' }),
      403,
      'not_identification_reviewer',
    );
    expectError(
      await clients.officerA.post(`/api/identifications/${id}/adjust`, { levelId: level['特别困难'], reason: '无变化' }),
      400,
      'level_unchanged',
    );
    expectError(await clients.officerA.post(`/api/identifications/${id}/adjust`, { levelId: level['一般困难'] }), 400, 'validation_failed');
    const adjusted = await ok(
      clients.officerA.post(`/api/identifications/${id}/adjust`, { levelId: level['一般困难'], reason: '母亲病情好转,已恢复工作' }),
    );
    expect(adjusted.level).toEqual({ id: level['一般困难'], name: '一般困难' });
    const adjustment = adjusted.events.find((e) => e.action === 'adjusted')!;
    expect(adjustment).toMatchObject({ note: '母亲病情好转,已恢复工作', details: { fromLevel: '特别困难', toLevel: '一般困难' } });
    expect(adjustment.details.semesterLabel).toMatch(/^\d{4}-\d{4}学年第[一二]学期$/);

    expect(adjusted.events.map((e) => e.action)).toEqual([
      'applied',
      'visit_linked',
      'appraised',
      'proposed',
      'returned',
      'proposed',
      'confirmed',
      'noticed',
      'archived',
      'adjusted',
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'identification')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'identification.applied',
      'identification.visit_linked',
      'identification.appraised',
      'identification.proposed',
      'identification.returned',
      'identification.proposed',
      'identification.confirmed',
      'identification.adjusted',
    ]);
    const noticeAudit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'public_notice')
      .where('entity_id', '=', notice.id)
      .execute();
    expect(noticeAudit.map((a) => a.action)).toEqual(['notice.published', 'notice.archived']);
  });
});

describe('公示: only the allowed fields, for the unit and the institute, until it expires', () => {
  let notice: NoticeSummaryDto;
  let noticed: Awaited<ReturnType<typeof confirmed>>[];

  beforeAll(async () => {
    noticed = [await confirmed(), await confirmed()];
    const res = await publish(scene.clients.officerA);
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json();
  });

  it('shows each row with exactly 姓名、单位、院系、专业、年级、班级 — no level, no 学号, nothing sensitive', async () => {
    const res = await scene.clients.teacher1.get(`/api/notices/${notice.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as NoticeDto;
    expect(body.entries).toHaveLength(2);
    for (const entry of body.entries) expect(Object.keys(entry).sort()).toEqual([...noticeEntryFields].sort());
    expect(body.entries[0]).toMatchObject({ unitName: '南京工程分院', programme: '五年制高职', grade: 4, className: '2021级护理1班' });
    const text = res.body;
    for (const name of ['特别困难', '比较困难', '一般困难']) expect(text).not.toContain(name);
    for (const { student } of noticed) {
      for (const value of Object.values(student.sensitive)) expect(text).not.toContain(value);
    }
    const studentNos = await t.db.selectFrom('students').select('student_no').execute();
    for (const { student_no } of studentNos) expect(text).not.toContain(student_no);
  });

  it('is shown to signed-in users of the unit and the institute, to nobody else', async () => {
    const { clients, anonymous } = scene;
    for (const who of ['officerA', 'leaderA', 'teacher2', 'reviewerA', 'admin', 'instituteStaff'] as const) {
      expect((await clients[who].get(`/api/notices/${notice.id}`)).statusCode, who).toBe(200);
    }
    expectError(await clients.officerB.get(`/api/notices/${notice.id}`), 403, 'not_notice_viewer');
    expectError(await clients.mentorB.get(`/api/notices/${notice.id}`), 403, 'not_notice_viewer');
    expectError(await anonymous.get(`/api/notices/${notice.id}`), 401, 'unauthenticated');
    const forB = (await clients.officerB.get('/api/notices')).json() as NoticeSummaryDto[];
    expect(forB.map((n) => n.id)).not.toContain(notice.id);
    const forTeacher = (await clients.teacher2.get('/api/notices')).json() as NoticeSummaryDto[];
    expect(forTeacher.find((n) => n.id === notice.id)).toMatchObject({ state: 'running', openObjections: null });
  });

  it('takes objections from its readers, on a row or the list; the officer answers each with a note', async () => {
    const { clients } = scene;
    expectError(await clients.teacher2.post(`/api/notices/${notice.id}/objections`, { text: '短' }), 400, 'validation_failed');
    expectError(
      await clients.teacher2.post(`/api/notices/${notice.id}/objections`, { text: '该生家庭情况与描述不符', entryNo: 9 }),
      400,
      'objection_entry_invalid',
    );
    expectError(
      await clients.officerB.post(`/api/notices/${notice.id}/objections`, { text: '该生家庭情况与描述不符' }),
      403,
      'not_notice_viewer',
    );
    const lodged = await clients.teacher2.post(`/api/notices/${notice.id}/objections`, {
      text: '据了解该生家庭近期购置了新车',
      entryNo: 1,
    });
    expect(lodged.statusCode, lodged.body).toBe(201);
    expect(Object.keys(lodged.json()).sort()).toEqual(['id', 'lodgedAt']);

    expectError(await clients.teacher2.get(`/api/notices/${notice.id}/objections`), 403, 'not_notice_manager');
    const objections = (await clients.officerA.get(`/api/notices/${notice.id}/objections`)).json() as ObjectionDto[];
    expect(objections).toHaveLength(1);
    expect(objections[0]).toMatchObject({ entry: { no: 1 }, resolution: null, abilities: { resolve: { allowed: true } } });
    expect((await clients.admin.get(`/api/notices/${notice.id}/objections`)).statusCode).toBe(200);
  });

  it('expires: after the end date the list is no longer served, and an open objection blocks archiving', async () => {
    const { clients } = scene;
    await endNotice(notice.id);
    const gone = await clients.teacher1.get(`/api/notices/${notice.id}`);
    expectError(gone, 410, 'notice_expired');
    expectError(
      await clients.teacher2.post(`/api/notices/${notice.id}/objections`, { text: '期满后补充的异议内容' }),
      410,
      'notice_expired',
    );
    const forTeacher = (await clients.teacher1.get('/api/notices')).json() as NoticeSummaryDto[];
    expect(forTeacher.map((n) => n.id)).not.toContain(notice.id);
    const forOfficer = (await clients.officerA.get('/api/notices')).json() as NoticeSummaryDto[];
    expect(forOfficer.find((n) => n.id === notice.id)).toMatchObject({
      state: 'ended',
      openObjections: 1,
      abilities: { archive: { whyNot: 'objection_open' } },
    });

    expectError(await clients.officerA.post(`/api/notices/${notice.id}/archive`), 409, 'objection_open');

    const [objection] = (await clients.officerA.get(`/api/notices/${notice.id}/objections`)).json() as ObjectionDto[];
    const url = `/api/notices/${notice.id}/objections/${objection!.id}/resolve`;
    expectError(await clients.teacher2.post(url, { outcome: 'upheld', note: '经核实属实' }), 403, 'not_notice_manager');
    expectError(await clients.officerA.post(url, { outcome: 'upheld' }), 400, 'validation_failed');
    const resolved = await clients.officerA.post(url, { outcome: 'upheld', note: '经入户核实,该生家庭已购置车辆,撤销认定' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ resolution: { outcome: 'upheld' }, abilities: { resolve: { whyNot: 'objection_resolved' } } });
    expectError(await clients.officerA.post(url, { outcome: 'dismissed', note: '再处理一次' }), 409, 'objection_resolved');

    const archived = await clients.officerA.post(`/api/notices/${notice.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    const first = await ok(clients.officerA.get(`/api/identifications/${noticed[0]!.id}`));
    const second = await ok(clients.officerA.get(`/api/identifications/${noticed[1]!.id}`));
    // Row 1 is the first in list order (class, then 学号): the objection was upheld against it.
    const [revoked, kept] = first.student.studentNo < second.student.studentNo ? [first, second] : [second, first];
    expect(revoked).toMatchObject({ status: 'revoked', revoked: { reason: '经入户核实,该生家庭已购置车辆,撤销认定' } });
    expect(kept.status).toBe('archived');
  });
});

describe('levels: configurable by the institute admin', () => {
  it('lists the three defaults, lets only the admin add, rename and retire one', async () => {
    const { clients } = scene;
    const list = (await clients.teacher1.get('/api/identification-levels')).json();
    expect(list.slice(0, 3).map((l: { name: string }) => l.name)).toEqual(['特别困难', '比较困难', '一般困难']);
    expectError(await clients.officerA.post('/api/identification-levels', { name: '临时困难' }), 403, 'not_institute_admin');
    expectError(await clients.admin.post('/api/identification-levels', { name: '' }), 400, 'validation_failed');
    expectError(await scene.anonymous.get('/api/identification-levels'), 401, 'unauthenticated');
    const created = await clients.admin.post('/api/identification-levels', { name: '临时困难' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '临时困难', sortOrder: 4, active: true, usage: 0 });
    expectError(await clients.admin.post('/api/identification-levels', { name: '临时困难' }), 409, 'level_name_taken');
    const retired = await clients.admin.patch(`/api/identification-levels/${created.json().id}`, { active: false });
    expect(retired.json()).toMatchObject({ active: false });
    expectError(
      await clients.officerA.patch(`/api/identification-levels/${created.json().id}`, { active: true }),
      403,
      'not_institute_admin',
    );

    // A retired level cannot be chosen.
    const { identification, teacher, student } = await applied();
    await completedVisit(teacher, student.id, today);
    await ok(teacher.post(`/api/identifications/${identification.id}/appraisal`, { result: 'supported', appraisedOn: today }));
    expectError(
      await clients.officerA.post(`/api/identifications/${identification.id}/review`, { decision: 'propose', levelId: created.json().id }),
      400,
      'level_unavailable',
    );
  });
});

describe('GET /api/identifications: the pipeline per school year', () => {
  it('needs a school year, refuses roles without student records', async () => {
    expectError(await scene.clients.officerA.get('/api/identifications'), 400, 'validation_failed');
    expectError(await scene.clients.reviewerA.get(`/api/identifications?schoolYear=${year}`), 403, 'student_records_forbidden');
    expectError(await scene.clients.coordinatorA.get(`/api/identifications?schoolYear=${year}`), 403, 'student_records_forbidden');
    expectError(await scene.anonymous.get(`/api/identifications?schoolYear=${year}`), 401, 'unauthenticated');
  });

  it('filters by step, level and class within scope, with counters per step', async () => {
    const { clients } = scene;
    const all = (await clients.officerA.get(`/api/identifications?schoolYear=${year}&pageSize=200`)).json() as IdentificationPage;
    expect(all.total).toBe(all.items.length);
    expect(Object.values(all.counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(all.total);
    expect(all.abilities.publishNotice.allowed).toBe(true);
    const applied = (await clients.officerA.get(`/api/identifications?schoolYear=${year}&status=applied`)).json() as IdentificationPage;
    expect(applied.items.every((i) => i.status === 'applied')).toBe(true);
    expect(applied.total).toBe(all.counts.applied);
    const byClass = (
      await clients.officerA.get(`/api/identifications?schoolYear=${year}&className=${encodeURIComponent('2021级护理2班')}`)
    ).json();
    expect(byClass.items.every((i: { student: { className: string } }) => i.student.className === '2021级护理2班')).toBe(true);
    const byLevel = (
      await clients.officerA.get(`/api/identifications?schoolYear=${year}&levelId=${level['比较困难']}`)
    ).json() as IdentificationPage;
    expect(byLevel.items.length).toBeGreaterThan(0);
    expect(byLevel.items.every((i) => (i.level ?? i.review?.proposedLevel)?.name === '比较困难')).toBe(true);

    // A class teacher sees their class only; the other unit sees none of these.
    const teacher = (await clients.teacher1.get(`/api/identifications?schoolYear=${year}&pageSize=200`)).json() as IdentificationPage;
    expect(teacher.items.every((i) => i.student.className === '2021级护理1班')).toBe(true);
    expect(teacher.abilities.publishNotice.whyNot).toBe('not_notice_manager');
    expect(teacher.abilities.apply.allowed).toBe(true);
    const leader = (await clients.leaderA.get(`/api/identifications?schoolYear=${year}`)).json() as IdentificationPage;
    expect(leader.abilities.apply.whyNot).toBe('not_identification_recorder');
    const other = (await clients.officerB.get(`/api/identifications?schoolYear=${year}`)).json() as IdentificationPage;
    expect(other.total).toBe(0);
  });
});

describe('who may do what to an identification', () => {
  it('refuses the other class’s teacher, the other unit’s officer, the reviewer and the coordinator with the right codes', async () => {
    const { identification } = await applied();
    const id = identification.id;
    const { clients } = scene;
    const calls: [string, (c: Client) => Promise<{ statusCode: number; json(): { code: string } }>][] = [
      ['view', (c) => c.get(`/api/identifications/${id}`)],
      ['appraise', (c) => c.post(`/api/identifications/${id}/appraisal`, { result: 'supported', appraisedOn: today })],
      ['link', (c) => c.post(`/api/identifications/${id}/link-visit`, { homeVisitId: 1 })],
      ['review', (c) => c.post(`/api/identifications/${id}/review`, { decision: 'reject', reason: '不符合条件' })],
      ['adjust', (c) => c.post(`/api/identifications/${id}/adjust`, { levelId: level['一般困难'], reason: '调整原因' })],
    ];
    const expected: Record<string, [number, string]> = {
      teacher2: [403, 'not_own_student'],
      officerB: [403, 'not_own_unit'],
      reviewerA: [403, 'student_records_forbidden'],
      coordinatorA: [403, 'student_records_forbidden'],
      mentorB: [403, 'not_own_unit'],
    };
    for (const [who, [status, code]] of Object.entries(expected)) {
      for (const [name, call] of calls) {
        const res = await call(clients[who as keyof typeof clients]);
        expect({ who, name, status: res.statusCode, code: res.json().code }).toEqual({ who, name, status, code });
      }
    }
    // Re-check is the institute's: every unit role is told so.
    for (const who of ['teacher1', 'officerA', 'leaderA'] as const) {
      expectError(await clients[who].post(`/api/identifications/${id}/recheck`, { decision: 'confirm' }), 403, 'not_institute_admin');
    }
    // The unit leader sees it but takes no step.
    expect((await clients.leaderA.get(`/api/identifications/${id}`)).statusCode).toBe(200);
    expectError(
      await clients.leaderA.post(`/api/identifications/${id}/appraisal`, { result: 'supported', appraisedOn: today }),
      403,
      'not_identification_recorder',
    );
    expectError(
      await clients.leaderA.post(`/api/identifications/${id}/review`, { decision: 'reject', reason: '不符合条件' }),
      403,
      'not_identification_reviewer',
    );
  });
});

describe('privacy', () => {
  it('never returns a sensitive value in any response of visits, identifications and notices', async () => {
    const { clients } = scene;
    const { id } = await confirmed();
    const bodies: string[] = [];
    for (const who of ['admin', 'officerA', 'teacher1', 'leaderA'] as const) {
      const c = clients[who];
      for (const url of [
        `/api/identifications?schoolYear=${year}&pageSize=200`,
        `/api/identifications/${id}`,
        '/api/home-visits?pageSize=200',
        '/api/notices',
        '/api/identification-levels',
      ]) {
        const res = await c.get(url);
        expect(res.statusCode, `${who} ${url}`).toBe(200);
        bodies.push(res.body);
      }
    }
    const everything = bodies.join('\n');
    expect(seeded.length).toBeGreaterThan(5);
    for (const s of [...Object.values(scene.students), ...seeded]) {
      for (const value of Object.values(s.sensitive)) expect(everything).not.toContain(value);
    }
    // Nor masked ones: these records have no use for them.
    expect(everything).not.toMatch(/\d{4}\*{6,}\d{3}[\dX]/);
  });
});
