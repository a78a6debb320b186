import { expect, test } from '@playwright/test';
import { menuItems, signIn } from './support/session.ts';

test('an expired session returns to login, then back to the page the user was on', async ({ page, context }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/units');
  await expect(page.getByText('宿迁经贸分院').first()).toBeVisible();
  await context.clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=/);
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/admin\/units$/);
});

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('a teacher logs in, opens the menu and reaches every page without sideways scrolling', async ({ page }) => {
    await signIn(page, 'mentor');
    await page.getByRole('button', { name: '打开菜单' }).click();
    expect((await menuItems(page)).sort()).toEqual(
      [
        '工作台',
        '活动概览',
        '本单位申报',
        '我的消息',
        '账号安全',
        '家访记录',
        '困难认定',
        '认定公示',
        '单位工作台账',
        '学生名册',
        '重点帮扶',
        '评审结果',
      ].sort(),
    );
    await page.getByRole('menu', { name: '主菜单' }).getByText('活动概览').click();
    await expect(page.getByText('2024年“苏乡永助”资助育人主题活动', { exact: true })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('an admin manages users on the phone', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    await expect(page.getByRole('button', { name: '新建用户' })).toBeVisible();
    await expect(page.getByText('officer', { exact: true })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
