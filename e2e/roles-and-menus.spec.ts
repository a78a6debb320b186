import { expect, test } from '@playwright/test';
import { menuItems, signIn, signOut } from './support/session.ts';

// What each demo role finds in its menu (issue: "every role can log in and find its pages").
const everyone = ['工作台', '活动概览', '我的消息', '账号安全', '认定公示'];
const adminOnly = ['形式审查', '活动管理', '用户管理', '单位与结对', '审计日志', '邮件记录'];
const unitStaff = ['本单位申报', '单位工作台账', '家访记录', '困难认定', '学生名册', '重点帮扶'];
/** The six-coverage view: the institute, and a unit's officer and leader (not teachers). */
const coverage = '六个全覆盖';
const coordinator = ['形式审查'];
/** Review: the admin and every coordinator run it; reviewers score; units see their released results. */
const reviewAdmin = ['评审管理', '评审排名'];
const unitResults = '评审结果';
const cases: { username: string; name: string; sees: string[] }[] = [
  {
    username: 'admin',
    name: '王学管',
    sees: [...everyone, ...adminOnly, ...unitStaff.slice(1), '困难等级设置', '统计表与总结', coverage, ...reviewAdmin, '评审结果与推荐'],
  },
  // Coordinator of a track and aid officer of the host unit at once.
  {
    username: 'coord-fz',
    name: '陈协调',
    sees: [...everyone, ...coordinator, ...unitStaff, '统计表与总结', coverage, ...reviewAdmin, unitResults],
  },
  { username: 'coord-sy', name: '刘牵头', sees: [...everyone, ...coordinator, ...reviewAdmin] },
  { username: 'reviewer', name: '周评审', sees: [...everyone, '评审任务'] },
  { username: 'officer', name: '李资助', sees: [...everyone, ...unitStaff, '统计表与总结', coverage, unitResults] },
  { username: 'leader', name: '赵分管', sees: [...everyone, ...unitStaff, '统计表与总结', coverage, unitResults] },
  { username: 'mentor', name: '孙导师', sees: [...everyone, ...unitStaff, unitResults] },
];

for (const c of cases) {
  test(`${c.username} logs in and sees the menu of the role`, async ({ page }) => {
    await signIn(page, c.username);
    await expect(page.getByTestId('user-menu')).toContainText(c.name);
    const items = await menuItems(page);
    expect(items.sort()).toEqual([...c.sees].sort());
    // Pages outside the role answer with the 403 page, not an empty screen.
    if (!c.sees.includes('用户管理')) {
      await page.goto('/admin/users');
      await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
    }
    await signOut(page);
  });
}

test('the menu groups its entries by area, and a reviewer sees no empty group', async ({ page }) => {
  await signIn(page, 'admin');
  const titles = page.getByRole('menu', { name: '主菜单' }).first().locator('.ant-menu-item-group-title');
  await expect(titles).toHaveText(['主题活动', '资助育人记录', '系统管理', '个人']);
  await signOut(page);
  await signIn(page, 'mentor');
  await expect(titles).toHaveText(['主题活动', '资助育人记录', '个人']);
});

test('the campaign overview shows the 2024 campaign with its four tracks and host units', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByRole('menu', { name: '主菜单' }).getByText('活动概览').click();
  await expect(page.getByText('2024年“苏乡永助”资助育人主题活动', { exact: true })).toBeVisible();
  for (const [track, host] of [
    ['发展型资助育人优秀案例', '徐州经贸分院'],
    ['生涯规划指导优秀案例', '南京卫生分院'],
    ['研学实践优秀案例', '宜兴分院'],
    ['江苏学生资助宣传大使', '扬州分院'],
  ] as const) {
    await expect(page.getByText(track, { exact: true }).first()).toBeVisible();
    await expect(page.getByText(host).first()).toBeVisible();
  }
});

test('an unknown address shows the 404 page', async ({ page }) => {
  await signIn(page, 'mentor');
  await page.goto('/no/such/page');
  await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
});

test('a wrong password gets one generic message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('账号').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('账号或密码错误')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
