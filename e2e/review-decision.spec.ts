import JSZip from 'jszip';
import { expect, request, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, selectOption, signIn, signOut } from './support/session.ts';
import { tinyPdf } from './support/files.ts';

const TITLE = '“梦想启航”生涯规划导师帮扶';
const STUDENT = { name: '赵同学', studentNo: '20210777', className: '机电2102' };
const CONTACT_PHONE = '13800000777';

/** Chinese text of exactly n words as the forms count them. */
const words = (n: number) => '资助育人'.repeat(Math.ceil(n / 4)).slice(0, n);

/** A signed-in API client for one demo account (cookie kept by the context, CSRF token sent on writes). */
async function apiAs(baseURL: string, login: string) {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/login', { data: { login, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  return {
    ctx,
    get: (url: string) => ctx.get(url),
    send: async (method: 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown) => {
      const r = await ctx.fetch(url, { method, data: data ?? {}, headers });
      expect(r.ok(), `${method} ${url}: ${await r.text()}`).toBe(true);
      return r.json() as Promise<Record<string, unknown>>;
    },
    upload: (url: string) =>
      ctx.post(url, { headers, multipart: { file: { name: '案例全文.pdf', mimeType: 'application/pdf', buffer: tinyPdf() } } }),
  };
}

/**
 * An accepted case of 南京工程分院 in 生涯规划指导 (the demo's accepted cases are
 * of other units): written, selected, signed off and submitted by the unit, accepted by the coordinator.
 */
async function seedAcceptedCase(baseURL: string): Promise<number> {
  const mentor = await apiAs(baseURL, 'mentor');
  const campaigns = (await (await mentor.get('/api/campaigns')).json()) as { status: string; tracks: { id: number; code: string }[] }[];
  const track = campaigns.find((c) => c.status === 'open')!.tracks.find((t) => t.code === 'SY')!;
  const created = await mentor.send('POST', '/api/submissions', { trackId: track.id });
  const id = created.id as number;
  const detail = async () => (await (await mentor.get(`/api/submissions/${id}`)).json()) as { revision: number };
  await mentor.send('PATCH', `/api/submissions/${id}`, {
    revision: (await detail()).revision,
    title: TITLE,
    summary: '为困难学生配备生涯导师,一生一策。',
    sections: { background: words(300), practice: words(800), outcomes: words(300), lessons: words(200) },
    implementation: 'implemented',
    isCollective: false,
    priorityTags: [{ tag: 'real_hardship', justification: '帮助学生解决实际困难' }],
    contact: { name: '孙导师', phone: CONTACT_PHONE },
  });
  await mentor.send('PUT', `/api/submissions/${id}/students`, {
    revision: (await detail()).revision,
    students: [{ ...STUDENT, programme: '五年制高职', grade: 4, major: '机电一体化', consentAt: '2024-05-06' }],
  });
  expect((await mentor.upload(`/api/submissions/${id}/attachments?slot=case_document`)).ok()).toBe(true);
  const officer = await apiAs(baseURL, 'officer');
  await officer.send('POST', `/api/submissions/${id}/select`);
  const leader = await apiAs(baseURL, 'leader');
  await leader.send('POST', `/api/submissions/${id}/approve`);
  await officer.send('POST', `/api/submissions/${id}/submit`);
  const coordinator = await apiAs(baseURL, 'coord-sy');
  await coordinator.send('POST', `/api/form-check/submissions/${id}/accept`);
  for (const c of [mentor, officer, leader, coordinator]) await c.ctx.dispose();
  return id;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the admin decides and releases; the unit sees its result; the public notice shows nothing private; the package downloads', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const caseId = await seedAcceptedCase(baseURL!);

  // Before release the unit sees nothing.
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('评审结果', { exact: true }).click();
  await expect(page.getByText('学院尚未发布本单位案例的评审结果')).toBeVisible();
  await signOut(page);

  // The admin picks the track, recommends the case to the province and releases.
  await signIn(page, 'admin');
  await page.getByRole('menu', { name: '主菜单' }).getByText('评审结果与推荐').click();
  await page.getByLabel('类别').click();
  await selectOption(page, '生涯规划指导优秀案例');
  await expect(page.getByText(TITLE)).toBeVisible();
  await expect(page.getByTestId('quota')).toHaveText('推荐省级 0/3');
  await page.getByLabel(`评审结果:${TITLE}`).click();
  await selectOption(page, '推荐省级');
  await expect(page.getByTestId('quota')).toHaveText('推荐省级 1/3');
  await page.getByRole('button', { name: '发布结果' }).click();
  await page.getByRole('button', { name: '确认发布' }).click();
  await expect(page.getByText('已发布 1 项结果,已通知 1 个单位')).toBeVisible();
  await expect(page.getByText('推荐省级 · 已发布')).toBeVisible();
  // The same page on a phone: one column per case, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.getByText('推荐省级 · 已发布')).toBeVisible();
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // 公示: published from the released decisions.
  await page.getByRole('tab', { name: '公示' }).click();
  await page.getByRole('button', { name: '发布公示' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '发布' }).click();
  await expect(page.getByText('公示已发布')).toBeVisible();
  const publicLink = page.getByRole('link', { name: '公开页面' });
  const publicPath = await publicLink.getAttribute('href');
  expect(publicPath).toMatch(/^\/gongshi\/\d+$/);

  // 上报材料: the zip arrives through the progress bar and opens with its Chinese names.
  await page.getByRole('tab', { name: '上报材料' }).click();
  await expect(page.getByText('文件数')).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载上报材料' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('2024年生涯规划指导优秀案例省级推荐上报材料.zip');
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const zip = await JSZip.loadAsync(await readFile(path));
  const names = Object.keys(zip.files);
  expect(names).toEqual(expect.arrayContaining(['推荐名单.xlsx', '封面.docx']));
  const folder = names.find((n) => n.endsWith(`-${TITLE}/案例全文.pdf`));
  expect(folder).toBeTruthy();
  await signOut(page);

  // The unit officer sees the outcome on the results page and on the case itself.
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('评审结果', { exact: true }).click();
  await expect(page.getByTestId(`result-${caseId}`)).toHaveText('推荐省级');
  await page.goto(`/submissions/${caseId}`);
  await expect(page.getByTestId('review-result')).toContainText('评审结果:推荐省级');
  await signOut(page);

  // The public page, without login, on a phone: the case and the student's allowed facts, nothing private.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const anon = await phone.newPage();
  await anon.goto(publicPath!);
  await expect(anon.getByText(TITLE)).toBeVisible();
  await expect(anon.getByText(`${STUDENT.name},南京工程分院`)).toBeVisible();
  await noSidewaysScroll(anon);
  const text = await anon.locator('body').innerText();
  expect(text).toContain(STUDENT.className);
  expect(text).not.toContain(STUDENT.studentNo);
  expect(text).not.toContain(CONTACT_PHONE);
  expect(text).not.toContain(words(12));
  // An objection from the public reaches the institute.
  await anon.getByLabel('异议内容').fill('该案例的帮扶人数与实际不符,请核查。');
  await anon.getByLabel('联系方式').fill('13900000001');
  await anon.getByRole('button', { name: '提交异议' }).click();
  await expect(anon.getByText('异议已提交')).toBeVisible();
  await phone.close();
});
