import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { SubmissionDetail, SubmissionListItem } from '../../../../contracts/submissions.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { submitProblems, type SubmitFacts } from './submission-checks.ts';
import {
  completeCase,
  detailOf,
  eligibleStudent,
  files,
  patch,
  readyCase,
  seedCampaign,
  unitPeople,
  upload,
  words,
  type Fixture,
  type UnitPeople,
} from './test-fixtures.ts';

/**
 * The deadline rush (bench/deadline-rush.ts): what an autosave and a submit
 * cost the database — a fixed, small number of queries, whatever the case
 * holds — and attachments whose privacy scan has not finished, which must
 * never pass a submit unchecked.
 */

let t: TestApp;
let f: Fixture;
let p: UnitPeople;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  await t.db.updateTable('tracks').set({ default_quota: 1000 }).execute();
});
afterAll(() => t.close());

/**
 * The queries the server runs while answering `request`, inside transactions
 * too: a transaction's executor is another instance of the same class, so the
 * count hooks the method where the class defines it.
 */
async function queriesOf<T>(request: () => Promise<T>): Promise<{ count: number; result: T }> {
  type Executor = { executeQuery: (...args: unknown[]) => Promise<unknown> };
  let owner = Object.getPrototypeOf(t.db.getExecutor()) as Executor;
  while (!Object.prototype.hasOwnProperty.call(owner, 'executeQuery')) owner = Object.getPrototypeOf(owner) as Executor;
  const original = owner.executeQuery;
  let count = 0;
  owner.executeQuery = function (...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    return { result: await request(), count };
  } finally {
    owner.executeQuery = original;
  }
}

describe('queries per request', () => {
  it('an autosave runs a handful of queries, however long the text', async () => {
    const id = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>().id;
    let { revision } = await detailOf(p.mentor, id);
    const save = async (n: number) => {
      const { count, result } = await queriesOf(() =>
        p.mentor.patch(`/api/submissions/${id}`, { revision, title: `第${n}稿`, sections: { practice: words(300 * n) } }),
      );
      expect(result.statusCode, result.body).toBe(200);
      revision = result.json<{ revision: number }>().revision;
      return count;
    };
    const short = await save(1);
    const long = await save(4);
    // The session, the case (one joined row), the update.
    expect(short).toBeLessThanOrEqual(4);
    expect(long).toBe(short);
  });

  it('a submit runs the same number of queries for a small case and a large one', async () => {
    const submitCounting = async (id: number) => {
      const { count, result } = await queriesOf(() => p.officer.post(`/api/submissions/${id}/submit`));
      expect(result.statusCode, result.body).toBe(200);
      return count;
    };
    const small = await readyCase(f, p);
    const large = await readyCase(f, p, {
      priorityTags: [
        { tag: 'real_hardship', justification: '帮助学生解决实际困难' },
        { tag: 'institution_building', justification: '建立制度' },
        { tag: 'social_resources', justification: '统筹社会资源' },
      ],
    });
    const { revision } = await detailOf(p.mentor, large);
    const students = [1, 2, 3, 4, 5].map((i) => eligibleStudent(i));
    expect((await p.mentor.request('PUT', `/api/submissions/${large}/students`, { revision, students })).statusCode).toBe(200);
    expect((await p.leader.post(`/api/submissions/${large}/approve`)).statusCode).toBe(200);

    const smallCount = await submitCounting(small);
    const largeCount = await submitCounting(large);
    expect(largeCount).toBe(smallCount);
    // 38 here: the session, the scan look-up, the transaction (checks, quota, version, event, audit, three notifications) and the detail it answers with.
    expect(smallCount).toBeLessThanOrEqual(38);
  });
});

describe('attachments whose privacy scan has not finished', () => {
  it('are never passed unchecked: the list shows the scan pending, and submit scans them before it checks', async () => {
    const id = await readyCase(f, p, { title: '扫描未完成的案例' });
    const fileId = (await detailOf(p.officer, id)).attachments[0]!.file.id;
    // As if the server stopped between storing the file and recording its scan.
    await t.db.deleteFrom('stored_file_pii_scans').where('file_id', '=', fileId).execute();

    const list = (await p.officer.get('/api/submissions?pageSize=200')).json<Page<SubmissionListItem>>();
    const item = list.items.find((i) => i.id === id)!;
    expect(item.abilities.submit).toEqual({ allowed: false, whyNot: 'pii_scan_pending' });
    expect(item.problemCount).toBe(1);

    const res = await p.officer.post(`/api/submissions/${id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    const scan = await t.db.selectFrom('stored_file_pii_scans').selectAll().where('file_id', '=', fileId).executeTakeFirst();
    expect(scan).toBeDefined();
  });

  it('a scan still pending at submit refuses it, saying which file and what to do', () => {
    const facts: SubmitFacts = {
      target: {
        unitId: 1,
        createdBy: 1,
        trackCoordinatorId: null,
        status: 'draft',
        selected: true,
        revision: 1,
        approvedRevision: 1,
        campaignOpen: true,
        opensAt: null,
        submissionClosesAt: null,
        revisionClosesAt: null,
      },
      trackKind: 'case',
      subtypeCount: 0,
      subtypeId: null,
      template: { sections: [], attachmentSlots: [] } as unknown as SubmitFacts['template'],
      title: '案例',
      sections: {},
      implementation: 'implemented',
      isCollective: false,
      collectiveLeaderName: null,
      priorityTags: [],
      contactName: '李老师',
      contactPhone: '025-86000000',
      students: [],
      slotCounts: {},
      eligibility: null,
      nomineeTakenElsewhere: [],
      quota: null,
      pii: [],
      piiPending: [{ field: 'attachments.case_document', where: '附件“案例全文.pdf”(案例全文)' }],
    };
    const problems = submitProblems(facts, new Date()).filter((x) => x.code === 'pii_scan_pending');
    expect(problems).toEqual([
      {
        code: 'pii_scan_pending',
        field: 'attachments.case_document',
        message: '附件“案例全文.pdf”(案例全文)的隐私检查尚未完成,请稍候几秒再提交;如一直未完成,请删除该附件后重新上传。',
      },
    ]);
  });

  it('an upload answers with its scan done: the findings are in the answer', async () => {
    const { id } = (await p.mentor.post('/api/submissions', { trackId: f.fz })).json<SubmissionDetail>();
    expect((await patch(p.mentor, id, completeCase(f.subtypeId))).statusCode).toBe(200);
    const up = await upload(
      p.mentor,
      `/api/submissions/${id}/attachments?slot=case_document`,
      '案例全文.docx',
      await files.docx('家长电话 13812345678'),
    );
    expect(up.statusCode).toBe(201);
    expect(up.json<SubmissionDetail>().privacy!.findings.map((x) => x.kind)).toEqual(['mobile']);
    expect(up.json<SubmissionDetail>().problems!.map((x) => x.code)).not.toContain('pii_scan_pending');
  });
});
