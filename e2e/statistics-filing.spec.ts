import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './support/session.ts';

async function openStatistics(page: Page) {
  await page.getByRole('menu', { name: '主菜单' }).getByText('统计表与总结').click();
  await expect(page.getByRole('heading', { name: '统计表与总结报告' })).toBeVisible();
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a unit files its table with one override and submits; the institute sees it, reminds a late unit and downloads the aggregate', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const nextYear = new Date().getFullYear() + 1;

  // The institute sets the filing deadline in 栏目设置.
  await signIn(page, 'admin');
  await openStatistics(page);
  await page.getByRole('tab', { name: '栏目设置' }).click();
  const picker = page.getByPlaceholder('请选择日期');
  await picker.click();
  await picker.fill(`${nextYear}-09-20 23:59`);
  await picker.press('Enter');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('统计表栏目已保存')).toBeVisible();
  await signOut(page);

  // The officer finds the figures filled in, corrects one with a reason, fills the entered column and the report.
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, 'officer');
  await page.goto('/statistics');
  await expect(page.getByTestId('filing-state')).toHaveText('未填报');
  await expect(page.getByText('自动统计').first()).toBeVisible();
  await noSidewaysScroll(page);
  // Three groups have a 报送数: the button and the dialog name the group too.
  await page.getByRole('button', { name: '更正发展型资助育人优秀案例·报送数' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('更正:发展型资助育人优秀案例·报送数')).toBeVisible();
  await dialog.getByLabel('更正后的数值').fill('3');
  await dialog.getByLabel('更正理由').fill('另有一项案例线下报送,未在平台登记');
  await dialog.getByRole('button', { name: '保存更正' }).click();
  await expect(page.getByText('更正理由:另有一项案例线下报送,未在平台登记')).toBeVisible();
  await expect(page.getByText('已更正').first()).toBeVisible();

  await page.getByLabel('其他主题活动(场)').fill('4');
  // An unsaved edit holds submission back and says so.
  await expect(page.getByTestId('filing-banner')).toContainText('有未保存的修改');
  await page.getByRole('button', { name: '保存填报栏目' }).click();
  await expect(page.getByText('填报栏目已保存')).toBeVisible();
  await page.getByLabel('一、活动组织开展情况').fill('本单位围绕“苏乡永助”主题开展了政策宣讲、结对帮扶等活动。');
  await page.getByRole('button', { name: '保存报告' }).click();
  await expect(page.getByText('总结报告已保存')).toBeVisible();
  // Not yet signed: the page says why it cannot be submitted.
  await expect(page.getByText(/暂不能报送:当前版本尚未经分管领导签批/)).toBeVisible();
  await expect(page.getByRole('button', { name: '报送', exact: true })).toBeDisabled();
  await signOut(page);

  await signIn(page, 'leader');
  await page.goto('/statistics');
  await expect(page.getByTestId('filing-banner')).toContainText('请核对本单位的统计表和总结报告');
  await page.getByRole('button', { name: '分管领导签批' }).click();
  await expect(page.getByTestId('filing-banner')).toContainText('您已签批当前版本');
  await signOut(page);

  await signIn(page, 'officer');
  await page.goto('/statistics');
  await page.getByRole('button', { name: '报送', exact: true }).click();
  await expect(page.getByTestId('filing-state')).toHaveText('已报送');
  await expect(page.getByRole('button', { name: '保存填报栏目' })).toHaveCount(0);
  await expect(page.getByTestId('filing-banner')).toContainText('已锁定');
  // The submitted version is kept, with who submitted and who signed it.
  await expect(page.getByText(/李资助 于 .* 报送;赵分管 于 .* 签批/)).toBeVisible();
  await noSidewaysScroll(page);
  await signOut(page);

  // The institute sees the unit filed (with its correction marked), reminds the late units and downloads the aggregate.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'admin');
  await openStatistics(page);
  const row = page.getByRole('row').filter({ hasText: '南京工程分院' });
  await expect(row.getByText('已报送')).toBeVisible();
  await expect(row.getByTitle('单位已更正此值')).toBeVisible();
  await expect(page.getByText(/尚未报送:\d+ 个单位/)).toBeVisible();
  await page.getByRole('button', { name: '一键提醒' }).click();
  // The outcome says what was sent and which late units have nobody to receive it.
  const outcome = page.getByTestId('reminder-outcome');
  await expect(outcome).toContainText(/已向 \d+ 个单位的资助管理员发送提醒/);
  await expect(outcome).toContainText('没有启用的资助管理员账号');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出汇总表' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/资助育人主题活动开展情况统计表-汇总\.xlsx$/);
  const zipping = page.waitForEvent('download');
  await page.getByRole('button', { name: '全部总结报告' }).click();
  expect((await zipping).suggestedFilename()).toMatch(/各单位总结报告\.zip$/);
});
