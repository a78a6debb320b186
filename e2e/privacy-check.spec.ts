import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './support/session.ts';
import { expectSaved } from './support/files.ts';

// 320102199003071239 passes the GB 11643 checksum (computed by hand).
const ID = '320102199003071239';
const BACKGROUND = '该生家庭经济困难,父亲长期患病,母亲务农,家中还有一个弟弟在读初中。';

async function newDraft(page: Page, title: string) {
  await page.goto('/submissions');
  await page.getByRole('button', { name: '新建申报' }).click();
  await page.getByRole('dialog').getByText('研学实践优秀案例').click();
  await page.getByLabel('项目名称(可稍后填写)').fill(title);
  await page.getByRole('button', { name: '新建并开始填写' }).click();
  await expect(page).toHaveURL(/\/submissions\/\d+$/);
}

test('a teacher types an ID number into a section: the privacy panel shows it masked, jumps to it, and clears once it is removed', async ({
  page,
}) => {
  await signIn(page, 'mentor');
  await newDraft(page, '研学实践:走进大国工匠');
  const panel = page.getByTestId('privacy-panel');
  await expect(panel).toHaveAttribute('data-state', 'clear');

  const background = page.getByLabel('案例背景', { exact: true });
  await background.fill(`${BACKGROUND}学生身份证号:${ID}。`);
  await expectSaved(page);
  await expect(panel).toHaveAttribute('data-state', 'findings');
  const finding = panel.getByTestId('privacy-finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('身份证号');
  await expect(finding).toContainText('“案例背景”栏目');
  await expect(finding.getByTestId('privacy-excerpt')).toContainText('3201**********1239');
  await expect(panel).not.toContainText(ID);

  // The jump puts the cursor in the section.
  await page.getByLabel('经验与启示', { exact: true }).focus();
  await finding.getByRole('button', { name: /案例背景/ }).click();
  await expect(background).toBeFocused();

  await background.fill(BACKGROUND);
  await expectSaved(page);
  await expect(panel).toHaveAttribute('data-state', 'clear');
  await expect(panel.getByTestId('privacy-finding')).toHaveCount(0);
});

test('a public office phone is kept with 确认无误 and a reason; the officer’s list needs no request per case', async ({ page }) => {
  await signIn(page, 'mentor');
  await newDraft(page, '研学实践:服务社会');
  await page.getByLabel('实施成效', { exact: true }).fill('活动咨询请致电学院资助中心 13912345678(办公手机,对外公开)。');
  await expectSaved(page);
  const panel = page.getByTestId('privacy-panel');
  const finding = panel.getByTestId('privacy-finding');
  await expect(finding).toContainText('139****5678');
  await finding.getByRole('button', { name: '确认无误' }).click();
  const dialog = page.getByRole('dialog', { name: '确认无误,保留这项信息' });
  await expect(dialog.getByRole('button', { name: '确认保留' })).toBeDisabled();
  await dialog.getByLabel('保留原因').fill('该电话为学校公开办公电话');
  await dialog.getByRole('button', { name: '确认保留' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toHaveAttribute('data-state', 'acknowledged');
  await expect(finding).toContainText('已确认保留:该电话为学校公开办公电话');
  await signOut(page);

  // The recommendation list: every case's abilities come with the list, no detail request per case.
  await signIn(page, 'officer');
  const detailRequests: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && /\/api\/submissions\/\d+(\?|$)/.test(r.url())) detailRequests.push(r.url());
  });
  await page.goto('/submissions?tab=recommend');
  const card = page.getByTestId('recommend-YX');
  const row = card.getByRole('row', { name: /研学实践:服务社会/ });
  await expect(row.getByRole('switch', { name: '列入推荐:研学实践:服务社会' })).toBeEnabled();
  await expect(row.getByText(/\d+ 项待完善/)).toBeVisible();
  await expect(row.getByRole('button', { name: '提交' })).toBeDisabled();
  await page.waitForLoadState('networkidle');
  expect(detailRequests).toEqual([]);
});

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the privacy panel fits the screen', async ({ page }) => {
    await signIn(page, 'mentor');
    await newDraft(page, '手机上起草:隐私检查');
    await page.getByLabel('案例背景', { exact: true }).fill(`家长联系电话 138 1234 5678,家住张庄村3组,身份证号${ID}。`);
    await expectSaved(page);
    const panel = page.getByTestId('privacy-panel');
    await expect(panel.getByTestId('privacy-finding')).toHaveCount(3);
    await panel.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  });
});
