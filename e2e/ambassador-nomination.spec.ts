import { expect, test, type Page } from '@playwright/test';
import { selectOption, signIn, signOut } from './support/session.ts';
import { expectSaved, tinyPdf, tinyPng } from './support/files.ts';

/** Chinese text of exactly `n` words as the forms count them (one per character). */
function chineseText(n: number, seed = '受助学生自强不息回报社会宣讲资助政策温暖更多家庭'): string {
  return seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
}

/** A real 1×1 PNG (the server decides the type by content, not by name). */

/** Uploads as a person does: press the slot's 上传 button and pick the file in the chooser. */
async function upload(page: Page, buttonName: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByRole('link', { name: file.name })).toBeVisible();
}

/** The next person at the same computer. */
async function switchTo(page: Page, login: string) {
  await signOut(page);
  await signIn(page, login);
}

/** New nomination from 本单位申报; returns the editor's address. */
async function newNomination(page: Page, title: string): Promise<string> {
  await page.goto('/submissions');
  await page.getByRole('button', { name: '新建申报' }).click();
  await page.getByRole('dialog').getByText('江苏学生资助宣传大使').click();
  await page.getByLabel(/^标题/).fill(title);
  await page.getByRole('button', { name: '新建并开始填写' }).click();
  await expect(page).toHaveURL(/\/submissions\/\d+$/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  return page.url();
}

/** The contact, the DS template's three sections to their minimums (the counter turns green), and the nominee. */
async function fillNomination(page: Page, nominee: { name: string; studentNo: string }) {
  await page.getByLabel('推荐理由摘要').fill('家庭经济困难但自强不息,连续两年获国家助学金,积极宣讲资助政策。');
  await page.getByLabel('联系人').fill('钱老师');
  await page.getByLabel('联系方式').fill('025-8888 0001');
  const sections: [string, number][] = [
    ['个人简介', 200],
    ['受助经历与成长', 500],
    ['宣传活动计划/记录', 200],
  ];
  for (const [title, words] of sections) {
    const box = page.getByLabel(title, { exact: true });
    await box.fill(chineseText(words));
    await expect(box.locator('xpath=following::*[@data-testid="word-counter"][1]')).toHaveAttribute('data-state', 'ok');
  }
  await fillNominee(page, nominee);
}

/** The two required files: the nominee's photo and the recommendation form. */
async function uploadRequiredFiles(page: Page) {
  await upload(page, '上传个人照片', { name: '陈同学近照.png', mimeType: 'image/png', buffer: tinyPng() });
  await upload(page, '上传推荐表', { name: '宣传大使推荐表.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
}

/**
 * The submit button is enabled only when the server's submit check passes; when
 * refused, hovering it shows the first reason (the span carries the code).
 */
async function expectSubmitRefused(page: Page, code: string, message: string) {
  const submit = page.getByRole('button', { name: '提交', exact: true });
  await expect(submit).toBeDisabled();
  const wrapper = page.locator('span[data-whynot]', { has: submit });
  await expect(wrapper).toHaveAttribute('data-whynot', code);
  await wrapper.hover();
  await expect(page.getByRole('tooltip')).toHaveText(message);
  await page.mouse.move(0, 0);
}

/** Opens 提交前检查 (what the server's submit check still finds) and returns its list. */
async function openSubmitCheck(page: Page, count: number) {
  await page.getByRole('button', { name: new RegExp(`^提交前检查:还有 ${count} 项需要处理`) }).click();
  return page.getByTestId('submit-problems').getByRole('listitem');
}

/** The one nominee of a nomination: eligible (五年制高职, 5 年级, the default programme) and with the consent date. */
async function fillNominee(page: Page, nominee: { name: string; studentNo: string }) {
  await page.getByRole('button', { name: '填写被推荐学生' }).click();
  await page.getByLabel('第 1 名学生姓名').fill(nominee.name);
  await page.getByLabel('第 1 名学生学号').fill(nominee.studentNo);
  // The programme is preset to the eligible one; the select shows it beside its (empty) search input.
  await expect(page.locator('.ant-select', { has: page.getByLabel('第 1 名学生学制') })).toContainText('五年制高职');
  await page.getByLabel('第 1 名学生年级').click();
  await selectOption(page, '5 年级');
  await page.getByLabel('第 1 名学生专业').fill('会计');
  await page.getByLabel('第 1 名学生班级').fill('会计1901');
  await page.getByLabel('第 1 名学生同意公开日期').fill('2024-04-22');
  await page.getByLabel('第 1 名学生同意公开日期').press('Enter');
  // A nomination names exactly one student: the add button goes away.
  await expect(page.getByRole('button', { name: '填写被推荐学生' })).toHaveCount(0);
  await expectSaved(page);
}

/** The leader opens the case from 待我签批 and signs the current version. */
async function signOffFromInbox(page: Page, title: string) {
  await page.goto('/submissions?tab=signoff');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '签批', exact: true }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '签批' }).click();
  await expect(page.getByText(/已于 .* 签批\(第 \d+ 版\)/)).toBeVisible();
}

