import { expect, test } from '@playwright/test';
import { signIn } from './support/session.ts';

test('the admin copies 2024 to 2025, sets a deadline, a quota and a word limit, and the overview shows them', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/campaigns');
  const row2024 = page.getByRole('row', { name: /2024年“苏乡永助”/ });
  await row2024.getByRole('button', { name: '复制到新一年' }).click();

  const dialog = page.getByRole('dialog', { name: /复制/ });
  await expect(dialog.getByLabel('年份')).toHaveValue('2025');
  await expect(dialog.getByLabel('活动名称')).toHaveValue('2025年“苏乡永助”资助育人主题活动');
  await dialog.getByRole('button', { name: '复制' }).click();

  // The copy opens on its settings page, as a draft.
  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+/);
  await expect(page.getByRole('heading', { name: '2025年“苏乡永助”资助育人主题活动' })).toBeVisible();
  await expect(page.getByText('筹备中').first()).toBeVisible();

  // 类别设置: the FZ track's submission deadline and quota.
  await page.getByRole('tab', { name: '类别设置' }).click();
  await page
    .getByRole('button', { name: /发展型资助育人优秀案例/ })
    .first()
    .click();
  const fz = page.getByTestId('track-form-FZ');
  await expect(fz.getByLabel('类别名称')).toHaveValue('发展型资助育人优秀案例');
  // The copied deadlines are last year's plus one: set all three for 2025 (typed in Beijing time).
  for (const [label, value] of [
    ['开放申报', '2025-05-06 09:00'],
    ['提交截止', '2025-09-15 17:30'],
    ['修改截止(退回后)', '2025-09-30 17:30'],
  ] as const) {
    const picker = fz.getByLabel(`发展型资助育人优秀案例 ${label}`);
    await picker.click();
    await picker.fill(value);
    await picker.press('Enter');
    await expect(picker).toHaveValue(value);
  }
  await fz.getByLabel('发展型资助育人优秀案例 每单位推荐名额').fill('4');
  await fz.getByRole('button', { name: '保存类别设置' }).click();
  await expect(page.getByText('发展型资助育人优秀案例:已保存').first()).toBeVisible();

  // 表单模板: the first section's maximum word count.
  await page.getByRole('tab', { name: '表单模板' }).click();
  const template = page.getByTestId('template-form');
  await expect(template.getByTestId('section-0')).toContainText('案例背景');
  const maxWords = template.getByLabel('栏目 1 最多字数');
  await maxWords.fill('1200');
  await template.getByRole('button', { name: '保存表单模板' }).click();
  await expect(page.getByText('发展型资助育人优秀案例:表单模板已保存')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('template-form').getByLabel('栏目 1 最多字数')).toHaveValue('1200');

  // The overview every user sees: Shanghai time and the new quota.
  await page.goto('/campaigns');
  const card = page.getByTestId('campaign-2025').getByTestId('track-card-FZ');
  await expect(card.getByTestId('opens-FZ')).toHaveText('2025-05-06 09:00');
  await expect(card.getByTestId('closes-FZ')).toHaveText('2025-09-15 17:30');
  await expect(card.getByTestId('revision-FZ')).toHaveText('2025-09-30 17:30');
  await expect(card.getByTestId('quota-FZ')).toHaveText('每单位 4 项');
  await expect(page.getByTestId('campaign-2025')).toContainText('筹备中');
  // 2024 is untouched.
  await expect(page.getByTestId('campaign-2024').getByTestId('quota-FZ')).toHaveText('每单位 2 项');
});
