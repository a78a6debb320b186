import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '../../../../contracts/submissions.ts';
import { LocalDiskStorage, newStorageKey } from '../../storage/local-disk-storage.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import {
  expectError,
  files,
  multipartBody,
  readyCase,
  seedCampaign,
  unitPeople,
  upload,
  type Fixture,
  type UnitPeople,
} from '../submissions/test-fixtures.ts';

let t: TestApp;
let f: Fixture;
let p: UnitPeople;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  f = await seedCampaign(t);
  p = await unitPeople(t, f.unit);
  admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
});
afterAll(() => t.close());

const filesRoot = () => path.join(t.config.dataDir, 'files');

/** Every stored file on disk, the temp area included. */
async function filesOnDisk(): Promise<string[]> {
  try {
    const entries = await readdir(filesRoot(), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
const storedRows = async () =>
  Number(
    (
      await t.db
        .selectFrom('stored_files')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function draft(trackId = f.fz): Promise<number> {
  return (await p.mentor.post('/api/submissions', { trackId })).json<SubmissionDetail>().id;
}

describe('uploading into a template slot', () => {
  it('refuses a request without a file, and an unknown slot', async () => {
    const id = await draft();
    expectError(await p.mentor.post(`/api/submissions/${id}/attachments?slot=case_document`, {}), 400, 'file_required');
    expectError(await upload(p.mentor, `/api/submissions/${id}/attachments?slot=poster`, 'a.pdf', files.pdf()), 400, 'unknown_slot');
    expectError(
      await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, 'empty.pdf', Buffer.alloc(0)),
      400,
      'file_required',
    );
  });

  it('decides the type by content: an .exe renamed .pdf and a text file are refused, saying what is accepted', async () => {
    const id = await draft();
    const [rowsBefore, diskBefore] = [await storedRows(), (await filesOnDisk()).length];
    const exe = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例全文.pdf', files.exe());
    expectError(exe, 415, 'file_type_not_allowed');
    expect(exe.json().message).toContain('Word(.docx)、PDF');
    expect(exe.json().details).toEqual({ accept: ['docx', 'pdf'] });
    const text = await upload(
      p.mentor,
      `/api/submissions/${id}/attachments?slot=case_document`,
      '案例.docx',
      Buffer.from('纯文本冒充 Word'),
    );
    expectError(text, 415, 'file_type_not_allowed');
    // A real PNG is a fine file, but not for a slot that takes documents only.
    expectError(
      await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, 'scan.pdf', files.png()),
      415,
      'file_type_not_allowed',
    );
    expect(await storedRows()).toBe(rowsBefore);
    expect((await filesOnDisk()).length).toBe(diskBefore);
  });

  it('accepts a real .docx and PDF, records size and SHA-256, and keeps the Chinese name for download', async () => {
    const id = await draft();
    const docx = await files.docx('可行性论证正文');
    const res = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '南京工程分院 案例(终稿).docx', docx);
    expect(res.statusCode, res.body).toBe(201);
    const [attachment] = res.json<SubmissionDetail>().attachments;
    expect(attachment).toMatchObject({
      slot: 'case_document',
      file: {
        name: '南京工程分院 案例(终稿).docx',
        kind: 'docx',
        sizeBytes: docx.length,
        sha256: createHash('sha256').update(docx).digest('hex'),
      },
    });
    const row = await t.db.selectFrom('stored_files').selectAll().where('id', '=', attachment!.file.id).executeTakeFirstOrThrow();
    // The stored key is generated, never the user's name.
    expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[a-f0-9]{32}\.docx$/);

    const download = await p.officer.get(attachment!.file.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(docx)).toBe(true);
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('南京工程分院 案例').replace(/%20/g, '%20')}`,
    );
    expect(decodeURIComponent(String(download.headers['content-disposition']).split("filename*=UTF-8''")[1]!)).toBe(
      '南京工程分院 案例(终稿).docx',
    );

    const pdf = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=evidence`, '照片.pdf', files.pdf());
    expect(pdf.statusCode).toBe(201);
  });

  it('refuses an oversized file with the limit in MB, leaving nothing behind', async () => {
    const id = await draft(f.small);
    const [rowsBefore, diskBefore] = [await storedRows(), (await filesOnDisk()).length];
    const big = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=doc`, '太大.pdf', files.pdf(5000));
    expectError(big, 413, 'file_too_large');
    expect(big.json().details).toEqual({ maxBytes: 2048, maxMB: 0 });
    expect(big.json().message).toBe('文件超过大小限制(最大 2 KB),请压缩后重新上传。');
    // A file just under the limit goes in.
    expect((await upload(p.mentor, `/api/submissions/${id}/attachments?slot=doc`, '刚好.pdf', files.pdf(1500))).statusCode).toBe(201);
    expect(await storedRows()).toBe(rowsBefore + 1);
    expect((await filesOnDisk()).length).toBe(diskBefore + 1);
  });

  it('enforces the slot’s number of files', async () => {
    const id = await draft(f.small);
    expect((await upload(p.mentor, `/api/submissions/${id}/attachments?slot=doc`, '一.pdf', files.pdf())).statusCode).toBe(201);
    const second = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=doc`, '二.pdf', files.pdf());
    expectError(second, 409, 'too_many_files');
    expect(second.json().message).toContain('最多上传 1 个文件');
  });

  it('removes an attachment and its bytes while the case is a draft', async () => {
    const id = await draft();
    const res = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=case_document`, '案例.pdf', files.pdf());
    const attachment = res.json<SubmissionDetail>().attachments[0]!;
    const other = await unitPeople(t, f.otherUnit);
    expectError(await other.officer.delete(`/api/submissions/${id}/attachments/${attachment.id}`), 403, 'not_own_unit');
    const diskBefore = (await filesOnDisk()).length;
    const after = await p.mentor.delete(`/api/submissions/${id}/attachments/${attachment.id}`);
    expect(after.json<SubmissionDetail>().attachments).toEqual([]);
    expect((await filesOnDisk()).length).toBe(diskBefore - 1);
    expectError(await p.mentor.get(attachment.file.url), 404, 'not_found');
  });

  it('bumps the revision on upload, so a sign-off given before it is outdated', async () => {
    const id = await draft();
    await p.leader.post(`/api/submissions/${id}/approve`);
    const res = await upload(p.mentor, `/api/submissions/${id}/attachments?slot=evidence`, '照片.png', files.png());
    expect(res.json<SubmissionDetail>().approval).toMatchObject({ revision: 1, current: false });
  });
});

describe('downloading', () => {
  it('is allowed to whoever may see the case: the unit while a draft; coordinator and admin once submitted', async () => {
    const people = await unitPeople(t, await t.unit({ city: '南京' }));
    const id = await readyCase(f, people);
    const url = (await people.officer.get(`/api/submissions/${id}`)).json<SubmissionDetail>().attachments[0]!.file.url;
    const coord = await t.db.selectFrom('users').select('username').where('id', '=', f.coordinatorId).executeTakeFirstOrThrow();
    const coordinator = await t.login(coord.username);
    expectError(await t.anonymous().get(url), 401, 'unauthenticated');
    expectError(await p.officer.get(url), 403, 'not_own_unit');
    expectError(await admin.get(url), 403, 'draft_private');
    expectError(await coordinator.get(url), 403, 'draft_private');
    expect((await people.mentor.get(url)).statusCode).toBe(200);
    expect((await people.officer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect((await admin.get(url)).statusCode).toBe(200);
    expect((await coordinator.get(url)).statusCode).toBe(200);
    expectError(await p.officer.get(url), 403, 'not_own_unit');
    expectError(await admin.get('/api/files/999999'), 404, 'not_found');
  });
});

describe('an interrupted upload leaves nothing half-stored', () => {
  it('when the multipart body ends in the middle of the file', async () => {
    const id = await draft();
    const [rowsBefore, diskBefore] = [await storedRows(), (await filesOnDisk()).length];
    const { head, contentType } = multipartBody('半截.pdf', Buffer.alloc(0));
    // The file part starts, 200 kB arrive, then the body just ends: no closing boundary.
    const payload = Buffer.concat([head, files.pdf(200_000)]);
    const res = await p.mentor.request('POST', `/api/submissions/${id}/attachments?slot=case_document`, payload, {
      'content-type': contentType,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await storedRows()).toBe(rowsBefore);
    expect((await filesOnDisk()).length).toBe(diskBefore);
  });

  it('when the client’s connection drops mid-way (real socket)', async () => {
    const id = await draft();
    const [rowsBefore, diskBefore] = [await storedRows(), (await filesOnDisk()).length];
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: await mentorUsername(), password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'yz_session')!.value;
    const csrf = login.json().csrfToken as string;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const { head, contentType } = multipartBody('断线.pdf', Buffer.alloc(0));
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          [
            `POST /api/submissions/${id}/attachments?slot=case_document HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            `Cookie: yz_session=${cookie}`,
            `x-csrf-token: ${csrf}`,
            `Content-Type: ${contentType}`,
            `Content-Length: ${5 * 1024 * 1024}`,
            '',
            '',
          ].join('\r\n'),
        );
        socket.write(head);
        socket.write(files.pdf(300_000), () => setTimeout(() => (socket.destroy(), resolve()), 200));
      });
      socket.on('error', reject);
    });
    // The server notices the drop asynchronously.
    for (let i = 0; i < 50 && (await filesOnDisk()).length !== diskBefore; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await storedRows()).toBe(rowsBefore);
    expect((await filesOnDisk()).length).toBe(diskBefore);
  });

  async function mentorUsername(): Promise<string> {
    const row = await t.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select('u.username')
      .where('u.unit_id', '=', f.unit)
      .where('r.role', '=', 'mentor')
      .orderBy('u.id')
      .executeTakeFirstOrThrow();
    return row.username;
  }
});

describe('local disk storage', () => {
  it('keeps nothing under the key when the stream fails part-way', async () => {
    const storage = new LocalDiskStorage(path.join(t.config.dataDir, 'unit-store'));
    const key = newStorageKey('pdf');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        setImmediate(() => this.destroy(new Error('connection reset')));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset');
    expect(await storage.exists(key)).toBe(false);
    const left = await readdir(path.join(t.config.dataDir, 'unit-store'), { recursive: true, withFileTypes: true });
    expect(left.filter((e) => e.isFile())).toEqual([]);
    await storage.put(key, Readable.from([Buffer.from('ok')]));
    expect(await storage.exists(key)).toBe(true);
    expect(() => storage.createReadStream('../../etc/passwd')).toThrow('invalid storage key');
  });
});
