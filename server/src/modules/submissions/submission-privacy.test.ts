import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { SubmissionDetail, SubmissionListItem, SubmitProblem } from '../../../../contracts/submissions.ts';
import { docxWith } from '../../lib/pii/test-documents.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import {
  completeCase,
  detailOf,
  expectError,
  patch,
  readyCase,
  readyNomination,
  seedCampaign,
  unitPeople,
  upload,
  words,
  type Fixture,
  type UnitPeople,
} from './test-fixtures.ts';

/**
 * The privacy check before a case goes upward (product.md, "Privacy rules"):
 * ID numbers, mobile numbers, bank cards, birth dates and addresses in the text
 * or the attachments block the submission until removed or acknowledged with a
 * reason.
 */

let t: TestApp;
let f: Fixture;
let p: UnitPeople;

// 320102199003071239 passes GB 11643 (checked by hand, independently of the scanner).
const ID = '320102199003071239';
const PHONE = '13812345678';

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  await t.db.updateTable('tracks').set({ default_quota: 1000 }).execute();
});
afterAll(() => t.close());

const problemsOf = (res: { json(): unknown }) => (res.json() as { details: { problems: SubmitProblem[] } }).details.problems;

/** A complete, selected and signed-off case whose 主要做法 names a student's ID number. */
async function caseWithIdNumber(): Promise<number> {
  return readyCase(f, p, {
    sections: { ...completeCase(f.subtypeId).sections, practice: `${words(800)}。受助学生身份证号:${ID},家庭困难。` },
  });
}

async function reapprove(id: number) {
  expect((await p.leader.post(`/api/submissions/${id}/approve`)).statusCode).toBe(200);
}

