import { expect, test, type Locator, type Page } from '@playwright/test';
import { selectOption, signIn, signOut } from './support/session.ts';

// The sentence of issue 5 in one go, with the demo data of 南京工程分院: the class
// teacher, on her phone, records 赵子涵's application and home visit and the class's
// appraisal; the aid officer approves (单位审核) and the institute re-checks (学院复核);
// the officer flags her as a key support target and assigns a mentor; the
// six-coverage view counts her under 先家访后认定 and 重点帮扶对象育人导师, green.
//
// The e2e server is one database for every spec, run in order: 陈思远 and 刘雨桐 belong to
// visits-identification.spec.ts, 吴佳怡 to key-targets-coverage.spec.ts, 王浩然 to
// growth-archive-registries.spec.ts. This walk takes 赵子涵 (no application in the demo)
// and reads the dashboard's figures before it starts, so it holds in any order.

const STUDENT = '赵子涵';
const STUDENT_NO = 'NJGC2021004';
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** A screenshot of the step, kept with the test's results (the --output folder) to look at. */
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** "3/4(75%)" → covered and total; a measure with nothing to count yet shows "无对象" figures as 0/0. */
async function figures(cell: Locator): Promise<{ covered: number; total: number }> {
  const match = /^(\d+)\/(\d+)/.exec((await cell.innerText()).trim());
  return match ? { covered: Number(match[1]), total: Number(match[2]) } : { covered: 0, total: 0 };
}

/** On the unit's own six-coverage page, the tag of one measure. */
const unitMeasure = (page: Page, label: RegExp) => page.getByRole('row', { name: label }).locator('[data-grade]');

/** A student's card (phone) or row (desktop) in the identification pipeline. */
const identificationOf = (page: Page) => page.locator('tr', { has: page.getByRole('button', { name: STUDENT, exact: true }) });

const percent = (covered: number, total: number) => `${covered}/${total}(${Math.floor((covered / total) * 100)}%)`;

test.describe.configure({ mode: 'serial' });

let before: { visitFirst: { covered: number; total: number }; mentors: { covered: number; total: number } };

test('before: the unit reads its six coverages', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto('/coverage');
  await expect(page.getByRole('heading', { name: '六个全覆盖' })).toBeVisible();
  const visitFirst = unitMeasure(page, /先家访后认定/);
  await expect(visitFirst).toBeVisible();
  before = { visitFirst: await figures(visitFirst), mentors: await figures(unitMeasure(page, /重点帮扶对象育人导师/)) };
  await shot(page, '0-officer-coverage-before');
});

test.describe('the class teacher, on a 375-px phone', () => {
  test.use(phone);

  test('records the application and the home visit, then the class appraisal', async ({ page }) => {
    await signIn(page, 'mentor');

    // 申请: the student's signed form, with the 诚信承诺.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('困难认定').click();
    await expect(page.getByRole('heading', { name: '家庭经济困难认定' })).toBeVisible();
    await page.getByRole('button', { name: '录入申请' }).click();
    const apply = page.getByRole('dialog', { name: /录入认定申请/ });
    await apply.getByRole('combobox', { name: '学生' }).fill(STUDENT_NO);
    await selectOption(page, STUDENT);
    await apply.getByLabel('学生陈述的家庭经济情况').fill('父亲因病无法工作,母亲打零工,家中还有一个妹妹在读小学。');
    await apply.getByRole('checkbox').check();
    await shot(page, '1-teacher-application');
    await apply.getByRole('button', { name: /录\s*入/ }).click();
    await expect(apply).toBeHidden();
    await page.keyboard.press('Escape'); // the application opens in a drawer
    const card = identificationOf(page);
    await expect(card.getByTestId('visit-missing')).toBeVisible();
    await noSidewaysScroll(page);

    // 家访: on site, the household and what the visit found; completed.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('家访记录').click();
    await page.getByRole('button', { name: '新建家访' }).click();
    const create = page.getByRole('dialog', { name: '新建家访记录' });
    await create.getByRole('combobox', { name: '学生' }).fill(STUDENT);
    await selectOption(page, STUDENT);
    await create.getByRole('button', { name: '开始填写' }).click();
    await expect(page.getByRole('heading', { name: `${STUDENT} 的家访` })).toBeVisible();
    await page.getByLabel('家访日期').click();
    await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    await page.locator('label', { hasText: '实地家访' }).click();
    await page.getByLabel('家庭人口').fill('4');
    await page.getByRole('checkbox', { name: '家庭成员患重大疾病' }).check();
    await page.getByLabel('家访发现与结论').fill('父亲患病多年无法劳动,家庭收入主要靠母亲打零工;学生学习认真,建议认定。');
    await shot(page, '2-teacher-home-visit');
    await noSidewaysScroll(page);
    await page.getByTestId('complete-visit').click();
    await expect(page.getByText('已完成', { exact: true }).first()).toBeVisible();
    await shot(page, '3-teacher-home-visit-completed');

    // 民主评议: the class supports the application; the visit is linked on its own.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menu', { name: '主菜单' }).getByText('困难认定').click();
    await expect(card.getByTestId('visit-done')).toBeVisible();
    await card.getByRole('button', { name: '民主评议' }).click();
    const appraisal = page.getByRole('dialog');
    await appraisal.getByRole('radio', { name: '同意认定', exact: true }).check();
    await appraisal.getByRole('button', { name: /确\s*定/ }).click();
    await expect(card.locator('[data-status="appraised"]')).toBeVisible();
    await shot(page, '4-teacher-appraised');
    await noSidewaysScroll(page);
  });
});

