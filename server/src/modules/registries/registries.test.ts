import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { GrowthArchiveDto } from '../../../../contracts/growth-archive.ts';
import type {
  AwardDto,
  AwardsPage,
  RegistryFileDto,
  RewardItemDto,
  RewardSchemeView,
  SeminarDto,
  SeminarsPage,
  SupportCenterView,
} from '../../../../contracts/registries.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { makeClassTeacher, seedStudent } from '../students/test-fixtures.ts';
import { files, upload } from '../submissions/test-fixtures.ts';

let t: TestApp;
let unitId: number;
let officer: Client;
let officerId: number;
let leader: Client;
let teacher: Client;
let otherOfficer: Client;
let coordinator: Client;
let reviewer: Client;
let admin: Client;
/** In the teacher's class. */
let student: Awaited<ReturnType<typeof seedStudent>>;
/** Same unit, another class. */
let classmate: Awaited<ReturnType<typeof seedStudent>>;
let outsider: Awaited<ReturnType<typeof seedStudent>>;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ name: '台账测试分院' });
  const otherUnit = await t.unit({ name: '台账测试外单位' });
  const login = async (roles: Parameters<TestApp['user']>[0]['roles'], unit: number | null) => {
    const u = await t.user({ roles, unitId: unit });
    return { id: u.id, client: await t.login(u.username) };
  };
  ({ id: officerId, client: officer } = await login(['unit_officer'], unitId));
  leader = (await login(['unit_leader'], unitId)).client;
  const teacherUser = await login(['mentor'], unitId);
  teacher = teacherUser.client;
  otherOfficer = (await login(['unit_officer'], otherUnit)).client;
  coordinator = (await login(['track_coordinator'], otherUnit)).client;
  reviewer = (await login(['reviewer'], null)).client;
  admin = (await login(['institute_admin'], null)).client;
  student = await seedStudent(t, unitId, { className: '2022级会计1班', name: '陈晓' });
  classmate = await seedStudent(t, unitId, { className: '2022级会计2班', name: '刘洋' });
  outsider = await seedStudent(t, otherUnit);
  await makeClassTeacher(t, unitId, '2022级会计1班', teacherUser.id);
});
afterAll(() => t.close());

const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return status === 204 ? (undefined as T) : res.json<T>();
};

async function auditActions(entityType: string) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'actor_user_id', 'summary'])
    .where('entity_type', '=', entityType)
    .orderBy('id')
    .execute();
  return rows;
}

const centre = {
  name: '学生发展支持中心',
  establishedOn: '2023-03-01',
  place: '学生活动中心二楼',
  staff: [
    { name: '李老师', role: '中心主任' },
    { name: '周老师', role: '心理咨询师' },
  ],
  services: ['心理辅导', '生涯咨询', '学业帮扶'],
};

