import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { idNumberCheckChar } from '../contracts/id-number.ts';
import { signIn, signOut } from './support/session.ts';

/** A valid ID number (born 2006-03-15) differing by `n`. */
function idNumber(n: number): string {
  const first17 = `32010220060315${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const run = Date.now().toString().slice(-6);
const no = (i: number) => `E${run}${i}`;
const PHONE = '13912340001';

/** The roster as the unit keeps it: a merged title, a note, 学号 as typed, a class merged down, two bad rows. */
async function messyRoster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(['南京工程分院 2026 级学生名册']);
  sheet.mergeCells('A1:I1');
  sheet.addRow(['制表:学生处']);
  sheet.addRow(['学 号', '姓名', '身份证号码', '专业', '班级', '年级', '生源地城乡', '手机号码', '单位']);
  sheet.addRow([no(1), '陈  一', idNumber(11), '机电一体化技术', '2026级机电1班', '1', '农村', PHONE, '南京工程分院']);
  sheet.addRow([no(2), '陈二', idNumber(12), '机电一体化技术', null, '一年级', '城镇', '13912340002', '']);
  sheet.addRow([
    no(3),
    '陈三',
    idNumber(13).slice(0, 17) + (idNumber(13).endsWith('1') ? '2' : '1'),
    '机电一体化技术',
    null,
    1,
    '',
    '',
    '',
  ]);
  sheet.addRow([no(4), '陈四', idNumber(14), '机电一体化技术', '2026级机电2班', 7, '', '', '']);
  sheet.mergeCells('E4:E6');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the officer imports a messy roster, downloads the error report, finds a student and reveals the phone with a reason; the admin sees the reveal in the audit log', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('学生名册').click();
  await page.getByRole('button', { name: '导入名册' }).click();
  await expect(page.getByRole('heading', { name: '导入学生名册' })).toBeVisible();

  // 1. Upload: the server finds the header under the title rows and proposes the columns.
  await page.locator('input[type=file]').setInputFiles({
    name: '南京工程分院名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await messyRoster(),
  });
  await expect(page.getByLabel('表头所在行')).toHaveValue('3');
  const selectOf = (label: string) => page.locator('.ant-select').filter({ has: page.getByLabel(label) });
  await expect(selectOf('学号对应的列')).toContainText('A列 学 号');
  await expect(selectOf('身份证号对应的列')).toContainText('C列 身份证号码');
  // The preview masks the ID number and shows the bad rows' problems before anything is written.
  const preview = page.getByRole('table').last();
  await expect(preview).toContainText('3201**********');
  await expect(preview).not.toContainText(idNumber(11));
  await expect(preview).toContainText('校验位');
  await page.getByRole('button', { name: '开始导入' }).click();

  // 2. The result: two rows in, two reported with their row numbers.
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('2 行有错误,未导入')).toBeVisible();
  const errors = page.getByRole('table').last();
  await expect(errors).toContainText('身份证号码(C列)');
  await expect(errors.getByRole('row').nth(1)).toContainText('6');
  await expect(errors.getByRole('row').nth(2)).toContainText('7');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载错误报告' }).click();
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await readFile(await (await download).path())) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  report.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows.map((r) => r[0])).toEqual(['行号', 6, 7]);
  expect(rows[1]![1]).toBe(no(3));

  // 3. Find a student by 学号 and reveal the phone, with a reason.
  await page.getByRole('button', { name: '查看学生名册' }).click();
  await page.getByRole('searchbox', { name: '搜索学生' }).fill(no(1));
  await page.getByRole('searchbox', { name: '搜索学生' }).press('Enter');
  await page.getByRole('link', { name: no(1) }).click();
  await expect(page.getByRole('heading', { name: '陈一' })).toBeVisible();
  await expect(page.getByText('2026级机电1班')).toBeVisible();
  await expect(page.getByTestId('sensitive-phone')).toContainText('139****0001');
  await expect(page.getByText(PHONE)).toHaveCount(0);
  await page.getByRole('button', { name: '查看联系电话' }).click();
  const dialog = page.getByRole('dialog', { name: '查看联系电话' });
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(dialog.getByText('请说明查看原因')).toBeVisible();
  await dialog.getByLabel('查看原因').fill('家访前电话联系家长');
  await dialog.getByRole('button', { name: '查看' }).click();
  await expect(dialog.getByTestId('revealed-value')).toHaveText(PHONE);
  await dialog.getByRole('button', { name: '立即隐藏' }).click();
  await expect(page.getByText(PHONE)).toHaveCount(0);
  await signOut(page);

  // 4. The institute admin sees who looked, at what, and why.
  await signIn(page, 'admin');
  await page.goto('/admin/audit');
  const audit = page.getByRole('table');
  await expect(audit.getByRole('row').filter({ hasText: '查看学生敏感信息' }).first()).toContainText('家访前电话联系家长');
  await expect(audit.getByRole('row').filter({ hasText: '导入学生名册' }).first()).toBeVisible();
});

test('the roster and a student page fit a 375-px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'officer');
  await page.goto('/students');
  await expect(page.getByRole('heading', { name: '学生名册' })).toBeVisible();
  await noSidewaysScroll(page);
  await page.goto('/students/import');
  await expect(page.getByText('点击或拖拽 Excel 名册到此处')).toBeVisible();
  await noSidewaysScroll(page);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'm.xlsx', mimeType: 'application/octet-stream', buffer: await messyRoster() });
  await expect(page.getByRole('button', { name: '开始导入' })).toBeVisible();
  await noSidewaysScroll(page);
});
