import { expect, test, type Page } from '@playwright/test';
import { expectSaved, tinyPng } from './support/files.ts';
import { selectOption, signIn, signOut } from './support/session.ts';

// 先家访后认定 end to end: a class teacher records a home visit on a phone, the
// unit reviews the identification, the institute re-checks it, and the 公示
// shows the student with the allowed fields only.

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The row (or phone card) of a student in the identification pipeline. */
const rowOf = (page: Page, name: string) => page.locator('tr', { has: page.getByRole('button', { name, exact: true }) });

test.describe.configure({ mode: 'serial' });

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the class teacher records a home visit: a draft that survives a reload, with a photo, then completed', async ({ page }) => {
    await signIn(page, 'mentor');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('家访记录').click();
    await page.getByRole('button', { name: '新建家访' }).click();
    const dialog = page.getByRole('dialog', { name: '新建家访记录' });
    await dialog.getByLabel('学生').click();
    await dialog.getByLabel('学生').fill('陈思远');
    await selectOption(page, '陈思远');
    await dialog.getByRole('button', { name: '开始填写' }).click();
    await expect(page).toHaveURL(/\/home-visits\/\d+$/);
    await expect(page.getByRole('heading', { name: '陈思远 的家访' })).toBeVisible();

    // The teacher is already the first visitor.
    await expect(page.locator('.ant-select-selection-item', { hasText: '孙导师' })).toBeVisible();
    await page.getByLabel('家访日期').click();
    await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    await page.locator('label', { hasText: '实地家访' }).click();
    await expect(page.getByRole('radio', { name: '实地家访' })).toBeChecked();
    await page.getByLabel('家庭人口').fill('4');
    await page.getByRole('checkbox', { name: '务农收入' }).check();
    await page.getByRole('checkbox', { name: '家庭成员患重大疾病' }).check();
    await expectSaved(page);

    // The tab is closed and opened again: nothing is lost.
    await page.reload();
    await expect(page.getByLabel('家庭人口')).toHaveValue('4');
    await expect(page.getByRole('checkbox', { name: '务农收入' })).toBeChecked();

    await page
      .getByLabel('家访发现与结论')
      .fill('住房为自建平房,母亲常年患病需服药,父亲务农收入不稳定;学生在家懂事,主动分担家务。建议认定并安排勤工助学岗位。');
    await page.getByTestId('photo-input').setInputFiles({ name: '家访照片.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect(page.getByRole('img', { name: '家访照片.png' })).toBeVisible();
    await expectSaved(page);
    await noSidewaysScroll(page);

    await page.getByTestId('complete-visit').click();
    await expect(page.getByText('已完成', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('务农收入', { exact: true })).toBeVisible();
    await noSidewaysScroll(page);
  });
});

test('the unit approves after the visit; without one the approval says to record the visit first', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('困难认定').click();
  await expect(page.getByRole('heading', { name: '家庭经济困难认定' })).toBeVisible();

  // 刘雨桐 has no home visit: the approval button is there, disabled, with the reason.
  const other = rowOf(page, '刘雨桐');
  await expect(other.getByTestId('visit-missing')).toBeVisible();
  await expect(other.locator('[data-whynot="home_visit_required"]')).toBeVisible();

  const row = rowOf(page, '陈思远');
  await expect(row.getByTestId('visit-done')).toBeVisible();
  await row.getByRole('button', { name: '民主评议' }).click();
  const appraisal = page.getByRole('dialog');
  await appraisal.getByRole('radio', { name: '同意认定', exact: true }).check();
  await appraisal.getByRole('button', { name: '确定' }).click();
  await expect(row.locator('[data-status="appraised"]')).toBeVisible();

  await row.getByRole('button', { name: '拟定等级' }).click();
  const review = page.getByRole('dialog');
  await review.getByLabel('拟定等级').click();
  await selectOption(page, '比较困难');
  await review.getByRole('button', { name: '确定' }).click();
  await expect(row.locator('[data-status="proposed"]')).toBeVisible();
  await expect(row).toContainText('拟:比较困难');
  await signOut(page);
});

test('the institute re-checks, the unit publishes the 公示, and it lists only the allowed fields', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/identifications');
  const row = rowOf(page, '陈思远');
  await row.getByRole('button', { name: '复核确认' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(row.locator('[data-status="confirmed"]')).toBeVisible();
  await signOut(page);

  await signIn(page, 'officer');
  await page.goto('/identifications');
  await page.getByRole('button', { name: '发布公示' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('公示期含 5 个工作日');
  await dialog.getByRole('button', { name: '发布' }).click();
  await expect(page).toHaveURL(/\/notices\/\d+$/);
  const noticeId = page.url().split('/').pop();

  const table = page.getByTestId('notice-entries');
  await expect(table.getByRole('columnheader')).toHaveText(['序号', '姓名', '单位', '院系', '专业', '年级', '班级']);
  await expect(table.getByRole('row', { name: /陈思远/ })).toContainText('南京工程分院');
  await expect(table).toContainText('机电2021级1班');
  await expect(page.locator('main, .ant-layout-content').first()).not.toContainText('比较困难');
  await expect(page.locator('.ant-layout-content')).not.toContainText('NJGC2021001');

  const res = await page.request.get(`/api/notices/${noticeId}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  // Every confirmed student of the unit is listed (the demo's 吴佳怡 too), each with the allowed fields only.
  expect(body.entries.map((e: { name: string }) => e.name)).toContain('陈思远');
  for (const entry of body.entries) {
    expect(Object.keys(entry).sort()).toEqual(['className', 'department', 'grade', 'name', 'programme', 'unitName']);
  }
  await signOut(page);
});

test.describe('back on the phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the teacher finds the 公示 and may lodge an objection', async ({ page }) => {
    await signIn(page, 'mentor');
    await page.goto('/notices');
    await page.getByRole('link', { name: /家庭经济困难学生认定结果公示/ }).click();
    await expect(page.getByTestId('notice-entries')).toContainText('陈思远');
    await expect(page.getByRole('button', { name: '提交异议' })).toBeVisible();
    await noSidewaysScroll(page);
  });
});
