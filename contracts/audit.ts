import { z } from 'zod';
import { pageQuery } from './common.ts';

export const listAuditQuery = pageQuery.extend({
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.coerce.number().int().positive().optional(),
  /** ISO date-time bounds, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

export interface AuditEventDto {
  id: number;
  at: string;
  actor: { id: number; displayName: string; username: string } | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string };
}

/** Chinese labels for audit actions; unknown actions show their code. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'user.created': '创建用户',
  'user.updated': '修改用户',
  'user.disabled': '停用用户',
  'user.enabled': '启用用户',
  'user.password_reset': '重置密码',
  'user.imported': '批量导入用户',
  'unit.created': '创建单位',
  'unit.updated': '修改单位',
  'pairing.created': '创建结对',
  'pairing.deleted': '删除结对',
  'system.demo_seeded': '写入演示数据',
  // students and the roster (students, roster modules)
  'student.created': '新增学生',
  'student.updated': '修改学生信息',
  'student.revealed': '查看学生敏感信息',
  'roster.imported': '导入学生名册',
  'roster.import_cancelled': '取消名册导入',
  'roster.import_failed': '名册导入失败',
  'roster.promoted': '年级升级',
  'class_teachers.changed': '设置班主任',
  'statistics.layout_saved': '设置统计表栏目',
  'statistics.entered': '填写统计表',
  'statistics.overridden': '更正统计数值',
  'statistics.override_cleared': '撤销统计数值更正',
  'statistics.report_saved': '保存总结报告',
  'statistics.report_uploaded': '上传总结报告',
  'statistics.signed_off': '签批统计表',
  'statistics.submitted': '报送统计表',
  'statistics.reopened': '重新开放统计表填报',
  'statistics.reminded': '提醒未报送单位',
  // review scoring
  'review.submitted': '提交评审意见',
  'review.revised': '修改已提交的评审意见',
  'review.commented': '发表评审讨论',
};