describe('学生发展支持中心: /api/registries/support-center', () => {
  it('is read by the unit’s staff and the institute, refused to others with the reason', async () => {
    expectError(await t.anonymous().get('/api/registries/support-center'), 401, 'unauthenticated');
    expectError(await reviewer.get('/api/registries/support-center'), 403, 'registries_forbidden');
    expectError(await coordinator.get('/api/registries/support-center'), 403, 'registries_forbidden');
    expectError(await otherOfficer.get(`/api/registries/support-center?unitId=${unitId}`), 403, 'not_own_unit');
    expectError(await admin.get('/api/registries/support-center'), 400, 'registry_unit_required');
    expectError(await admin.get('/api/registries/support-center?unitId=999999'), 404, 'not_found');
    const empty = ok<SupportCenterView>(await teacher.get('/api/registries/support-center'));
    expect(empty).toMatchObject({
      unit: { id: unitId },
      center: null,
      abilities: { edit: { allowed: false, whyNot: 'not_registry_keeper' } },
    });
    expect(ok<SupportCenterView>(await officer.get('/api/registries/support-center')).abilities.edit.allowed).toBe(true);
  });

  it('is kept by the aid officer only', async () => {
    expectError(await t.anonymous().request('PUT', '/api/registries/support-center', centre), 401, 'unauthenticated');
    expectError(await teacher.request('PUT', '/api/registries/support-center', centre), 403, 'not_registry_keeper');
    expectError(await leader.request('PUT', '/api/registries/support-center', centre), 403, 'not_registry_keeper');
    expectError(await admin.request('PUT', '/api/registries/support-center', centre), 403, 'not_registry_keeper');
    expectError(await reviewer.request('PUT', '/api/registries/support-center', centre), 403, 'registries_forbidden');
    const bad = await officer.request('PUT', '/api/registries/support-center', { ...centre, place: ' ', establishedOn: '2999-01-01' });
    expectError(bad, 400, 'validation_failed');
    expect(
      bad
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['establishedOn', 'place']);
  });

  it('is registered, then changed, each time audited', async () => {
    const saved = ok<SupportCenterView>(await officer.request('PUT', '/api/registries/support-center', centre));
    expect(saved.center).toMatchObject({ ...centre, updatedBy: { id: officerId } });
    const changed = ok<SupportCenterView>(
      await officer.request('PUT', '/api/registries/support-center', { ...centre, place: '图书馆一楼' }),
    );
    expect(changed.center?.place).toBe('图书馆一楼');
    expect(ok<SupportCenterView>(await admin.get(`/api/registries/support-center?unitId=${unitId}`)).center?.place).toBe('图书馆一楼');
    const audit = await auditActions('support_center');
    expect(audit.map((a) => a.action)).toEqual(['support_center.created', 'support_center.updated']);
    expect(audit[1]!.summary).toMatchObject({ before: { place: '学生活动中心二楼' }, after: { place: '图书馆一楼' } });
  });

  it('keeps photos and documents through the files module, downloadable by the unit’s staff only', async () => {
    expectError(await upload(teacher, '/api/registries/support-center/files', '照片.png', files.png()), 403, 'not_registry_keeper');
    expectError(await upload(officer, '/api/registries/support-center/files', '程序.pdf', files.exe()), 415, 'file_type_not_allowed');
    const file = ok<RegistryFileDto>(await upload(officer, '/api/registries/support-center/files', '中心照片.png', files.png()), 201);
    expect(file).toMatchObject({ name: '中心照片.png', kind: 'png', url: `/api/registries/files/${file.id}` });
    expect(ok<SupportCenterView>(await leader.get('/api/registries/support-center')).files.map((f) => f.id)).toEqual([file.id]);

    const download = await teacher.get(file.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(files.png())).toBe(true);
    expectError(await otherOfficer.get(file.url), 403, 'not_own_unit');
    expectError(await reviewer.get(file.url), 403, 'registries_forbidden');
    expectError(await teacher.delete(file.url), 403, 'not_registry_keeper');
    ok(await officer.delete(file.url), 204);
    expectError(await officer.get(file.url), 404, 'not_found');
    expect(await t.db.selectFrom('stored_files').select('id').where('id', '=', file.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('成长奖励制度: scheme, items and awards', () => {
  let progress: RewardItemDto;
  let service: RewardItemDto;
  let award: AwardDto;

  it('needs the scheme before its items', async () => {
    const view = ok<RewardSchemeView>(await officer.get('/api/registries/reward-scheme'));
    expect(view.scheme).toBeNull();
    expect(view.abilities.addItem).toEqual({ allowed: false, whyNot: 'reward_scheme_missing' });
    expectError(
      await officer.post('/api/registries/reward-items', { name: '学业进步奖', criteria: '成绩提升' }),
      409,
      'reward_scheme_missing',
    );
  });

  it('records the scheme (officer only)', async () => {
    const input = { title: '学生成长奖励实施办法', adoptedOn: '2023-09-01' };
    expectError(await teacher.request('PUT', '/api/registries/reward-scheme', input), 403, 'not_registry_keeper');
    expectError(await officer.request('PUT', '/api/registries/reward-scheme', { ...input, title: '' }), 400, 'validation_failed');
    const view = ok<RewardSchemeView>(await officer.request('PUT', '/api/registries/reward-scheme', input));
    expect(view.scheme).toMatchObject(input);
    expect(view.abilities.addItem.allowed).toBe(true);
    const doc = ok<RegistryFileDto>(
      await upload(officer, '/api/registries/reward-scheme/files', '奖励办法.docx', await files.docx('奖励办法')),
      201,
    );
    expect(ok<RewardSchemeView>(await teacher.get('/api/registries/reward-scheme')).files.map((f) => f.name)).toEqual([doc.name]);
  });

  it('adds reward items with optional amounts', async () => {
    expectError(
      await teacher.post('/api/registries/reward-items', { name: '学业进步奖', criteria: '成绩提升' }),
      403,
      'not_registry_keeper',
    );
    const bad = await officer.post('/api/registries/reward-items', { name: '学业进步奖', criteria: '成绩提升', amount: '12.345' });
    expectError(bad, 400, 'validation_failed');
    progress = ok<RewardItemDto>(
      await officer.post('/api/registries/reward-items', { name: '学业进步奖', criteria: '成绩排名提升 10 名以上', amount: '200' }),
      201,
    );
    expect(progress).toMatchObject({ amountFen: 20000, amount: '200.00', awardCount: 0 });
    service = ok<RewardItemDto>(
      await officer.post('/api/registries/reward-items', { name: '志愿服务奖', criteria: '服务满 20 小时', amount: '' }),
      201,
    );
    expect(service.amountFen).toBeNull();
    expectError(
      await officer.post('/api/registries/reward-items', { name: '学业进步奖', criteria: '重复' }),
      409,
      'reward_item_name_taken',
    );
    const renamed = ok<RewardItemDto>(
      await officer.patch(`/api/registries/reward-items/${service.id}`, { name: '志愿服务之星', criteria: '服务满 20 小时' }),
    );
    expect(renamed.name).toBe('志愿服务之星');
    expectError(await otherOfficer.patch(`/api/registries/reward-items/${service.id}`, { name: 'x', criteria: 'y' }), 403, 'not_own_unit');
    const spare = ok<RewardItemDto>(await officer.post('/api/registries/reward-items', { name: '临时项目', criteria: '试用' }), 201);
    ok(await officer.delete(`/api/registries/reward-items/${spare.id}`), 204);
    expect((await auditActions('reward_item')).map((a) => a.action)).toEqual([
      'reward_item.created',
      'reward_item.created',
      'reward_item.updated',
      'reward_item.created',
      'reward_item.deleted',
    ]);
  });

  it('gives awards that appear in the student’s growth archive', async () => {
    const input = { itemId: progress.id, studentId: student.id, awardedOn: '2025-01-10', note: '期末进步显著' };
    expectError(await teacher.post('/api/registries/awards', input), 403, 'not_registry_keeper');
    expectError(await officer.post('/api/registries/awards', { ...input, studentId: outsider.id }), 403, 'not_own_unit');
    expectError(await officer.post('/api/registries/awards', { ...input, studentId: 999_999 }), 404, 'not_found');
    expectError(await officer.post('/api/registries/awards', { ...input, schoolYear: '2024-2026' }), 400, 'validation_failed');
    award = ok<AwardDto>(await officer.post('/api/registries/awards', input), 201);
    expect(award).toMatchObject({ item: { name: '学业进步奖' }, student: { name: '陈晓' }, schoolYear: '2024-2025' });
    expectError(await officer.post('/api/registries/awards', input), 409, 'award_duplicate');
    // Handed out in September for the year just ended: the stated school year is kept.
    const late = ok<AwardDto>(
      await officer.post('/api/registries/awards', {
        itemId: service.id,
        studentId: classmate.id,
        awardedOn: '2025-09-05',
        schoolYear: '2024-2025',
      }),
      201,
    );
    expect(late.schoolYear).toBe('2024-2025');

    const archive = ok<GrowthArchiveDto>(await teacher.get(`/api/students/${student.id}/archive`));
    const reward = archive.entries.find((e) => e.kind === 'reward');
    expect(reward).toMatchObject({
      occurredOn: '2025-01-10',
      title: '学业进步奖',
      note: '期末进步显著',
      award: { id: award.id, itemName: '学业进步奖', schoolYear: '2024-2025' },
    });
    // The entry belongs to the award: it is changed in the registry, not in the archive.
    expect(reward!.abilities.edit.whyNot).toBe('archive_kind_officer_only');
    const asOfficer = ok<GrowthArchiveDto>(await officer.get(`/api/students/${student.id}/archive`)).entries.find(
      (e) => e.kind === 'reward',
    )!;
    expect(asOfficer.abilities.delete.whyNot).toBe('archive_entry_from_award');
    expectError(await officer.delete(`/api/students/${student.id}/archive/entries/${reward!.id}`), 409, 'archive_entry_from_award');
  });

  it('lists awards: the officer all, a teacher only their own students’, with the unit’s total', async () => {
    const all = ok<AwardsPage>(await officer.get('/api/registries/awards?schoolYear=2024-2025'));
    expect(all.items.map((a) => a.student.name)).toEqual(['刘洋', '陈晓']);
    expect(all).toMatchObject({ total: 2, unitTotal: 2 });
    const mine = ok<AwardsPage>(await teacher.get('/api/registries/awards?schoolYear=2024-2025'));
    expect(mine.items.map((a) => a.student.name)).toEqual(['陈晓']);
    expect(mine).toMatchObject({ total: 1, unitTotal: 2 });
    expect(ok<AwardsPage>(await admin.get(`/api/registries/awards?unitId=${unitId}&schoolYear=2023-2024`)).total).toBe(0);
    expectError(await reviewer.get('/api/registries/awards'), 403, 'registries_forbidden');
    expect(ok<RewardSchemeView>(await officer.get('/api/registries/reward-scheme')).items.find((i) => i.id === progress.id)).toMatchObject({
      awardCount: 1,
      abilities: { delete: { allowed: false, whyNot: 'reward_item_in_use' } },
    });
    expectError(await officer.delete(`/api/registries/reward-items/${progress.id}`), 409, 'reward_item_in_use');
  });

  it('revokes an award, and it leaves the archive too', async () => {
    expectError(await teacher.delete(`/api/registries/awards/${award.id}`), 403, 'not_registry_keeper');
    ok(await officer.delete(`/api/registries/awards/${award.id}`), 204);
    const archive = ok<GrowthArchiveDto>(await officer.get(`/api/students/${student.id}/archive`));
    expect(archive.entries.filter((e) => e.kind === 'reward')).toEqual([]);
    expect((await auditActions('reward_award')).map((a) => a.action)).toEqual([
      'reward_award.created',
      'reward_award.created',
      'reward_award.deleted',
    ]);
  });
});

describe('常态化研讨: /api/registries/seminars', () => {
  let seminar: SeminarDto;
  const input = {
    heldOn: '2024-11-12',
    topic: '重点帮扶对象个案研讨',
    participantCount: 6,
    participantNames: ['李老师', '周老师', '王老师'],
    minutes: '逐一讨论三名学生的帮扶进展,明确下阶段导师分工。',
  };

  it('is recorded by the officer only, with checked input', async () => {
    expectError(await t.anonymous().post('/api/registries/seminars', input), 401, 'unauthenticated');
    expectError(await teacher.post('/api/registries/seminars', input), 403, 'not_registry_keeper');
    expectError(await reviewer.post('/api/registries/seminars', input), 403, 'registries_forbidden');
    const bad = await officer.post('/api/registries/seminars', { ...input, participantCount: 2 });
    expectError(bad, 400, 'validation_failed');
    expect(bad.json().issues[0].path).toBe('participantCount');
    const pii = await officer.post('/api/registries/seminars', { ...input, minutes: `学生家长电话 ${student.sensitive.phone}` });
    expectError(pii, 422, 'text_contains_pii');
    expect(pii.body).not.toContain(student.sensitive.phone);
    seminar = ok<SeminarDto>(await officer.post('/api/registries/seminars', input), 201);
    expect(seminar).toMatchObject({ ...input, schoolYear: '2024-2025', semester: 'first' });
  });

  it('is listed for the unit’s staff by school year', async () => {
    ok<SeminarDto>(await officer.post('/api/registries/seminars', { ...input, heldOn: '2024-05-20', topic: '上学年研讨' }), 201);
    const page = ok<SeminarsPage>(await teacher.get('/api/registries/seminars?schoolYear=2024-2025'));
    expect(page.items.map((s) => s.topic)).toEqual(['重点帮扶对象个案研讨']);
    expect(page.abilities.create.whyNot).toBe('not_registry_keeper');
    expect(ok<SeminarsPage>(await officer.get('/api/registries/seminars')).total).toBe(2);
    expectError(await otherOfficer.get(`/api/registries/seminars?unitId=${unitId}`), 403, 'not_own_unit');
    expect(ok<SeminarsPage>(await otherOfficer.get('/api/registries/seminars')).total).toBe(0);
    expectError(await otherOfficer.get(`/api/registries/seminars/${seminar.id}`), 403, 'not_own_unit');
  });

  it('is changed and deleted with its files, audited', async () => {
    expectError(await teacher.patch(`/api/registries/seminars/${seminar.id}`, input), 403, 'not_registry_keeper');
    const changed = ok<SeminarDto>(await officer.patch(`/api/registries/seminars/${seminar.id}`, { ...input, participantCount: 7 }));
    expect(changed.participantCount).toBe(7);
    expectError(await upload(teacher, `/api/registries/seminars/${seminar.id}/files`, '纪要.pdf', files.pdf()), 403, 'not_registry_keeper');
    expectError(await upload(officer, '/api/registries/seminars/999999/files', '纪要.pdf', files.pdf()), 404, 'not_found');
    const minutes = ok<RegistryFileDto>(
      await upload(officer, `/api/registries/seminars/${seminar.id}/files`, '研讨纪要.pdf', files.pdf()),
      201,
    );
    expect(ok<SeminarDto>(await leader.get(`/api/registries/seminars/${seminar.id}`)).files.map((f) => f.name)).toEqual(['研讨纪要.pdf']);

    ok(await officer.delete(`/api/registries/seminars/${seminar.id}`), 204);
    expectError(await officer.get(`/api/registries/seminars/${seminar.id}`), 404, 'not_found');
    expect(await t.db.selectFrom('stored_files').select('id').where('id', '=', minutes.id).executeTakeFirst()).toBeUndefined();
    const audit = await auditActions('seminar');
    expect(audit.map((a) => a.action)).toEqual(['seminar.created', 'seminar.created', 'seminar.updated', 'seminar.deleted']);
    expect(audit[3]!.summary).toMatchObject({ before: { topic: '重点帮扶对象个案研讨', files: ['研讨纪要.pdf'] } });
  });
});
