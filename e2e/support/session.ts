import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Yongzhu2024';

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The names in the main menu (the sider on desktop, the drawer on a phone). */
export async function menuItems(page: Page): Promise<string[]> {
  const menu = page.getByRole('menu', { name: '主菜单' }).first();
  await expect(menu).toBeVisible();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
}

/** Picks the option whose label starts with `label` in the open antd Select dropdown. */
export async function selectOption(page: Page, label: string): Promise<void> {
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${label}"]`).click();
}