test('the unit approves, and the institute re-checks', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto('/identifications');
  const row = identificationOf(page);
  await row.getByRole('button', { name: '拟定等级' }).click();
  const review = page.getByRole('dialog');
  await review.getByLabel('拟定等级').click();
  await selectOption(page, '比较困难');
  await review.getByRole('button', { name: /确\s*定/ }).click();
  await expect(row.locator('[data-status="proposed"]')).toBeVisible();
  await shot(page, '5-officer-unit-review');
  await signOut(page);

  await signIn(page, 'admin');
  await page.goto('/identifications');
  await row.getByRole('button', { name: '复核确认' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(row.locator('[data-status="confirmed"]')).toBeVisible();
  await expect(row).toContainText('比较困难');
  await shot(page, '6-admin-recheck');
});

test('the officer flags a key target and assigns a mentor; the six coverages count her, green', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByRole('menuitem', { name: '重点帮扶' }).click();
  await page.getByRole('button', { name: '标记重点帮扶对象' }).click();
  const flag = page.getByRole('dialog', { name: /标记重点帮扶对象/ });
  await flag.getByLabel('学生').fill(STUDENT_NO);
  await selectOption(page, `${STUDENT}(${STUDENT_NO}`);
  await flag.getByLabel('帮扶类型').click();
  await selectOption(page, '家庭教育缺失');
  await flag.getByLabel('情况说明').fill('父亲长期患病,家庭教育缺位,需要导师持续关心');
  await flag.getByRole('button', { name: /保\s*存/ }).click();
  await expect(flag).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(STUDENT) });
  await expect(row.getByText('尚无导师')).toBeVisible();

  await row.getByRole('button', { name: '安排导师' }).click();
  const assign = page.getByRole('dialog', { name: `为 ${STUDENT} 安排育人导师` });
  await assign.getByLabel('育人导师').click();
  await selectOption(page, '孙导师');
  await assign.getByRole('button', { name: /安\s*排/ }).click();
  await expect(assign).toBeHidden();
  await expect(row.getByText('孙导师')).toBeVisible();
  await shot(page, '7-officer-key-target-mentor');

  // The unit's own view: one more identified student, visited first; one more key target, with a mentor.
  await page.getByRole('menuitem', { name: '六个全覆盖' }).click();
  const visitFirst = unitMeasure(page, /先家访后认定/);
  const mentors = unitMeasure(page, /重点帮扶对象育人导师/);
  await expect(visitFirst).toHaveText(percent(before.visitFirst.covered + 1, before.visitFirst.total + 1));
  await expect(mentors).toHaveText(percent(before.mentors.covered + 1, before.mentors.total + 1));
  await expect(visitFirst).toHaveAttribute('data-grade', 'green');
  await expect(mentors).toHaveAttribute('data-grade', 'green');
  await expect(mentors).toHaveAccessibleName(/^已覆盖/);
  await shot(page, '8-officer-coverage-after');
  await signOut(page);
});

test.describe('the institute, on a phone too', () => {
  test.use(phone);

  test('sees 南京工程分院 green for both measures, and nobody missing', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/coverage');
    // On a phone every unit is a card with its six measures, tappable, in two columns.
    const unit = page.getByRole('region', { name: '南京工程分院' });
    const measure = (label: string) => unit.getByRole('group', { name: label }).locator('[data-grade]');
    await expect(measure('先家访后认定')).toHaveText(percent(before.visitFirst.covered + 1, before.visitFirst.total + 1));
    await expect(measure('先家访后认定')).toHaveAttribute('data-grade', 'green');
    await expect(measure('重点帮扶对象育人导师')).toHaveText(percent(before.mentors.covered + 1, before.mentors.total + 1));
    await expect(measure('重点帮扶对象育人导师')).toHaveAttribute('data-grade', 'green');
    await noSidewaysScroll(page);
    await shot(page, '9-admin-coverage-phone');
    await page.getByRole('region', { name: '全院合计' }).scrollIntoViewIfNeeded();
    await shot(page, '9a-admin-coverage-phone-top', false);
    await unit.scrollIntoViewIfNeeded();
    await shot(page, '9b-admin-coverage-phone-unit', false);

    // Sorted by a measure, the units with something to cover come first, the lowest share first
    // (in the demo only 南京工程分院 has key targets), after the institute's total.
    const cardNames = () => page.locator('section[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect((await cardNames()).indexOf('南京工程分院')).toBeGreaterThan(1);
    await page.getByRole('combobox', { name: '排序' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '重点帮扶对象育人导师:低的在前' }).click();
    await expect.poll(async () => (await cardNames()).slice(0, 2)).toEqual(['全院合计', '南京工程分院']);

    // The drill-down of the mentor measure: no key target left without a mentor.
    await measure('重点帮扶对象育人导师').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('南京工程分院 · 重点帮扶对象育人导师');
    await expect(drawer.getByText('没有缺项')).toBeVisible();
    await shot(page, '10-admin-drill-down-phone');
    await noSidewaysScroll(page);
  });
});
