import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import type { InboxMessageDto, MailDto, MailLogPage } from '../../../../contracts/notifications.ts';
import { roles, type Role } from '../../../../contracts/roles.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { notify, type NotifyInput } from './notifications.service.ts';
import { drainOutbox } from './outbox-worker.ts';
import { runReminders } from './reminders.ts';
import { expectError } from '../../test/expect-error.ts';
import { parseMessage, startSmtp, stopSmtp } from '../../test/smtp.ts';

const PUBLIC_URL = 'https://yongzhu.example.edu.cn';
let t: TestApp;
let admin: Client;
let unitId: number;

beforeAll(async () => {
  // No SMTP_URL: the default demo ("store") mode.
  t = await createTestApp({ publicUrl: PUBLIC_URL });
  admin = await t.login((await t.user({ roles: ['institute_admin'], username: 'notify-admin' })).username);
  unitId = await t.unit({ name: '通知测试分院', city: '扬州' });
});
afterAll(() => t.close());

const submitted = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  template: 'submission.submitted',
  userIds: [],
  data: { receiptNo: '2024-FZ-0007', title: '“助学圆梦”成长计划', unitName: '通知测试分院', trackName: '发展型资助育人优秀案例' },
  link: '/submissions/12',
  ...over,
});

const inboxOf = (userId: number) => t.db.selectFrom('inbox_messages').selectAll().where('user_id', '=', userId).orderBy('id').execute();
const mailsTo = (userId: number) => t.db.selectFrom('outbox_emails').selectAll().where('to_user_id', '=', userId).orderBy('id').execute();

describe('notify()', () => {
  it('writes nothing when the surrounding transaction rolls back', async () => {
    const u = await t.user({ roles: ['unit_officer'], unitId });
    await expect(
      t.db.transaction().execute(async (trx) => {
        await notify(trx, submitted({ userIds: [u.id] }));
        throw new Error('the command failed after notifying');
      }),
    ).rejects.toThrow('the command failed');
    expect(await inboxOf(u.id)).toEqual([]);
    expect(await mailsTo(u.id)).toEqual([]);
  });

  it('queues one inbox message and one pending Chinese mail per recipient, inside the transaction', async () => {
    const u = await t.user({ roles: ['unit_officer'], unitId, email: 'officer-a@example.edu.cn' });
    await t.db.transaction().execute((trx) => notify(trx, submitted({ userIds: [u.id] })));

    const [message] = await inboxOf(u.id);
    expect(message).toMatchObject({ title: '收到申报:2024-FZ-0007 “助学圆梦”成长计划', link: '/submissions/12', read_at: null });
    expect(message!.body).toContain('通知测试分院于 ');
    expect(message!.body).toContain('项目类别:发展型资助育人优秀案例');

    const [mail] = await mailsTo(u.id);
    expect(mail).toMatchObject({
      to_address: 'officer-a@example.edu.cn',
      subject: '【永助】收到申报:2024-FZ-0007 “助学圆梦”成长计划',
      status: 'pending',
      attempts: 0,
      template: 'submission.submitted',
    });
    // The mail links to the platform's public address and gives the time in Beijing time.
    expect(mail!.body_text).toContain(`查看详情:${PUBLIC_URL}/submissions/12`);
    expect(mail!.body_text).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\(北京时间\)提交了申报/);
    expect(mail!.body_text).toMatch(/^测试用户\d+,您好:/);
  });

  it('drops duplicate and disabled recipients; a user without e-mail gets the inbox message only', async () => {
    const a = await t.user({ roles: ['track_coordinator'], unitId });
    const off = await t.user({ roles: ['track_coordinator'], unitId });
    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', off.id).execute();
    const noMail = await t.user({ roles: ['mentor'], unitId });
    await t.db.updateTable('users').set({ email: null }).where('id', '=', noMail.id).execute();

    await notify(t.db, submitted({ userIds: [a.id, a.id, off.id, noMail.id] }));

    expect(await inboxOf(a.id)).toHaveLength(1);
    expect(await mailsTo(a.id)).toHaveLength(1);
    expect(await inboxOf(off.id)).toEqual([]);
    expect(await mailsTo(off.id)).toEqual([]);
    expect(await inboxOf(noMail.id)).toHaveLength(1);
    expect(await t.db.selectFrom('outbox_emails').select('id').where('to_user_id', '=', noMail.id).execute()).toEqual([]);
  });

  it('sends the same dedupe key once per recipient, also to a user without e-mail', async () => {
    const a = await t.user({ roles: ['unit_officer'], unitId });
    const noMail = await t.user({ roles: ['unit_officer'], unitId });
    await t.db.updateTable('users').set({ email: null }).where('id', '=', noMail.id).execute();
    const input = submitted({ userIds: [a.id, noMail.id], dedupeKey: 'test:once' });

    await notify(t.db, input);
    await notify(t.db, input);
    // A recipient added later still gets theirs.
    const late = await t.user({ roles: ['unit_officer'], unitId });
    await notify(t.db, { ...input, userIds: [a.id, late.id] });

    expect(await inboxOf(a.id)).toHaveLength(1);
    expect((await mailsTo(a.id)).map((m) => m.dedupe_key)).toEqual([`test:once:${a.id}`]);
    expect(await inboxOf(noMail.id)).toHaveLength(1);
    expect(await inboxOf(late.id)).toHaveLength(1);
    expect(await mailsTo(late.id)).toHaveLength(1);
  });

  it('words a return with the reasons and the revision deadline in Beijing time', async () => {
    const u = await t.user({ roles: ['unit_officer'], unitId });
    await notify(t.db, {
      template: 'submission.returned',
      userIds: [u.id],
      data: {
        receiptNo: '2024-SY-0003',
        title: '家访路上',
        unitName: '通知测试分院',
        trackName: '资助育人实践案例',
        reasons: '缺少可行性论证附件。',
        deadline: '2024-06-10T09:00:00.000Z',
      },
      link: '/submissions/3',
    });
    const [mail] = await mailsTo(u.id);
    expect(mail!.subject).toBe('【永助】申报被退回修改:2024-SY-0003 家访路上');
    expect(mail!.body_text).toContain('退回原因:\n缺少可行性论证附件。');
    expect(mail!.body_text).toContain('在 2024-06-10 17:00(北京时间)前重新提交');
  });
});

