import { expect, test, type Page } from '@playwright/test';
import { selectOption, signIn, signOut } from './support/session.ts';
import { expectSaved, tinyPdf } from './support/files.ts';

/** Chinese text of exactly `n` words as the forms count them (one per character). */
function chineseText(n: number, seed = '帮助学生认识自我认识社会形成合理的生涯发展意向'): string {
  return seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const TITLE = '“一人一档”生涯规划导师制实践';

test('a teacher drafts a case; the officer selects it, the leader signs off, the officer submits; the coordinator returns it, the unit revises and resubmits, the coordinator accepts', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  // The mentor starts a draft in the 生涯规划指导 track.
  await signIn(page, 'mentor');
  await page.getByRole('menu', { name: '主菜单' }).getByText('本单位申报').click();
  await page.getByRole('button', { name: '新建申报' }).click();
  await page.getByRole('dialog').getByText('生涯规划指导优秀案例').click();
  await page.getByLabel('项目名称(可稍后填写)').fill(TITLE);
  await page.getByRole('button', { name: '新建并开始填写' }).click();
  await expect(page).toHaveURL(/\/submissions\/\d+$/);
  const caseUrl = page.url();
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();

  // Every required field, each section to its word limits (the counter turns from red to green).
  await page.getByLabel('案例摘要').fill('为每名四、五年级困难学生建立生涯档案,导师一对一指导。');
  await page.getByLabel('已实施').check();
  await page.getByLabel('联系人').fill('孙导师');
  await page.getByLabel('联系方式').fill('13800000001');
  const limits: [string, number][] = [
    ['案例背景', 300],
    ['主要做法', 800],
    ['实施成效', 300],
    ['经验与启示', 200],
  ];
  for (const [title, words] of limits) {
    const box = page.getByLabel(title, { exact: true });
    await box.fill(chineseText(words - 1));
    const counter = box.locator('xpath=following::*[@data-testid="word-counter"][1]');
    await expect(counter).toHaveAttribute('data-state', 'short');
    await box.fill(chineseText(words));
    await expect(counter).toHaveAttribute('data-state', 'ok');
  }

  // One student, with the date they agreed to publicity.
  await page.getByRole('button', { name: '添加学生' }).click();
  await page.getByLabel('第 1 名学生姓名').fill('李同学');
  await page.getByLabel('第 1 名学生学号').fill('20200401');
  await page.getByLabel('第 1 名学生年级').click();
  await selectOption(page, '4 年级');
  await page.getByLabel('第 1 名学生专业').fill('机电一体化');
  await page.getByLabel('第 1 名学生班级').fill('机电2001');
  await page.getByLabel('第 1 名学生同意公开日期').fill('2024-05-06');
  await page.getByLabel('第 1 名学生同意公开日期').press('Enter');
  await expectSaved(page);

  // A file of the wrong kind is refused with a message that says what is accepted.
  const documentSlot = page.getByTestId('slot-case_document');
  await documentSlot
    .locator('input[type=file]')
    .setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: Buffer.from('not really') });
  await expect(documentSlot.getByRole('alert')).toContainText('只接受:Word(.docx)、PDF');
  // The required document.
  await documentSlot.locator('input[type=file]').setInputFiles({ name: '案例全文.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await expect(documentSlot.getByRole('link', { name: /案例全文\.pdf/ })).toBeVisible();
  await expect(page.getByText('提交前检查')).toBeVisible();

  // The connection drops while typing, and the tab is closed: the edit stays on this computer.
  const addition = '(补充:导师团队每学期开展两次生涯研讨。)';
  await context.setOffline(true);
  await page.getByLabel('经验与启示', { exact: true }).press('End');
  await page.getByLabel('经验与启示', { exact: true }).pressSequentially(addition);
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-status', 'saved');
  await page.close();
  await context.setOffline(false);

  const reopened = await context.newPage();
  await reopened.goto(caseUrl);
  await expect(reopened.getByTestId('restore-prompt')).toBeVisible();
  await reopened.getByRole('button', { name: '恢复我的修改' }).click();
  await expect(reopened.getByLabel('经验与启示', { exact: true })).toHaveValue(new RegExp(`${addition.replace(/[()]/g, '\\$&')}$`));
  await expectSaved(reopened);
  // And it is on the server now: a fresh load shows it without any prompt.
  await reopened.reload();
  await expect(reopened.getByLabel('经验与启示', { exact: true })).toHaveValue(new RegExp(`${addition.replace(/[()]/g, '\\$&')}$`));
  await expect(reopened.getByTestId('restore-prompt')).toHaveCount(0);
  await signOut(reopened);

  // The officer puts it on the recommendation list.
  const officer = reopened;
  await signIn(officer, 'officer');
  await officer.goto('/submissions?tab=recommend');
  const syCard = officer.getByTestId('recommend-SY');
  await expect(syCard.getByTestId('quota-SY')).toContainText('名额 2');
  const row = syCard.getByRole('row', { name: new RegExp(TITLE) });
  // Not yet signed off: the submit button is disabled and says why.
  await row.getByRole('switch', { name: `列入推荐:${TITLE}` }).click();
  await expect(row.getByText('待分管领导签批')).toBeVisible();
  await expect(row.getByRole('button', { name: '提交' })).toBeDisabled();
  await expect(syCard.getByTestId('quota-SY')).toContainText('已列入推荐 1');
  await signOut(officer);

  // The leader finds it waiting and signs it off.
  const leader = officer;
  await signIn(leader, 'leader');
  await leader.goto('/submissions?tab=signoff');
  await leader.getByRole('link', { name: TITLE }).click();
  await leader.getByRole('button', { name: '签批', exact: true }).click();
  await expect(leader.getByText('签批后如再修改内容(包括附件),须重新签批。')).toBeVisible();
  await leader.locator('.ant-popconfirm').getByRole('button', { name: '签批' }).click();
  await expect(leader.getByText(/已于 .* 签批\(第 \d+ 版\)/)).toBeVisible();
  await signOut(leader);

  // The officer submits it and gets a receipt number.
  const submitter = leader;
  await signIn(submitter, 'officer');
  await submitter.goto('/submissions?tab=recommend');
  const submitRow = submitter.getByTestId('recommend-SY').getByRole('row', { name: new RegExp(TITLE) });
  await expect(submitRow.getByText('已签批', { exact: true })).toBeVisible();
  await expect(submitRow.getByText(/赵分管 签批于/)).toBeVisible();
  await submitRow.getByRole('button', { name: '提交' }).click();
  await expect(submitter.getByRole('dialog')).toContainText(/受理编号 2024-SY-\d{4}/);
  await submitter.getByRole('button', { name: /知道了|确定|OK/ }).click();
  await submitter.goto(caseUrl);
  await expect(submitter.getByTestId('receipt-no').first()).toHaveText(/^2024-SY-\d{4}$/);
  await expect(submitter.getByLabel('经验与启示', { exact: true })).toHaveCount(0);
  await expect(submitter.getByRole('button', { name: '撤回' })).toBeEnabled();
  const receiptNo = (await submitter.getByTestId('receipt-no').first().textContent())!;
  await signOut(submitter);

  // The coordinator of the track returns it with a reason.
  const coordinator = submitter;
  await signIn(coordinator, 'coord-sy');
  await coordinator.goto('/form-check');
  await coordinator.getByRole('link', { name: TITLE }).first().click();
  await coordinator.getByRole('button', { name: '退回修改' }).click();
  await coordinator.getByLabel('退回原因').fill('“实施成效”缺少量化数据,请补充受助学生的升学和就业情况。');
  await coordinator.getByRole('button', { name: '退回申报单位' }).click();
  await expect(coordinator.getByText(/退回修改,等待申报单位/)).toBeVisible();
  await signOut(coordinator);

  // The officer reads the reasons at the top and revises; the edit voids the sign-off.
  const reviser = coordinator;
  await signIn(reviser, 'officer');
  await reviser.goto(caseUrl);
  await expect(reviser.getByTestId('return-reasons')).toContainText('缺少量化数据');
  const outcomes = reviser.getByLabel('实施成效', { exact: true });
  await outcomes.press('End');
  await outcomes.pressSequentially('两届受助学生升学率达到百分之九十五。');
  await expectSaved(reviser);
  await expect(reviser.getByText('签批后内容又有修改,签批已失效,须分管领导重新签批后才能提交。')).toBeVisible();
  await expect(reviser.getByRole('button', { name: '重新提交' })).toBeDisabled();
  await signOut(reviser);

  // The leader signs the revised version.
  const leaderAgain = reviser;
  await signIn(leaderAgain, 'leader');
  await leaderAgain.goto(caseUrl);
  await leaderAgain.getByRole('button', { name: '签批', exact: true }).click();
  await leaderAgain.locator('.ant-popconfirm').getByRole('button', { name: '签批' }).click();
  await expect(leaderAgain.getByText(/已于 .* 签批\(第 \d+ 版\)/)).toBeVisible();
  await signOut(leaderAgain);

  // The officer resubmits; the receipt number stays.
  const resubmitter = leaderAgain;
  await signIn(resubmitter, 'officer');
  await resubmitter.goto(caseUrl);
  await resubmitter.getByRole('button', { name: '重新提交' }).click();
  await expect(resubmitter.getByRole('dialog')).toContainText('已重新提交');
  await expect(resubmitter.getByRole('dialog')).toContainText(receiptNo);
  await resubmitter.getByRole('button', { name: /知道了|确定|OK/ }).click();
  await signOut(resubmitter);

  // The coordinator accepts it; the unit sees it as 已受理.
  const acceptor = resubmitter;
  await signIn(acceptor, 'coord-sy');
  await acceptor.goto('/form-check');
  await acceptor.getByRole('link', { name: TITLE }).first().click();
  await acceptor.getByRole('button', { name: '通过' }).click();
  await acceptor.locator('.ant-popconfirm').getByRole('button', { name: '通过' }).click();
  await expect(acceptor.getByText(/通过形式审查/).first()).toBeVisible();
  await signOut(acceptor);
  await signIn(acceptor, 'mentor');
  await acceptor.goto('/submissions');
  await expect(acceptor.getByRole('row', { name: new RegExp(TITLE) }).getByText('已受理')).toBeVisible();
});

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the draft form is usable without sideways scrolling', async ({ page }) => {
    await signIn(page, 'mentor');
    await page.goto('/submissions');
    await page.getByRole('button', { name: '新建申报' }).click();
    await page.getByRole('dialog').getByText('研学实践优秀案例').click();
    await page.getByRole('button', { name: '新建并开始填写' }).click();
    await expect(page).toHaveURL(/\/submissions\/\d+$/);
    await page.getByLabel('项目名称').fill('手机上起草的研学案例');
    const background = page.getByLabel('案例背景', { exact: true });
    await background.fill(chineseText(20));
    await expect(page.getByText('20 字 · 要求 300–1500 字,还差 280 字')).toBeVisible();
    await expectSaved(page);
    // The students table becomes cards; a half-filled row waits on this phone until it is complete.
    await page.getByRole('button', { name: '添加学生' }).click();
    await expect(page.getByTestId('student-card')).toHaveCount(1);
    await page.getByLabel('第 1 名学生姓名').fill('王同学');
    await expect(page.getByTestId('save-status')).toContainText('学生信息待填完整');
    await noSidewaysScroll(page);
    await page.getByTestId('slot-evidence').scrollIntoViewIfNeeded();
    await noSidewaysScroll(page);
  });
});
