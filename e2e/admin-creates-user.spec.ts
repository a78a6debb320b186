import { expect, test } from '@playwright/test';
import { selectOption, signIn, signOut } from './support/session.ts';

test('an admin creates a user, who logs in with the one-time password and must change it first', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: '新建用户' }).click();

  const drawer = page.getByRole('dialog', { name: '新建用户' });
  await drawer.getByLabel('用户名').fill('wu.laoshi');
  await drawer.getByLabel('姓名').fill('吴老师');
  await drawer.getByLabel('角色').click();
  await selectOption(page, '育人导师/班主任');
  await page.keyboard.press('Escape');
  await drawer.getByLabel('邮箱').fill('wu.laoshi@example.edu.cn');
  // A mentor must belong to a unit: the server says so, and the form shows it.
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(/必须指定所属单位|请选择所属单位/).first()).toBeVisible();
  await drawer.getByLabel('所属单位').click();
  await drawer.getByLabel('所属单位').fill('南京工程');
  // The unit list is searched on the server: wait for the answer before choosing.
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(1);
  await selectOption(page, '南京工程分院');
  await drawer.getByRole('button', { name: '保存' }).click();

  const password = (await page.getByTestId('temporary-password').innerText()).trim();
  expect(password).toMatch(/^[A-Za-z0-9]{10,}$/);
  await page.getByRole('button', { name: '我已记下' }).click();
  await page.getByLabel('搜索用户').fill('吴老师');
  await page.getByLabel('搜索用户').press('Enter');
  await expect(page.getByText('wu.laoshi', { exact: true })).toBeVisible();
  await signOut(page);

  await signIn(page, 'wu.laoshi', password);
  await expect(page).toHaveURL(/\/account\/password/);
  // Nothing else is reachable until the password is changed.
  await page.goto('/campaigns');
  await expect(page).toHaveURL(/\/account\/password/);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Wu-laoshi-2024');
  await page.getByLabel('确认新密码').fill('Wu-laoshi-2024');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).not.toHaveURL(/\/account\/password/);
  await expect(page.getByTestId('user-menu')).toContainText('吴老师');
  await signOut(page);

  // The new password works; the one-time password no longer does.
  await signIn(page, 'wu.laoshi', 'Wu-laoshi-2024');
  await signOut(page);

  // The admin sees the whole story in the audit log.
  await signIn(page, 'admin');
  await page.goto('/admin/audit');
  await expect(page.getByText('创建用户').first()).toBeVisible();
  await expect(page.getByText('修改密码').first()).toBeVisible();
});