describe('free text', () => {
  it('refuses to submit a case with an ID number in a section, saying where and what, masked', async () => {
    const id = await caseWithIdNumber();
    const detail = await detailOf(p.officer, id);
    expect(detail.privacy!.findings).toEqual([
      expect.objectContaining({
        kind: 'id_number',
        masked: '3201**********1239',
        field: 'sections.practice',
        where: '“主要做法”栏目',
        fileId: null,
        acknowledgement: null,
      }),
    ]);
    expect(detail.privacy!.findings[0]!.excerpt).toContain('身份证号:3201**********1239');
    expect(detail.abilities.submit).toEqual({ allowed: false, whyNot: 'pii_found' });

    const res = await p.officer.post(`/api/submissions/${id}/submit`);
    expectError(res, 422, 'pii_found');
    const [problem] = problemsOf(res);
    expect(problem).toMatchObject({ code: 'pii_found', field: 'sections.practice' });
    expect(problem!.message).toContain('“主要做法”栏目中有身份证号“3201**********1239”');
    expect(res.body).not.toContain(ID);
    expect((await detailOf(p.officer, id)).status).toBe('draft');
  });

  it('lets the case through once the finding is acknowledged with a reason, recorded with who and when, audited masked', async () => {
    const id = await caseWithIdNumber();
    const { fingerprint } = (await detailOf(p.mentor, id)).privacy!.findings[0]!;

    expectError(
      await t.anonymous().post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint, reason: '已核实' }),
      401,
      'unauthenticated',
    );
    expectError(await p.mentor.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint }), 400, 'validation_failed');
    expectError(
      await p.mentor.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint: 'abc', reason: '已核实' }),
      400,
      'validation_failed',
    );
    expectError(
      await p.mentor.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint: 'f'.repeat(32), reason: '已核实' }),
      409,
      'pii_finding_gone',
    );

    const res = await p.mentor.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint, reason: '学生本人及家长书面同意公开' });
    expect(res.statusCode).toBe(200);
    const detail = res.json<SubmissionDetail>();
    expect(detail.privacy!.findings[0]!.acknowledgement).toMatchObject({
      reason: '学生本人及家长书面同意公开',
      by: { id: p.mentorId },
    });
    expect(detail.problems!.map((x) => x.code)).not.toContain('pii_found');
    expect(detail.events.at(-1)).toMatchObject({
      action: 'pii_acknowledged',
      note: '身份证号 3201**********1239:学生本人及家长书面同意公开',
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'submission.pii_acknowledged')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(p.mentorId);
    expect(audit.summary).toMatchObject({
      after: { kind: 'id_number', masked: '3201**********1239', reason: '学生本人及家长书面同意公开' },
    });
    expect(JSON.stringify(audit.summary)).not.toContain(ID);

    // The acknowledgement holds when the text is edited elsewhere and the number moves to another section.
    const moved = { ...completeCase(f.subtypeId).sections, practice: words(800), lessons: `${words(200)}(身份证 320102 19900307 1239)` };
    expect((await patch(p.mentor, id, { sections: moved })).statusCode).toBe(200);
    const after = await detailOf(p.officer, id);
    expect(after.privacy!.findings).toEqual([expect.objectContaining({ field: 'sections.lessons', acknowledgement: expect.anything() })]);
    await reapprove(id);
    const submitted = await p.officer.post(`/api/submissions/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('drops a finding once an edit removes the text; a revoked acknowledgement blocks again', async () => {
    const id = await caseWithIdNumber();
    const { fingerprint } = (await detailOf(p.mentor, id)).privacy!.findings[0]!;
    const acked = await p.officer.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint, reason: '已核实' });
    const ackId = acked.json<SubmissionDetail>().privacy!.findings[0]!.acknowledgement!.id;
    const revoked = await p.officer.delete(`/api/submissions/${id}/pii-acknowledgements/${ackId}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<SubmissionDetail>().privacy!.findings[0]!.acknowledgement).toBeNull();
    expectError(await p.officer.delete(`/api/submissions/${id}/pii-acknowledgements/${ackId}`), 404, 'not_found');
    await reapprove(id);
    expectError(await p.officer.post(`/api/submissions/${id}/submit`), 422, 'pii_found');

    expect((await patch(p.mentor, id, { sections: completeCase(f.subtypeId).sections })).statusCode).toBe(200);
    expect((await detailOf(p.officer, id)).privacy!.findings).toEqual([]);
    await reapprove(id);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  });

  it('checks the title, summary, tag justifications and consent notes too; the contact phone is meant to be a phone', async () => {
    const id = await readyCase(f, p, {
      title: `生涯导师团队(联系人手机${PHONE})`,
      summary: '学生小王,出生日期:2006年4月8日。',
      priorityTags: [{ tag: 'real_hardship', justification: '为学生办理了工资卡 6222021234567890128' }],
      contact: { name: '李老师', phone: '13912345678' },
    });
    const { revision } = await detailOf(p.mentor, id);
    const students = [{ ...nominee('S20201234'), consentNote: '家长手机 15912345678 口头同意' }];
    expect((await p.mentor.request('PUT', `/api/submissions/${id}/students`, { revision, students })).statusCode).toBe(200);
    const detail = await detailOf(p.officer, id);
    expect(detail.privacy!.findings.map((x) => [x.field, x.kind, x.masked])).toEqual([
      ['title', 'mobile', '138****5678'],
      ['summary', 'birth_date', '2006-**-**'],
      ['priorityTags.0.justification', 'bank_card', '6222***********0128'],
      ['students.0.consentNote', 'mobile', '159****5678'],
    ]);
    expect(detail.problems!.filter((x) => x.code === 'pii_found').map((x) => x.field)).toEqual([
      'title',
      'summary',
      'priorityTags.0.justification',
      'students.0.consentNote',
    ]);
  });
});

