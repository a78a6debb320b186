import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, test, type Page } from '@playwright/test';
import { idNumberCheckChar } from '../contracts/id-number.ts';
import { selectOption, signIn, signOut } from './support/session.ts';

/** 王浩然, a demo student of 机电2021级1班 (the demo mentor is its 班主任): see server/src/demo/demo-students.ts. */
const STUDENT_NO = 'NJGC2021003';
const FULL_ID = `32130220051109315${idNumberCheckChar('32130220051109315')}`;
const MASKED_ID = `${FULL_ID.slice(0, 4)}${'*'.repeat(10)}${FULL_ID.slice(-4)}`;

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The student's id, looked up as the signed-in user through the roster search. */
async function studentId(page: Page): Promise<number> {
  const res = await page.request.get(`/api/students?q=${STUDENT_NO}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { items: { id: number; studentNo: string; masked: { idNumber: string | null } }[] };
  const student = body.items.find((s) => s.studentNo === STUDENT_NO)!;
  // The demo data still holds the ID number this spec checks the document against.
  expect(student.masked.idNumber).toBe(MASKED_ID);
  return student.id;
}

/** Types a date into an antd DatePicker found by its label. */
async function pickDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('the officer records the support centre and a seminar and an aid entry; a teacher on a phone adds a goal and downloads the masked archive', async ({
  page,
}) => {
  test.setTimeout(180_000);

  // ---- the aid officer keeps the unit's registries ----
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('单位工作台账').click();
  // The journeys share one server: another may have registered the centre already; then it is changed.
  const register = page.getByRole('button', { name: '登记支持中心' });
  const change = page.getByRole('button', { name: /修\s*改/ });
  await expect(register.or(change)).toBeVisible();
  await ((await register.isVisible()) ? register : change).click();
  await pickDate(page, '成立日期', '2023-03-01');
  await page.getByLabel('地点').fill('实训楼一楼学生发展支持中心');
  await page.getByLabel('第 1 名工作人员姓名').fill('李资助');
  await page.getByLabel('第 1 名工作人员职责').fill('中心主任');
  if (!(await page.getByLabel('第 2 名工作人员姓名').isVisible())) await page.getByRole('button', { name: '添加工作人员' }).click();
  await page.getByLabel('第 2 名工作人员姓名').fill('钱老师');
  await page.getByLabel('第 2 名工作人员职责').fill('心理咨询师');
  const services = page.getByLabel('服务项目');
  await services.fill('心理辅导');
  await services.press('Enter');
  await services.fill('生涯咨询');
  await services.press('Enter');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('支持中心信息已保存')).toBeVisible();
  await expect(page.getByText('实训楼一楼学生发展支持中心')).toBeVisible();
  await expect(page.getByText(/^李资助\(中心主任\)、钱老师\(心理咨询师\)/)).toBeVisible();

  await page.getByRole('tab', { name: '常态化研讨' }).click();
  await page.getByRole('button', { name: '登记研讨' }).click();
  const dialog = page.getByRole('dialog', { name: '登记研讨' });
  await pickDate(page, '研讨日期', today());
  await dialog.getByLabel('研讨主题').fill('成长档案专题研讨');
  await dialog.getByLabel('参加人数').fill('5');
  const names = dialog.getByLabel('参加人员');
  for (const name of ['李资助', '孙导师']) {
    await names.fill(name);
    await names.press('Enter');
  }
  await dialog.getByLabel('研讨纪要').fill('逐一讨论三名学生的帮扶进展,明确下阶段导师分工。');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('研讨已登记')).toBeVisible();
  const card = page.getByTestId('seminar-card').filter({ hasText: '成长档案专题研讨' });
  await expect(card).toContainText('5 人参加');
  await expect(card).toContainText('参加人员:李资助、孙导师');

  // Aid received is the officer's to record.
  const id = await studentId(page);
  await page.goto(`/students/${id}/archive`);
  await expect(page.getByText(MASKED_ID)).toBeVisible();
  await page.getByRole('button', { name: '受助记录' }).click();
  const aid = page.getByRole('dialog', { name: '添加受助记录' });
  await aid.getByLabel('资助类型').click();
  await selectOption(page, '国家助学金');
  await aid.getByLabel('金额(元)').fill('1650.5');
  await aid.getByLabel('资助方/来源').fill('国家');
  await aid.getByRole('button', { name: /保\s*存/ }).click();
  const aidEntry = page.getByTestId('archive-entry-aid').filter({ hasText: '国家助学金 1,650.50 元' });
  await expect(aidEntry).toHaveCount(1);
  await signOut(page);

  // ---- the class teacher, on a phone ----
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'mentor');
  await page.goto(`/students/${id}/archive`);
  await expect(page.getByTestId('archive-entry-aid').filter({ hasText: '国家助学金 1,650.50 元' })).toHaveCount(1);
  // Aid is not the teacher's to record, and the button says why.
  await expect(page.getByRole('button', { name: '受助记录' })).toBeDisabled();
  await expect(page.locator('[data-whynot="archive_kind_officer_only"]').first()).toBeVisible();

  await page.getByRole('button', { name: '成长目标' }).click();
  const goal = page.getByRole('dialog', { name: '添加成长目标' });
  await goal.getByLabel('目标内容').fill('本学年考取电工中级证书');
  // On a phone the date is picked from the calendar (no keyboard): the last day shown of this month.
  await goal.getByLabel('目标日期').click();
  await page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view').last().click();
  await goal.getByRole('button', { name: /保\s*存/ }).click();
  const goalEntry = page.getByTestId('archive-entry-goal').filter({ hasText: '本学年考取电工中级证书' });
  await expect(goalEntry).toContainText('进行中');
  await noSidewaysScroll(page);

  // The printable archive: the ID number masked, never in full.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${STUDENT_NO}-王浩然-资助成长档案.docx`);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain(MASKED_ID);
  expect(xml).not.toContain(FULL_ID);
  expect(xml).toContain('1650.50');
  expect(xml).toContain('本学年考取电工中级证书');

  // The teacher reads the unit's registries, and may not change them.
  await page.goto('/registries?tab=seminars');
  await expect(page.getByTestId('seminar-card').filter({ hasText: '成长档案专题研讨' })).toBeVisible();
  await expect(page.getByRole('button', { name: '登记研讨' })).toBeDisabled();
  await noSidewaysScroll(page);
});