describe('the in-app inbox', () => {
  let owner: { id: number; username: string };
  let client: Client;
  let ids: number[];

  beforeAll(async () => {
    owner = await t.user({ roles: ['reviewer'] });
    client = await t.login(owner.username);
    for (const title of ['甲', '乙', '丙']) {
      await notify(t.db, submitted({ userIds: [owner.id], data: { receiptNo: null, title, unitName: '某分院', trackName: '某类别' } }));
    }
    ids = (await inboxOf(owner.id)).map((m) => m.id);
  });

  it('requires a session and a settled password', async () => {
    for (const url of ['/api/inbox', '/api/inbox/unread-count']) expectError(await t.anonymous().get(url), 401, 'unauthenticated');
    expectError(await t.anonymous().post('/api/inbox/read-all'), 401, 'unauthenticated');
    const pending = await t.login((await t.user({ roles: ['mentor'], unitId, mustChangePassword: true })).username);
    expectError(await pending.get('/api/inbox'), 403, 'password_change_required');
  });

  it('rejects bad query parameters, naming them', async () => {
    const res = await client.get('/api/inbox?pageSize=0&unread=maybe');
    expectError(res, 400, 'validation_failed');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['pageSize', 'unread']));
  });

  it('lists only my own messages, newest first, with an unread count', async () => {
    const page = (await client.get('/api/inbox')).json<Page<InboxMessageDto>>();
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(page.items.map((m) => m.title)).toEqual(['收到申报:丙', '收到申报:乙', '收到申报:甲']);
    expect(page.items[0]).toEqual({
      id: ids[2],
      title: '收到申报:丙',
      body: expect.stringContaining('某分院于'),
      link: '/submissions/12',
      createdAt: expect.any(String),
      readAt: null,
    });
    expect((await client.get('/api/inbox/unread-count')).json()).toEqual({ count: 3 });
    // Someone else sees none of them.
    const other = await t.login((await t.user({ roles: ['reviewer'] })).username);
    expect((await other.get('/api/inbox')).json()).toMatchObject({ total: 0, items: [] });
    expect((await other.get('/api/inbox/unread-count')).json()).toEqual({ count: 0 });
  });

  it("refuses to mark someone else's message, as if it did not exist", async () => {
    const other = await t.login((await t.user({ roles: ['institute_admin'] })).username);
    expectError(await other.post(`/api/inbox/${ids[0]}/read`), 404, 'not_found');
    expectError(await client.post('/api/inbox/999999/read'), 404, 'not_found');
    expectError(await client.post('/api/inbox/abc/read'), 400, 'validation_failed');
    expect((await client.get('/api/inbox/unread-count')).json()).toEqual({ count: 3 });
  });

  it('marks one message read, keeps the first reading time, and filters unread', async () => {
    const res = await client.post(`/api/inbox/${ids[0]}/read`);
    expect(res.statusCode).toBe(200);
    const readAt = res.json<InboxMessageDto>().readAt;
    expect(readAt).not.toBeNull();
    expect((await client.post(`/api/inbox/${ids[0]}/read`)).json().readAt).toBe(readAt);

    expect((await client.get('/api/inbox/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await client.get('/api/inbox?unread=true')).json<Page<InboxMessageDto>>();
    expect(unread.items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    expect(unread.total).toBe(2);
  });

  it('marks all read', async () => {
    expect((await client.post('/api/inbox/read-all')).json()).toEqual({ count: 2 });
    expect((await client.get('/api/inbox/unread-count')).json()).toEqual({ count: 0 });
    expect((await client.get('/api/inbox?unread=true')).json()).toMatchObject({ total: 0 });
    expect((await client.get('/api/inbox')).json()).toMatchObject({ total: 3 });
  });
});

describe('the mail log (GET /api/mails) in demo mode', () => {
  it('requires a session', async () => {
    expectError(await t.anonymous().get('/api/mails'), 401, 'unauthenticated');
  });

  it.each(roles.filter((r) => r !== 'institute_admin'))('is refused to %s', async (role: Role) => {
    const u = await t.user({ roles: [role], unitId });
    expectError(await (await t.login(u.username)).get('/api/mails'), 403, 'not_institute_admin');
  });

  it('rejects an unknown status', async () => {
    expectError(await admin.get('/api/mails?status=lost'), 400, 'validation_failed');
  });

  it('stores mails instead of sending them, and shows them with their Chinese text', async () => {
    const u = await t.user({ roles: ['unit_officer'], unitId, email: 'stored-mail@example.edu.cn' });
    await notify(t.db, submitted({ userIds: [u.id] }));
    const before = (await admin.get('/api/mails?to=stored-mail')).json<MailLogPage>();
    expect(before.items.map((m) => m.status)).toEqual(['pending']);

    const result = await drainOutbox(t.app);
    expect(result.sent).toBe(0);
    expect(result.stored).toBeGreaterThanOrEqual(1);

    const page = (await admin.get('/api/mails?to=stored-mail')).json<MailLogPage>();
    expect(page.mode).toBe('store');
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject<Partial<MailDto>>({
      to: 'stored-mail@example.edu.cn',
      subject: '【永助】收到申报:2024-FZ-0007 “助学圆梦”成长计划',
      status: 'stored',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    expect(page.items[0]!.body).toContain('项目名称:“助学圆梦”成长计划');
    // Filtering by status.
    expect((await admin.get('/api/mails?status=pending')).json<MailLogPage>().total).toBe(0);
    expect((await admin.get('/api/mails?status=stored&to=stored-mail')).json<MailLogPage>().total).toBe(1);
  });
});

describe('the background worker', () => {
  it('starts with the app, files due mails on its own, and stops with app.close()', async () => {
    const w = await createTestApp({ mail: { ...t.config.mail, pollMs: 30 } });
    try {
      const u = await w.user({ roles: ['reviewer'] });
      await notify(w.db, submitted({ userIds: [u.id] }));
      const status = async () =>
        (await w.db.selectFrom('outbox_emails').select('status').where('to_user_id', '=', u.id).executeTakeFirstOrThrow()).status;
      await expect.poll(status, { timeout: 5000, interval: 50 }).toBe('stored');
    } finally {
      await w.close();
    }
  });
});

// ---- real SMTP ---------------------------------------------------------------

describe('sending over real SMTP', () => {
  let s: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    s = await createTestApp({
      publicUrl: PUBLIC_URL,
      mail: {
        mode: 'smtp',
        smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`,
        from: '永助平台 <no-reply@example.edu.cn>',
        pollMs: 0,
        maxAttempts: 3,
      },
    });
  });
  afterAll(async () => {
    await s.close();
    await stopSmtp(smtp.server);
  });

  const outbox = (id: number) => s.db.selectFrom('outbox_emails').selectAll().where('to_user_id', '=', id).executeTakeFirstOrThrow();

  it('delivers a submission mail with its Chinese subject and body', async () => {
    const unit = await s.unit({ name: '徐州经贸分院', city: '徐州' });
    const coordinator = await s.user({ roles: ['track_coordinator'], unitId: unit, email: 'coordinator@example.edu.cn' });
    await s.db.transaction().execute((trx) => notify(trx, submitted({ userIds: [coordinator.id] })));
    expect(smtp.received).toHaveLength(0); // nothing leaves before the outbox is drained

    expect(await drainOutbox(s.app)).toEqual({ sent: 1, stored: 0, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.from).toBe('no-reply@example.edu.cn');
    expect(mail!.to).toEqual(['coordinator@example.edu.cn']);
    const { headers, text } = parseMessage(mail!.raw);
    expect(headers.subject).toBe('【永助】收到申报:2024-FZ-0007 “助学圆梦”成长计划');
    expect(headers.from).toBe('永助平台 <no-reply@example.edu.cn>');
    expect(headers.to).toBe('coordinator@example.edu.cn');
    expect(text).toMatch(/^测试用户\d+,您好:\n\n通知测试分院于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\(北京时间\)提交了申报。/);
    expect(text).toContain('申报编号:2024-FZ-0007\n项目名称:“助学圆梦”成长计划\n项目类别:发展型资助育人优秀案例');
    expect(text).toContain(`查看详情:${PUBLIC_URL}/submissions/12`);

    const row = await outbox(coordinator.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    // Sent once: draining again delivers nothing more.
    expect(await drainOutbox(s.app)).toEqual({ sent: 0, stored: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries with growing delays while the server is down, then gives up as failed', async () => {
    // A port nothing listens on: the mail server is down.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
    const down = { db: s.db, config: { mail: { ...s.config.mail, smtpUrl: `smtp://127.0.0.1:${closed}` } } };
    const u = await s.user({ roles: ['unit_officer'], email: 'unlucky@example.edu.cn' });
    await notify(s.db, submitted({ userIds: [u.id] }));
    const makeDue = () =>
      s.db
        .updateTable('outbox_emails')
        .set({ next_attempt_at: sql<Date>`now()` })
        .where('to_user_id', '=', u.id)
        .execute();
    const dbNow = async () => (await sql<{ now: Date }>`select now() as now`.execute(s.db)).rows[0]!.now.getTime();

    expect(await drainOutbox(down)).toEqual({ sent: 0, stored: 0, retried: 1, failed: 0 });
    let row = await outbox(u.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    const firstDelay = row.next_attempt_at.getTime() - (await dbNow());
    expect(firstDelay).toBeGreaterThan(50_000);
    expect(firstDelay).toBeLessThanOrEqual(60_000);
    // Not due yet: a second drain leaves it alone.
    expect(await drainOutbox(down)).toEqual({ sent: 0, stored: 0, retried: 0, failed: 0 });

    await makeDue();
    expect(await drainOutbox(down)).toMatchObject({ retried: 1 });
    row = await outbox(u.id);
    expect(row.attempts).toBe(2);
    const secondDelay = row.next_attempt_at.getTime() - (await dbNow());
    expect(secondDelay).toBeGreaterThan(4 * 60_000);
    expect(secondDelay).toBeLessThanOrEqual(5 * 60_000);

    await makeDue();
    expect(await drainOutbox(down)).toMatchObject({ failed: 1 });
    row = await outbox(u.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED/);

    // A failed mail is not retried any more, and shows in the admin's log as failed.
    await makeDue();
    expect(await drainOutbox(down)).toEqual({ sent: 0, stored: 0, retried: 0, failed: 0 });
    const admin2 = await s.login((await s.user({ roles: ['institute_admin'] })).username);
    const log = (await admin2.get('/api/mails?status=failed')).json<MailLogPage>();
    expect(log.mode).toBe('smtp');
    expect(log.items).toEqual([
      expect.objectContaining({
        to: 'unlucky@example.edu.cn',
        status: 'failed',
        attempts: 3,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      }),
    ]);
  });

  it('delivers a mail that failed once when the server is back', async () => {
    const u = await s.user({ roles: ['unit_officer'], email: 'patient@example.edu.cn' });
    await notify(s.db, submitted({ userIds: [u.id], data: { title: '回来了', unitName: '某分院', trackName: '某类别', receiptNo: null } }));
    await stopSmtp(smtp.server);
    expect(await drainOutbox(s.app)).toMatchObject({ retried: 1 });

    smtp = await startSmtp(smtp.port);
    await s.db
      .updateTable('outbox_emails')
      .set({ next_attempt_at: sql<Date>`now()` })
      .where('to_user_id', '=', u.id)
      .execute();
    expect(await drainOutbox(s.app)).toMatchObject({ sent: 1 });
    expect(parseMessage(smtp.received[0]!.raw).headers.subject).toBe('【永助】收到申报:回来了');
    expect(await outbox(u.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });
});

// ---- deadline reminders ----------------------------------------------------------

describe('deadline reminders', () => {
  const DAY = 24 * 3600_000;
  const now = new Date();
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  let units: Record<'free' | 'full' | 'fullWithDraft' | 'zeroQuota' | 'withdrawn', number>;
  let officers: Record<string, number>;
  let weekTrack: number;
  let dayTrack: number;

  async function track(campaignId: number, code: string, closesInDays: number, defaultQuota = 2) {
    const row = await t.db
      .insertInto('tracks')
      .values({
        campaign_id: campaignId,
        code,
        name: `${code} 类别`,
        kind: 'case',
        opens_at: at(-30),
        submission_closes_at: at(closesInDays),
        default_quota: defaultQuota,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function submission(trackId: number, unit: number, state: 'draft' | 'submitted' | 'withdrawn' | 'deleted') {
    const campaign = await t.db.selectFrom('tracks').select('campaign_id').where('id', '=', trackId).executeTakeFirstOrThrow();
    const creator = officers[`u${unit}`]!;
    await t.db
      .insertInto('submissions')
      .values({
        campaign_id: campaign.campaign_id,
        track_id: trackId,
        unit_id: unit,
        created_by: creator,
        title: `${state} 案例`,
        submitted_at: state === 'submitted' || state === 'withdrawn' ? at(-1) : null,
        withdrawn_at: state === 'withdrawn' ? at(-0.5) : null,
        deleted_at: state === 'deleted' ? at(-0.5) : null,
      })
      .execute();
  }

  /** Reminders to the fixture's units (other tests of this file leave officers of other units behind). */
  const reminders = () =>
    t.db
      .selectFrom('inbox_messages as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'm.title', 'm.body', 'u.unit_id'])
      .where('m.template', '=', 'deadline.reminder')
      .where('u.unit_id', 'in', Object.values(units))
      .orderBy('m.id')
      .execute();
  const reminderMails = () =>
    t.db
      .selectFrom('outbox_emails as o')
      .innerJoin('users as u', 'u.id', 'o.to_user_id')
      .select(['o.subject', 'o.dedupe_key'])
      .where('o.template', '=', 'deadline.reminder')
      .where('u.unit_id', 'in', Object.values(units))
      .execute();

  beforeAll(async () => {
    const names = ['free', 'full', 'fullWithDraft', 'zeroQuota', 'withdrawn'] as const;
    units = {} as typeof units;
    officers = {};
    for (const name of names) {
      units[name] = await t.unit({ name: `提醒-${name}` });
      officers[`u${units[name]}`] = (await t.user({ roles: ['unit_officer'], unitId: units[name] })).id;
    }
    // A second officer, a disabled officer and a mentor of the free unit.
    officers.second = (await t.user({ roles: ['unit_officer'], unitId: units.free })).id;
    officers.disabled = (await t.user({ roles: ['unit_officer'], unitId: units.free })).id;
    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', officers.disabled).execute();
    officers.mentor = (await t.user({ roles: ['mentor'], unitId: units.free })).id;

    const open = await t.db
      .insertInto('campaigns')
      .values({ year: 2094, title: '2094 年“苏乡永助”主题活动', status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draft = await t.db
      .insertInto('campaigns')
      .values({ year: 2095, title: '未开放的活动', status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    weekTrack = await track(open.id, 'WK', 6.5);
    dayTrack = await track(open.id, 'DY', 0.5);
    await track(open.id, 'LATE', 10); // more than a week ahead: no reminder yet
    await track(open.id, 'PAST', -0.5); // already closed
    await track(draft.id, 'DR', 3); // campaign not open

    for (const trackId of [weekTrack, dayTrack]) {
      await submission(trackId, units.full, 'submitted');
      await submission(trackId, units.full, 'submitted');
      await t.db.insertInto('track_quota_overrides').values({ track_id: trackId, unit_id: units.fullWithDraft, quota: 1 }).execute();
      await submission(trackId, units.fullWithDraft, 'submitted');
      await submission(trackId, units.fullWithDraft, 'draft');
      await t.db.insertInto('track_quota_overrides').values({ track_id: trackId, unit_id: units.zeroQuota, quota: 0 }).execute();
      await submission(trackId, units.zeroQuota, 'deleted'); // a deleted draft is no draft
      await submission(trackId, units.withdrawn, 'submitted');
      await submission(trackId, units.withdrawn, 'withdrawn'); // a withdrawn case frees its place
      await submission(trackId, units.free, 'deleted');
    }
  });

  it('reminds the officers of units with free places or drafts, once per unit and deadline', async () => {
    await runReminders(t.db, now);

    const got = await reminders();
    const recipients = got.map((r) => r.user_id).sort((a, b) => a - b);
    const expected = [units.free, units.fullWithDraft, units.withdrawn].map((u) => officers[`u${u}`]!).concat(officers.second!);
    expect(recipients).toEqual(expected.flatMap((id) => [id, id]).sort((a, b) => a - b));
    // Nobody from the full unit, the zero-quota unit, the disabled officer or the mentor.
    for (const id of [officers[`u${units.full}`], officers[`u${units.zeroQuota}`], officers.disabled, officers.mentor]) {
      expect(recipients).not.toContain(id);
    }

    const mine = got.filter((r) => r.user_id === officers[`u${units.free}`]);
    expect(mine.map((r) => r.title)).toEqual([
      expect.stringMatching(/^申报截止提醒:WK 类别 将于 /),
      expect.stringMatching(/^申报截止提醒:DY 类别 将于 /),
    ]);
    expect(mine[0]!.body).toContain('提醒-free在该类别的推荐名额为 2 项,已提交 0 项,还可推荐 2 项。');
    const withDraft = got.find((r) => r.user_id === officers[`u${units.fullWithDraft}`])!;
    expect(withDraft.body).toContain('推荐名额为 1 项,已提交 1 项,还可推荐 0 项。');
    expect(withDraft.body).toContain('尚有 1 份草稿未提交');
    expect(got.find((r) => r.user_id === officers[`u${units.withdrawn}`])!.body).toContain('已提交 1 项,还可推荐 1 项');

    // Mails too, one per officer and reminder.
    const mails = await reminderMails();
    expect(mails).toHaveLength(8);
    expect(mails.map((m) => m.dedupe_key)).toContain(`reminder:${weekTrack}:7d:${units.free}:${officers.second}`);
    expect(mails.map((m) => m.dedupe_key)).toContain(`reminder:${dayTrack}:1d:${units.free}:${officers.second}`);

    // The next hourly run sends nothing new.
    await runReminders(t.db, new Date(now.getTime() + 3600_000));
    expect(await reminders()).toHaveLength(got.length);
    expect(await reminderMails()).toHaveLength(8);
  });

  it('sends the one-day reminder when the last day begins, even if runs were missed', async () => {
    const before = (await reminders()).length;
    // Six days later (no run in between): the week track closes within a day, and the
    // track closing on day 10 enters its last week — where every unit still has all its places.
    await runReminders(t.db, at(6));
    const added = (await reminders()).slice(before);
    const week = added.filter((r) => r.title.startsWith('申报截止提醒:WK 类别'));
    const late = added.filter((r) => r.title.startsWith('申报截止提醒:LATE 类别'));
    expect(week.map((r) => r.unit_id).sort()).toEqual([units.free, units.free, units.fullWithDraft, units.withdrawn].sort());
    expect(late).toHaveLength(6);
    expect(added).toHaveLength(week.length + late.length);
    const mails = (await reminderMails()).map((m) => m.dedupe_key);
    expect(mails.filter((k) => k!.startsWith(`reminder:${weekTrack}:1d:`))).toHaveLength(4);
    await runReminders(t.db, at(6.1));
    expect(await reminders()).toHaveLength(before + added.length);
  });
});
