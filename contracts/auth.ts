import { z } from 'zod';
import type { Role } from './roles.ts';

export const loginInput = z.object({
  login: z.string().trim().min(1, '请输入用户名、手机号或邮箱').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});
export type LoginInput = z.infer<typeof loginInput>;

export const passwordRule = z
  .string()
  .min(10, '新密码至少 10 位')
  .max(200)
  .regex(/[A-Za-z]/, '新密码须包含字母')
  .regex(/\d/, '新密码须包含数字');

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: passwordRule,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** What the current user may do across the app: drives the menu. */
export interface Abilities {
  manageUsers: boolean;
  manageUnits: boolean;
  viewAudit: boolean;
  manageCampaigns: boolean;
  viewCampaigns: boolean;
  viewMailLog: boolean;
  /** The form-check inbox: track coordinators and the institute admin. */
  formCheck: boolean;
  /** Draft cases and nominations in one's own unit (本单位申报). */
  draftSubmissions: boolean;
  /** The unit aid officer's recommendation list: select, submit, withdraw. */
  manageRecommendations: boolean;
  /** The unit leader's sign-off (签批). */
  signOffSubmissions: boolean;
  /** Student records within the user's scope (own unit; a teacher's classes and mentees). */
  viewStudents: boolean;
  /** Keep the unit's roster: import, add, edit, class teachers. */
  manageRoster: boolean;
  /** The six-coverage dashboard: every unit (institute admin) or one's own unit (officer, leader). */
  viewCoverage: boolean;
  /** 家访记录: the visits of the students in scope (teachers and the aid officer record them). */
  homeVisits: boolean;
  /** 困难认定: the yearly difficulty identification of the students in scope. */
  identifications: boolean;
  /** 公示: the notices of the user's unit (the institute's staff: of every unit). */
  viewNotices: boolean;
  /** The difficulty levels (特别困难 / 比较困难 / 一般困难 by default). */
  manageIdentificationLevels: boolean;
  /** 单位工作台账 (support centre, reward scheme, seminars): the unit's staff read, the aid officer keeps them; the institute admin reads all. */
  viewRegistries: boolean;
  /** 统计表与总结报告 (附件5): a unit's officer and leader file it; the institute admin sees all units. */
  statistics: boolean;
  /** 评审管理: review settings, reviewer pool, conflicts and assignment (institute admin, track coordinators). */
  manageReviews: boolean;
  /** 评审任务: the reviewer's assignments and review forms. */
  reviewCases: boolean;
  /** 评审排名: the ranking and scores of a track (institute admin, track coordinators). */
  viewRankings: boolean;
  /** 评审结果与推荐: decisions, their release, the campaign's 公示 and the upward package (institute admin). */
  decideReviews: boolean;
  /** 评审结果: a unit's staff read the released outcomes of their unit's cases. */
  viewReviewResults: boolean;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  unit: { id: number; name: string } | null;
  roles: Role[];
  mustChangePassword: boolean;
  abilities: Abilities;
}

export interface SessionResponse {
  user: Me;
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  unitName: string | null;
}

export interface MetaResponse {
  name: string;
  version: string;
  demo: boolean;
  /** Only in demo mode. */
  demoAccounts: DemoAccount[];
}