describe('attachments', () => {
  it('scans a .docx once, when it is uploaded; its phone number blocks until the file is replaced', async () => {
    const { id } = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>();
    expect((await patch(p.mentor, id, completeCase(f.subtypeId))).statusCode).toBe(200);
    const docx = await docxWith(['案例全文:导师团队“一生一策”帮扶', `学生家长电话 ${PHONE},家住张庄村3组。`]);
    const uploaded = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例全文.docx', docx);
    expect(uploaded.statusCode).toBe(201);
    const file = uploaded.json<SubmissionDetail>().attachments[0]!;

    // Scanned at upload: the findings are stored with the file, masked — never the number.
    const scan = await t.db.selectFrom('stored_file_pii_scans').selectAll().where('file_id', '=', file.file.id).executeTakeFirstOrThrow();
    expect(scan.status).toBe('scanned');
    expect(scan.findings.map((x) => x.kind)).toEqual(['mobile', 'address']);
    expect(JSON.stringify(scan.findings)).not.toContain(PHONE);

    const detail = uploaded.json<SubmissionDetail>();
    expect(detail.privacy!.findings.map((x) => [x.field, x.where, x.kind, x.fileId])).toEqual([
      ['attachments.case_document', '附件“案例全文.docx”(案例全文)', 'mobile', file.file.id],
      ['attachments.case_document', '附件“案例全文.docx”(案例全文)', 'address', file.file.id],
    ]);

    expect((await p.officer.post(`/api/submissions/${id}/select`)).statusCode).toBe(200);
    await reapprove(id);
    const refused = await p.officer.post(`/api/submissions/${id}/submit`);
    expectError(refused, 422, 'pii_found');
    expect(problemsOf(refused)[0]!.message).toBe(
      '附件“案例全文.docx”(案例全文)中有手机号码“138****5678”:请修改文件后重新上传(先删除原文件);如确需保留,请在“隐私检查”中说明原因并确认无误。',
    );
    // Not scanned again at submit.
    const again = await t.db
      .selectFrom('stored_file_pii_scans')
      .select('scanned_at')
      .where('file_id', '=', file.file.id)
      .executeTakeFirstOrThrow();
    expect(again.scanned_at).toEqual(scan.scanned_at);

    // Fixed: the file removed, a clean one uploaded.
    expect((await p.mentor.delete(`/api/submissions/${id}/attachments/${file.id}`)).statusCode).toBe(200);
    const clean = await upload(
      p.mentor,
      `/api/submissions/${id}/attachments?slot=case_document`,
      '案例全文.docx',
      await docxWith([words(100)]),
    );
    expect(clean.json<SubmissionDetail>().privacy!.findings).toEqual([]);
    await reapprove(id);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  });

  it('lets an attachment finding through once acknowledged', async () => {
    const id = await readyCase(f, p);
    const docx = await docxWith([`学校资助中心办公电话(公开) ${PHONE}`]);
    const res = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=evidence`, '制度文件.docx', docx);
    const { fingerprint } = res.json<SubmissionDetail>().privacy!.findings[0]!;
    await reapprove(id);
    expectError(await p.officer.post(`/api/submissions/${id}/submit`), 422, 'pii_found');
    expect(
      (await p.officer.post(`/api/submissions/${id}/pii-acknowledgements`, { fingerprint, reason: '该电话为学校公开办公电话' })).statusCode,
    ).toBe(200);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  });

  it('lists images and files without text for a person to check, without blocking', async () => {
    const id = await readyNomination(f, p);
    const detail = await detailOf(p.officer, id);
    expect(detail.privacy!.unchecked).toEqual([
      expect.objectContaining({ name: '照片.png', field: 'attachments.photo', reason: 'image' }),
      expect.objectContaining({ name: '推荐表.pdf', field: 'attachments.recommendation', reason: 'no_text' }),
    ]);
    expect(detail.problems).toEqual([]);
  });

  it('scans the evidence of an ambassador’s activities', async () => {
    const id = await readyNomination(f, p, nominee('S20209999'));
    const withActivity = await p.officer.post(`/api/submissions/${id}/activities`, {
      kind: 'village',
      title: '资助政策乡村行',
      heldOn: '2024-05-01',
      place: '家乡所在镇',
      audience: 80,
    });
    const activityId = withActivity.json<SubmissionDetail>().activities[0]!.id;
    const evidence = await upload(
      p.officer,
      `/api/submissions/${id}/activities/${activityId}/evidence`,
      '活动报道.docx',
      await docxWith([`活动联系人手机 ${PHONE}`]),
    );
    expect(evidence.statusCode).toBe(201);
    expect(evidence.json<SubmissionDetail>().privacy!.findings).toEqual([
      expect.objectContaining({
        field: `activities.${activityId}`,
        where: '宣传活动“资助政策乡村行”的佐证“活动报道.docx”',
        kind: 'mobile',
      }),
    ]);
  });
});

const nominee = (studentNo: string) => ({
  name: '许同学',
  studentNo,
  programme: '五年制高职',
  grade: 5,
  major: '机电一体化',
  className: '机电2001',
  consentAt: '2024-05-10',
});

describe('who may acknowledge', () => {
  it('refuses another unit, a teacher who did not write the case, and anyone once the case is sent', async () => {
    const id = await caseWithIdNumber();
    const { fingerprint } = (await detailOf(p.mentor, id)).privacy!.findings[0]!;
    const body = { fingerprint, reason: '已核实' };
    const other: Client = await t.login((await t.user({ roles: ['unit_officer'], unitId: f.otherUnit })).username);
    expectError(await other.post(`/api/submissions/${id}/pii-acknowledgements`, body), 403, 'not_own_unit');
    const mentor2 = await t.login((await t.user({ roles: ['mentor'], unitId: f.unit })).username);
    expectError(await mentor2.post(`/api/submissions/${id}/pii-acknowledgements`, body), 403, 'not_own_draft');
    expect((await detailOf(mentor2, id)).abilities.acknowledgePii).toEqual({ allowed: false, whyNot: 'not_own_draft' });
    expect((await p.officer.post(`/api/submissions/${id}/pii-acknowledgements`, body)).statusCode).toBe(200);
    expect((await p.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expectError(await p.officer.post(`/api/submissions/${id}/pii-acknowledgements`, body), 409, 'submission_locked');
  });
});

describe('the list', () => {
  it('carries the abilities of each case’s detail, and how many problems a submit would meet', async () => {
    const unitId = await t.unit({ city: '南京' });
    const people = await unitPeople(t, unitId);
    const ready = await readyCase(f, people);
    const blocked = await readyCase(f, people, { title: `联系电话${PHONE}` });
    const draft = (await people.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    const sent = await readyCase(f, people);
    expect((await people.officer.post(`/api/submissions/${sent}/submit`)).statusCode).toBe(200);

    for (const client of [people.officer, people.leader, people.mentor]) {
      const list = (await client.get(`/api/submissions?campaignId=${f.campaignId}&pageSize=50`)).json<Page<SubmissionListItem>>();
      for (const id of [ready, blocked, draft, sent]) {
        const item = list.items.find((i) => i.id === id)!;
        const detail = await detailOf(client, id);
        expect(item.abilities).toEqual(detail.abilities);
        expect(item.problemCount).toBe(detail.problems?.length ?? null);
        expect(item.approval).toEqual(detail.approval);
      }
    }
    const list = (await people.officer.get(`/api/submissions?campaignId=${f.campaignId}&pageSize=50`)).json<Page<SubmissionListItem>>();
    const byId = (id: number) => list.items.find((i) => i.id === id)!;
    expect(byId(ready).problemCount).toBe(0);
    expect(byId(ready).abilities.submit.allowed).toBe(true);
    expect(byId(blocked).problemCount).toBe(1);
    expect(byId(blocked).abilities.submit).toEqual({ allowed: false, whyNot: 'pii_found' });
    expect(byId(sent).problemCount).toBeNull();
    expect(byId(sent).abilities.withdraw.allowed).toBe(true);
  });

  it('loads the page’s checks in a fixed number of queries, however many cases it holds', async () => {
    const unitId = await t.unit({ city: '南京' });
    const people = await unitPeople(t, unitId);
    const queriesForList = async () => {
      const executor = t.db.getExecutor() as unknown as { executeQuery: (...args: unknown[]) => Promise<unknown> };
      const original = executor.executeQuery;
      let count = 0;
      executor.executeQuery = function (...args: unknown[]) {
        count += 1;
        return original.apply(this, args);
      };
      try {
        const res = await people.officer.get('/api/submissions?pageSize=200');
        expect(res.statusCode).toBe(200);
      } finally {
        executor.executeQuery = original;
      }
      return count;
    };
    await readyCase(f, people);
    await readyNomination(f, people, nominee('S20200001'));
    const few = await queriesForList();
    for (let i = 0; i < 4; i += 1) await readyCase(f, people, { title: `案例${i} 电话${PHONE}` });
    await readyNomination(f, people, nominee('S20200002'));
    const more = await queriesForList();
    // The session, the page, its count, and the checks' few set-based queries (13 here) — not one more per case.
    expect(few).toBeGreaterThan(5);
    expect(more).toBe(few);
  });
});