async function closeDialog(page: Page) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /知道了|确定|OK/ })
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

const TITLE = '宣传大使推荐——陈同学';
const NOMINEE = { name: '陈同学', studentNo: 'NJGC2019017' };
const ACTIVITY = '“资助政策进社区”暑期宣讲:迈皋桥街道';

test('the officer nominates an ambassador with a publicity activity; the leader signs off; the coordinator accepts; the same student cannot be nominated twice', async ({
  page,
}) => {
  test.setTimeout(180_000);

  await test.step('the officer drafts the nomination', async () => {
    await signIn(page, 'officer');
    await page.getByRole('menu', { name: '主菜单' }).getByText('本单位申报').click();
    await newNomination(page, TITLE);
    await expect(page.getByText('江苏学生资助宣传大使', { exact: true })).toBeVisible();
    await fillNomination(page, NOMINEE);
  });

  await test.step('the photo and the recommendation form', async () => {
    await expect(page.getByTestId('slot-photo').getByText('必传')).toBeVisible();
    await uploadRequiredFiles(page);
  });

  await test.step('one publicity activity, with its evidence photo', async () => {
    await expect(page.getByText('尚未记录宣传活动')).toBeVisible();
    await page.getByRole('button', { name: '新增宣传活动' }).click();
    const dialog = page.getByRole('dialog', { name: '新增宣传活动' });
    await dialog.getByLabel('活动类型').click();
    await selectOption(page, '资助政策进社区');
    await dialog.getByLabel('活动名称').fill(ACTIVITY);
    await dialog.getByLabel('活动日期').fill('2024-07-16');
    await dialog.getByLabel('活动日期').press('Enter');
    await dialog.getByLabel('受众人数').fill('120');
    await dialog.getByLabel('活动地点').fill('南京市栖霞区迈皋桥街道社区服务中心');
    await dialog.getByLabel('活动简介').fill('面向社区居民讲解国家助学金、生源地信用助学贷款等政策,现场解答家长提问。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);

    const activities = page.locator('.ant-card').filter({ has: page.getByText('宣传活动记录', { exact: true }) });
    await expect(activities.getByText('资助政策进社区', { exact: true })).toBeVisible();
    await expect(activities.getByText(ACTIVITY)).toBeVisible();
    await expect(activities.getByText('2024-07-16 · 南京市栖霞区迈皋桥街道社区服务中心 · 受众 120 人')).toBeVisible();
    await upload(page, '上传活动佐证', { name: '社区宣讲现场.png', mimeType: 'image/png', buffer: tinyPng() });
    await expectSaved(page);
  });

  await test.step('before selection and sign-off, submit is refused with the server’s reasons', async () => {
    // The content is complete: only the unit's own two steps remain, listed in 提交前检查.
    await expect(await openSubmitCheck(page, 2)).toHaveText([
      '该申报尚未列入本单位推荐清单,请资助管理员先“遴选推荐”后再提交。',
      '推荐清单尚未经分管领导签批,请分管领导签批后再提交。',
    ]);
    await expectSubmitRefused(page, 'not_selected', '该申报尚未列入本单位推荐清单,请资助管理员先“遴选推荐”后再提交。');

    await page.getByRole('button', { name: '列入推荐清单' }).click();
    await expect(page.getByText('已列入推荐', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '移出推荐清单' })).toBeVisible();
    await expectSubmitRefused(page, 'not_approved', '推荐清单尚未经分管领导签批,请分管领导签批后再提交。');
  });
  const nominationUrl = page.url();

  await test.step('the leader signs it off', async () => {
    await switchTo(page, 'leader');
    await signOffFromInbox(page, TITLE);
  });

  let receiptNo = '';
  await test.step('the officer submits and gets a receipt number', async () => {
    await switchTo(page, 'officer');
    await page.goto(nominationUrl);
    await expect(page.getByText('提交前检查已通过:内容完整,可以提交。')).toBeVisible();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const receipt = page.getByRole('dialog').filter({ hasText: '已提交' });
    await expect(receipt.getByTestId('receipt-no')).toHaveText(/^2024-DS-\d{4}$/);
    receiptNo = (await receipt.getByTestId('receipt-no').textContent())!;
    await closeDialog(page);
    // Locked now: the texts are shown, no longer editable, and the activity can no longer be changed.
    await expect(page.getByText(`已提交,受理编号 ${receiptNo}`)).toBeVisible();
    await expect(page.getByLabel('个人简介', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '新增宣传活动' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '修改活动' })).toHaveCount(0);
  });

  await test.step('the coordinator of the track accepts it in 形式审查', async () => {
    await switchTo(page, 'coord-ds');
    await page.getByRole('menu', { name: '主菜单' }).getByText('形式审查').click();
    const row = page.getByRole('row', { name: TITLE });
    await expect(row).toContainText('南京工程分院');
    await expect(row).toContainText('待审查');
    await row.getByRole('link', { name: TITLE }).click();
    await expect(page.getByText(receiptNo, { exact: true })).toBeVisible();
    // What the unit sent: the nominee with the consent date, and the two required files.
    const nominee = page.getByRole('row', { name: NOMINEE.studentNo });
    await expect(nominee).toContainText(NOMINEE.name);
    await expect(nominee).toContainText('2024-04-22');
    await expect(page.getByRole('link', { name: '陈同学近照.png' })).toBeVisible();
    await expect(page.getByRole('link', { name: '宣传大使推荐表.pdf' })).toBeVisible();
    // And the publicity activity with its evidence, as the unit recorded it.
    await expect(page.getByText(ACTIVITY)).toBeVisible();
    await expect(page.getByText(/受众 120 人/)).toBeVisible();
    await expect(page.getByRole('link', { name: '佐证 1' })).toBeVisible();
    await page.getByRole('button', { name: '通过' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '通过' }).click();
    await expect(page.getByText(/已于 .* 通过形式审查/)).toBeVisible();
  });

  await test.step('the officer sees it accepted', async () => {
    await switchTo(page, 'officer');
    await page.goto('/submissions');
    await expect(page.getByRole('row', { name: TITLE }).getByText('已受理')).toBeVisible();
    await page.goto(nominationUrl);
    await expect(page.getByText(`已通过形式审查,受理编号 ${receiptNo}`)).toBeVisible();
  });

  await test.step('a second nomination of the same student is refused at submit', async () => {
    // Complete in every other respect, selected and signed off: the duplicate is the only reason left.
    const duplicate = `${TITLE}(重复)`;
    await newNomination(page, duplicate);
    await fillNomination(page, NOMINEE);
    await uploadRequiredFiles(page);
    await page.getByRole('button', { name: '列入推荐清单' }).click();
    await expect(page.getByText('已列入推荐', { exact: true })).toBeVisible();
    const duplicateUrl = page.url();

    await switchTo(page, 'leader');
    await signOffFromInbox(page, duplicate);

    await switchTo(page, 'officer');
    await page.goto(duplicateUrl);
    await expect(await openSubmitCheck(page, 1)).toHaveText([
      `学生“${NOMINEE.name}”(学号 ${NOMINEE.studentNo})已在本次活动中被推荐为宣传大使,同一学生只能推荐一次。`,
    ]);
    await expectSubmitRefused(page, 'nominee_duplicate', '该学生已在本次活动中被推荐为宣传大使,同一学生只能推荐一次。');
    // Nor can it go out from the recommendation list: it is not counted as ready.
    await page.goto('/submissions?tab=recommend');
    const row = page.getByTestId('recommend-DS').getByRole('row', { name: duplicate });
    await expect(row.getByText('已签批', { exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: '提交' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /提交全部已签批\(0\)/ })).toBeDisabled();
  });
});
