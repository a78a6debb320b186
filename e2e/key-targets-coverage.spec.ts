import { expect, test } from '@playwright/test';
import { selectOption, signIn } from './support/session.ts';

/**
 * The officer of 南京工程分院 (demo: 吴佳怡's identification is confirmed for this
 * school year, after a home visit) marks her as a key support target and assigns
 * the demo teacher as her mentor; the six-coverage view turns the mentor
 * measure green. The teacher is told, and now sees the student.
 */
test('a key target gets a mentor, and the six-coverage measure turns green', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto('/coverage');
  const mentorsCell = page.getByRole('row', { name: /重点帮扶对象育人导师/ }).locator('[data-grade]');
  await expect(mentorsCell).toHaveAttribute('data-grade', 'none');

  await page.getByRole('menuitem', { name: '重点帮扶' }).click();
  await expect(page.getByRole('heading', { name: '重点帮扶对象' })).toBeVisible();
  await page.getByRole('button', { name: '标记重点帮扶对象' }).click();
  const dialog = page.getByRole('dialog', { name: /标记重点帮扶对象/ });
  await dialog.getByLabel('学生').fill('NJGC2021032');
  await selectOption(page, '吴佳怡(NJGC2021032');
  await dialog.getByLabel('帮扶类型').click();
  await selectOption(page, '学业严重落后');
  await expect(dialog.getByLabel('责任部门')).toHaveValue('教务处');
  await dialog.getByLabel('情况说明').fill('专业课多门不及格,需要学业帮扶');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: /吴佳怡/ });
  await expect(row.getByText('学业严重落后 · 教务处')).toBeVisible();
  await expect(row.getByText('尚无导师')).toBeVisible();
  await page.getByRole('switch', { name: '只看尚无导师的' }).click();
  await expect(row).toBeVisible();

  // A student without a confirmed identification cannot be flagged: the reason is shown, not hidden.
  await page.getByRole('button', { name: '标记重点帮扶对象' }).click();
  await dialog.getByLabel('学生').fill('NJGC2021001');
  await selectOption(page, '陈思远(NJGC2021001');
  await dialog.getByLabel('帮扶类型').click();
  await selectOption(page, '心理健康隐患危机');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/尚未完成家庭经济困难认定/)).toBeVisible();
  await dialog
    .getByRole('button', { name: '取 消' })
    .or(dialog.getByRole('button', { name: '取消' }))
    .click();

  await row.getByRole('button', { name: '安排导师' }).click();
  const assign = page.getByRole('dialog', { name: '为 吴佳怡 安排育人导师' });
  await assign.getByLabel('育人导师').click();
  await selectOption(page, '孙导师');
  await expect(assign.getByRole('switch', { name: '主导师' })).toBeChecked();
  await assign
    .getByRole('button', { name: '安 排' })
    .or(assign.getByRole('button', { name: '安排' }))
    .click();
  await expect(assign).toBeHidden();
  await expect(page.getByText('所有重点帮扶对象都已安排育人导师')).toBeVisible();

  await page.getByRole('menuitem', { name: '六个全覆盖' }).click();
  await expect(mentorsCell).toHaveAttribute('data-grade', 'green');
  await expect(mentorsCell).toHaveText('1/1(100%)');
  await page.screenshot({ path: test.info().outputPath('coverage-unit.png'), fullPage: true });
});
