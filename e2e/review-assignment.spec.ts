import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './support/session.ts';

const TRACK = '研学实践优秀案例';

async function openTrack(page: Page) {
  await page.goto('/review-admin');
  await expect(page.getByRole('heading', { name: '评审管理' })).toBeVisible();
  await page.getByRole('combobox', { name: '类别' }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${TRACK}"]`).click();
}

test('the admin previews and applies automatic assignment on the demo track; a reviewer finds it in 我的消息', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('menuitem', { name: '评审管理' }).click();
  await openTrack(page);

  // 评审分配: eight accepted cases, nobody assigned yet, four reviewers with no load.
  const table = page.getByTestId('assignment-table');
  await expect(table.getByRole('row')).toHaveCount(9);
  await expect(table.getByTestId('assigned-reviewer')).toHaveCount(0);
  await expect(page.getByTestId('reviewer-loads')).toContainText('周评审');
  await expect(page.getByTestId('reviewer-loads')).toContainText('李教授(校外)');

  // 自动分配 → the preview: 24 new assignments, six for each of the four reviewers, nothing unsatisfied.
  await page.getByRole('button', { name: '自动分配' }).click();
  const dialog = page.getByRole('dialog', { name: '自动分配预览' });
  const preview = dialog.getByTestId('auto-assign-preview');
  await expect(preview).toContainText('将新增 24 项分配,涉及 8 个案例');
  await expect(preview).not.toContainText('无法分配足够的专家');
  const loads = dialog.getByTestId('preview-loads');
  await expect(loads.getByRole('row', { name: /周评审/ })).toContainText('+6');
  await expect(loads.getByText('+6')).toHaveCount(4);
  // Nothing is written before 确认分配.
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(table.getByTestId('assigned-reviewer')).toHaveCount(0);

  await page.getByRole('button', { name: '自动分配' }).click();
  await expect(preview).toContainText('将新增 24 项分配');
  await dialog.getByRole('button', { name: '确认分配' }).click();
  await expect(page.getByText('已分配 24 项评审任务,已通知 4 位专家')).toBeVisible();
  await expect(table.getByTestId('assigned-reviewer')).toHaveCount(24);
  // Nobody reviews a case of their own unit: 周评审 (苏州分院) is not on 苏州分院's case.
  const suzhou = table.getByRole('row', { name: /苏州分院/ });
  await expect(suzhou.getByTestId('assigned-reviewer')).toHaveCount(3);
  await expect(suzhou.getByTestId('assigned-reviewer').filter({ hasText: '周评审' })).toHaveCount(0);
  await signOut(page);

  // The reviewer is told once for the whole batch.
  await signIn(page, 'reviewer');
  await page.getByRole('menuitem', { name: '我的消息' }).click();
  await expect(page.getByText(`评审任务:${TRACK} 新分配 6 个案例`)).toHaveCount(1);
});

test('the rubric editor totals the weights as they are typed', async ({ page }) => {
  await signIn(page, 'admin');
  await openTrack(page);
  await page.getByRole('tab', { name: '评审设置' }).click();
  const total = page.getByTestId('weight-total');
  await expect(total).toHaveText('权重合计 100 / 100');
  await page.getByLabel('评分项 1 权重').fill('20');
  await expect(total).toContainText('权重合计 95 / 100(还差 5)');
  await expect(page.getByRole('button', { name: '保存评审设置' })).toBeDisabled();
  await page.getByLabel('评分项 1 权重').fill('25');
  await expect(total).toHaveText('权重合计 100 / 100');
  await expect(page.getByRole('button', { name: '保存评审设置' })).toBeEnabled();
});

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('评审管理 fits the screen', async ({ page }) => {
    await signIn(page, 'admin');
    await openTrack(page);
    await expect(page.getByTestId('assignment-table')).toBeVisible();
    for (const tab of ['评审分配', '专家库', '回避关系', '评审设置']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, tab).toBeLessThanOrEqual(0);
    }
  });
});
