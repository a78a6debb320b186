import { Document, Packer, Paragraph } from 'docx';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { defaultFormTemplate, type FormTemplate } from '../../../../contracts/form-template.ts';
import type { SubmissionDetail } from '../../../../contracts/submissions.ts';
import type { Client, TestApp } from '../../test/test-app.ts';

/** Small real files, made here: the server sniffs their content. */
export const files = {
  /** A minimal but well-formed PDF. */
  pdf(extraBytes = 0): Buffer {
    const body = [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      `% ${'x'.repeat(extraBytes)}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n');
    return Buffer.from(body, 'latin1');
  },
  /** A 1×1 PNG. */
  png: (): Buffer =>
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  /** A Windows executable's start: what a renamed .exe looks like. */
  exe(): Buffer {
    const b = Buffer.alloc(512);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    return b;
  },
  async docx(text = '案例全文'): Promise<Buffer> {
    return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
  },
};

export function multipartBody(filename: string, content: Buffer, boundary = '----yzTestBoundary7MA4YWxk') {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}`, head, boundary };
}

export function upload(client: Client, url: string, filename: string, content: Buffer) {
  const { payload, contentType } = multipartBody(filename, content);
  return client.request('POST', url, payload, { 'content-type': contentType });
}

export { expectError } from '../../test/expect-error.ts';

/** Chinese text of exactly n words as countWords counts them. */
export const words = (n: number) => '资助育人'.repeat(Math.ceil(n / 4)).slice(0, n);

const DAY = 24 * 3600_000;

export interface Fixture {
  campaignId: number;
  fz: number;
  ds: number;
  /** A case track with a tiny upload limit for the oversized-file tests. */
  small: number;
  subtypeId: number;
  hostUnit: number;
  unit: number;
  otherUnit: number;
  coordinatorId: number;
}

/** An open 2024 campaign, as the campaigns module would set it up (no endpoint creates one yet). */
export async function seedCampaign(t: TestApp): Promise<Fixture> {
  const hostUnit = await t.unit({ name: '徐州经贸分院', city: '徐州' });
  const unit = await t.unit({ name: '南京工程分院', city: '南京' });
  const otherUnit = await t.unit({ name: '苏州分院', city: '苏州' });
  const coordinatorId = (await t.user({ roles: ['track_coordinator'], unitId: hostUnit })).id;
  const campaign = await t.db
    .insertInto('campaigns')
    .values({
      year: 2024,
      title: '2024年“苏乡永助”资助育人主题活动',
      status: 'open',
      notice_text: null,
      summary_due_on: '2024-09-20',
      settings: JSON.stringify({ eligibility: { programme: '五年制高职', grades: [4, 5] } }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const smallTemplate: FormTemplate = {
    sections: [{ key: 'body', title: '正文', guidance: '', required: true, minWords: 0, maxWords: null }],
    attachmentSlots: [
      {
        key: 'doc',
        label: '案例全文',
        guidance: '',
        required: false,
        requiredWhenPlanned: false,
        accept: ['pdf', 'docx'],
        maxBytes: 2048,
        maxFiles: 1,
      },
    ],
  };
  const track = async (code: string, name: string, kind: 'case' | 'ambassador', template: FormTemplate, i: number) =>
    (
      await t.db
        .insertInto('tracks')
        .values({
          campaign_id: campaign.id,
          code,
          name,
          kind,
          host_unit_id: hostUnit,
          coordinator_user_id: coordinatorId,
          contact_name: '陈老师',
          contact_email: null,
          contact_phone: null,
          sort_order: i,
          opens_at: new Date(Date.now() - 30 * DAY),
          submission_closes_at: new Date(Date.now() + 21 * DAY),
          revision_closes_at: new Date(Date.now() + 35 * DAY),
          default_quota: 2,
          upward_quota: 3,
          form_template: JSON.stringify(template),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const fz = await track('FZ', '发展型资助育人优秀案例', 'case', defaultFormTemplate('FZ', 'case'), 0);
  const ds = await track('DS', '江苏学生资助宣传大使', 'ambassador', defaultFormTemplate('DS', 'ambassador'), 1);
  const small = await track('SM', '小附件测试类别', 'case', smallTemplate, 2);
  const subtype = await t.db
    .insertInto('track_subtypes')
    .values({ track_id: fz, code: 'SYS', name: '系统性发展型资助制度及其实施', description: null, sort_order: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { campaignId: campaign.id, fz, ds, small, subtypeId: subtype.id, hostUnit, unit, otherUnit, coordinatorId };
}

export interface UnitPeople {
  officer: Client;
  leader: Client;
  mentor: Client;
  officerId: number;
  mentorId: number;
}

export async function unitPeople(t: TestApp, unitId: number): Promise<UnitPeople> {
  const officer = await t.user({ roles: ['unit_officer'], unitId });
  const leader = await t.user({ roles: ['unit_leader'], unitId });
  const mentor = await t.user({ roles: ['mentor'], unitId });
  return {
    officer: await t.login(officer.username),
    leader: await t.login(leader.username),
    mentor: await t.login(mentor.username),
    officerId: officer.id,
    mentorId: mentor.id,
  };
}

export const eligibleStudent = (i = 1) => ({
  name: `学生${i}`,
  studentNo: `S2020${String(i).padStart(4, '0')}`,
  programme: '五年制高职',
  grade: 4,
  major: '机电一体化',
  className: '机电2001',
  consentAt: '2024-05-10',
});

/** A complete case content for the FZ track, as a PATCH body (without revision). */
export function completeCase(subtypeId: number) {
  return {
    title: '导师团队“一生一策”帮扶',
    summary: '摘要',
    subtypeId,
    sections: { background: words(300), practice: words(800), outcomes: words(300), lessons: words(200) },
    implementation: 'implemented' as const,
    isCollective: false,
    priorityTags: [{ tag: 'real_hardship' as const, justification: '帮助学生解决实际困难' }],
    contact: { name: '李老师', phone: '025-86000000' },
  };
}

export async function detailOf(client: Client, id: number): Promise<SubmissionDetail> {
  const res = await client.get(`/api/submissions/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json<SubmissionDetail>();
}

export async function patch(client: Client, id: number, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const { revision } = await detailOf(client, id);
  return client.patch(`/api/submissions/${id}`, { revision, ...body });
}

/**
 * A case ready to submit: written by the mentor, complete, with its document,
 * selected by the officer and signed off by the leader.
 */
export async function readyCase(f: Fixture, p: UnitPeople, changes: Record<string, unknown> = {}): Promise<number> {
  const created = await p.mentor.post('/api/submissions', { trackId: f.fz });
  expect(created.statusCode).toBe(201);
  const id = created.json<SubmissionDetail>().id;
  const saved = await patch(p.mentor, id, { ...completeCase(f.subtypeId), ...changes });
  expect(saved.statusCode).toBe(200);
  const up = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例全文.pdf', files.pdf());
  expect(up.statusCode).toBe(201);
  expect((await p.officer.post(`/api/submissions/${id}/select`)).statusCode).toBe(200);
  expect((await p.leader.post(`/api/submissions/${id}/approve`)).statusCode).toBe(200);
  return id;
}

/** A nomination ready to submit. */
export async function readyNomination(f: Fixture, p: UnitPeople, student = eligibleStudent()): Promise<number> {
  const id = (await p.officer.post('/api/submissions', { trackId: f.ds })).json<SubmissionDetail>().id;
  expect(
    (
      await patch(p.officer, id, {
        title: `宣传大使推荐:${student.name}`,
        sections: { profile: words(200), growth: words(500), publicity: words(200) },
        contact: { name: '李老师', phone: '025-86000000' },
      })
    ).statusCode,
  ).toBe(200);
  const { revision } = await detailOf(p.officer, id);
  expect((await p.officer.request('PUT', `/api/submissions/${id}/students`, { revision, students: [student] })).statusCode).toBe(200);
  expect((await upload(p.officer, `/api/submissions/${id}/attachments?slot=photo`, '照片.png', files.png())).statusCode).toBe(201);
  expect((await upload(p.officer, `/api/submissions/${id}/attachments?slot=recommendation`, '推荐表.pdf', files.pdf())).statusCode).toBe(
    201,
  );
  expect((await p.officer.post(`/api/submissions/${id}/select`)).statusCode).toBe(200);
  expect((await p.leader.post(`/api/submissions/${id}/approve`)).statusCode).toBe(200);
  return id;
}

/** A case sent to its coordinator: ready (see readyCase), then submitted by the officer. */
export async function sentCase(
  f: Fixture,
  p: UnitPeople,
  changes: Record<string, unknown> = {},
): Promise<{ id: number; receiptNo: string }> {
  const id = await readyCase(f, p, changes);
  const res = await p.officer.post(`/api/submissions/${id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { id, receiptNo: res.json<SubmissionDetail>().receiptNo! };
}
