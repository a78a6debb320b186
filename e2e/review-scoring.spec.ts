import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, selectOption, signIn } from './support/session.ts';

const CASE = '紫砂研学工坊:非遗传承与困难学生技能成长';
const TRACK = '研学实践优秀案例';

/**
 * The admin assigns two reviewers to one case through the API — unless they already are
 * (the assignment spec may have run 自动分配 on the same demo database first).
 */
async function assignTwoReviewers(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { login: 'admin', password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  // The demo's 2024 campaign (the campaign-setup journey may have copied it to 2025 first).
  const campaigns = (await (await api.get('/api/campaigns')).json()) as { year: number; tracks: { id: number; code: string }[] }[];
  const trackId = campaigns.find((c) => c.year === 2024)!.tracks.find((t) => t.code === 'YX')!.id;
  const board = (await (await api.get(`/api/tracks/${trackId}/assignments`)).json()) as {
    cases: { submissionId: number; title: string; reviewers: { reviewerId: number }[] }[];
    loads: { reviewerId: number; displayName: string }[];
  };
  const theCase = board.cases.find((c) => c.title === CASE)!;
  const submissionId = theCase.submissionId;
  for (const name of ['周评审', '钱专家']) {
    const reviewerId = board.loads.find((l) => l.displayName === name)!.reviewerId;
    if (theCase.reviewers.some((r) => r.reviewerId === reviewerId)) continue;
    const res = await api.post(`/api/tracks/${trackId}/assignments`, {
      data: { submissionId, reviewerId },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await api.dispose();
}

/** Scores every criterion (scores in rubric order), writes the comments, submits. */
async function scoreAndSubmit(page: Page, scores: number[], comment: string) {
  const inputs = page.locator('input[id^="score-"]');
  await expect(inputs).toHaveCount(scores.length);
  for (let i = 0; i < scores.length; i++) await inputs.nth(i).fill(String(scores[i]));
  await page.getByLabel(/总体评价/).fill(comment);
  await page.getByLabel(/给牵头人的说明/).fill('仅供牵头人参考:材料中的数据需要核实。');
  // Autosave lands before the submit.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByRole('button', { name: '提交评审意见' }).click();
  await expect(page.getByText('评审意见已提交')).toBeVisible();
  await expect(page.getByTestId('review-state').first()).toHaveText('已提交');
}

test('two reviewers score a case (one on a phone), the admin sees the ranking', async ({ page, browser, baseURL }) => {
  await assignTwoReviewers(baseURL!);

  // 周评审 on a desktop: 评审任务 → the case → before submitting, the others stay hidden.
  await signIn(page, 'reviewer');
  await page.getByRole('menuitem', { name: '评审任务' }).click();
  await expect(page.getByRole('heading', { name: '评审任务' })).toBeVisible();
  await page.getByTestId('assignment').filter({ hasText: CASE }).click();
  await expect(page.getByRole('heading', { name: CASE })).toBeVisible();
  await expect(page.getByText('提交您的评审意见后,可以查看其他专家的评分并参与讨论。')).toBeVisible();
  // Submitting with a criterion unscored is refused with the reason.
  await page.getByRole('button', { name: '提交评审意见' }).click();
  await expect(page.getByText('还有评分项未打分,请为每一项打分后再提交。')).toBeVisible();
  await page.getByRole('button', { name: /知道了|OK|确定/ }).click();
  await scoreAndSubmit(page, [9, 8, 8, 7, 6, 9], '紫砂工坊与非遗传承结合紧密,学生技能成长明显。');
  // 9/10×25 + 8/10×15 + 8/10×15 + 7/10×15 + 6/10×10 + 9/10×20 = 22.5 + 12 + 12 + 10.5 + 6 + 18 = 81
  await expect(page.getByTestId('running-total')).toContainText('81');
  await expect(page.getByRole('tab', { name: '其他专家的评审' })).toBeVisible();
  await expect(page.getByText('还没有其他专家提交评审意见')).toBeVisible();

  // 钱专家 on a phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const mobile = await phone.newPage();
  await signIn(mobile, 'expert1');
  await mobile.goto('/reviews');
  await mobile.getByTestId('assignment').filter({ hasText: CASE }).click();
  await expect(mobile.getByRole('heading', { name: CASE })).toBeVisible();
  await scoreAndSubmit(mobile, [6, 6, 6, 6, 6, 6], '做法扎实,但成效数据偏少。');
  // Now the other review shows, without its private note.
  const others = mobile.getByTestId('case-reviews');
  await expect(others).toContainText('周评审');
  await expect(others.getByTestId('review-total')).toHaveText('总分 81');
  await expect(others).not.toContainText('仅供牵头人参考');
  // No horizontal scrolling on the phone.
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await phone.close();

  // The admin: 评审排名 → the track → the case ranked first, flagged (2 of 3 reviews), reviews with private notes.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await signIn(page, 'admin');
  await page.getByRole('menuitem', { name: '评审排名' }).click();
  await expect(page.getByRole('heading', { name: '评审排名' })).toBeVisible();
  await page.getByRole('combobox', { name: '类别' }).click();
  await selectOption(page, `YX ${TRACK}`);
  const row = page.getByTestId('ranking-row').filter({ hasText: CASE });
  await expect(row).toContainText('2/3');
  await expect(row).toContainText('评审数不足');
  await expect(row).toContainText('70.5');
  await expect(row.locator('td').nth(1)).toHaveText('1');
  await row.getByRole('button', { name: /展开|Expand/ }).click();
  const reviews = page.getByTestId('case-reviews');
  await expect(reviews).toContainText('周评审');
  await expect(reviews).toContainText('钱专家');
  await expect(reviews).toContainText('仅供牵头人参考');

  // The ranking on a phone: the case, its figures and flags, without sideways scrolling.
  const adminPhone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const small = await adminPhone.newPage();
  await signIn(small, 'admin');
  await small.goto('/review-ranking');
  await small.getByRole('combobox', { name: '类别' }).click();
  await selectOption(small, `YX ${TRACK}`);
  const phoneRow = small.getByTestId('ranking-row').filter({ hasText: CASE });
  await expect(phoneRow).toContainText('评审 2/3 · 平均 70.5');
  const phoneOverflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(phoneOverflow).toBeLessThanOrEqual(1);
  await adminPhone.close();
});
