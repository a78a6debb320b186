import { z } from 'zod';
import { pageQuery } from './common.ts';
import type { FileKind } from './form-template.ts';
import { pastDate, yuanAmount } from './growth-archive.ts';
import { schoolYear } from './school-year.ts';
import type { Ability } from './submissions.ts';

/**
 * 单位工作台账: three of the six things the notice asks of every unit — the
 * 学生发展支持中心, the 成长奖励制度 with the awards given under it, and
 * 常态化研讨. Kept by the unit's aid officer, read by the unit's staff and the
 * institute.
 */

const text = (max: number, message = '请填写此项') => z.string().trim().min(1, message).max(max, `最多 ${max} 字`);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max, `最多 ${max} 字`).nullable().optional(),
  );

/** Whose registries: the officer's own unit by default; the institute admin names one. */
export const unitQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
export type UnitQuery = z.infer<typeof unitQuery>;

/** Registry documents: Word, PDF and photos. */
export const registryFileKinds: readonly FileKind[] = ['docx', 'pdf', 'jpg', 'png'];
export const REGISTRY_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const registryFileOwners = ['support_center', 'reward_scheme', 'seminar'] as const;
export type RegistryFileOwner = (typeof registryFileOwners)[number];

export interface RegistryFileDto {
  id: number;
  name: string;
  kind: FileKind | null;
  sizeBytes: number;
  uploadedAt: string;
  url: string;
  abilities: { delete: Ability };
}

// ---- 学生发展支持中心 ----

export const supportCenterInput = z.object({
  name: text(60, '请填写中心名称'),
  establishedOn: pastDate,
  place: text(100, '请填写中心地点'),
  staff: z
    .array(z.object({ name: text(40, '请填写姓名'), role: text(40, '请填写职责或岗位') }))
    .max(50, '工作人员最多 50 名')
    .default([]),
  services: z.array(text(60, '服务项目不能为空')).max(30, '服务项目最多 30 项').default([]),
  note: optionalText(1000),
});
export type SupportCenterInput = z.infer<typeof supportCenterInput>;

export interface SupportCenterDto {
  unitId: number;
  name: string;
  establishedOn: string;
  place: string;
  staff: { name: string; role: string }[];
  services: string[];
  note: string | null;
  updatedAt: string;
  updatedBy: { id: number; displayName: string } | null;
}

export interface SupportCenterView {
  unit: { id: number; name: string };
  center: SupportCenterDto | null;
  files: RegistryFileDto[];
  abilities: { edit: Ability };
}

// ---- 成长奖励制度 ----

export const rewardSchemeInput = z.object({
  title: text(100, '请填写制度名称'),
  adoptedOn: pastDate,
  note: optionalText(1000),
});
export type RewardSchemeInput = z.infer<typeof rewardSchemeInput>;

export const rewardItemInput = z.object({
  name: text(60, '请填写奖励项目名称'),
  criteria: text(1000, '请填写评选条件'),
  /** Yuan; empty when the reward is not money. */
  amount: z.preprocess((v) => (v === '' || v === undefined ? null : v), yuanAmount.nullable()),
});
export type RewardItemInput = z.infer<typeof rewardItemInput>;

export interface RewardItemDto {
  id: number;
  name: string;
  criteria: string;
  amountFen: number | null;
  amount: string | null;
  awardCount: number;
  abilities: { edit: Ability; delete: Ability };
}

export interface RewardSchemeView {
  unit: { id: number; name: string };
  scheme: {
    title: string;
    adoptedOn: string;
    note: string | null;
    updatedAt: string;
    updatedBy: { id: number; displayName: string } | null;
  } | null;
  items: RewardItemDto[];
  files: RegistryFileDto[];
  abilities: { edit: Ability; addItem: Ability; award: Ability };
}

export const awardInput = z.object({
  itemId: z.number().int().positive('请选择奖励项目'),
  studentId: z.number().int().positive('请选择学生'),
  awardedOn: pastDate,
  /** Defaults to the school year of the day. */
  schoolYear: z.preprocess((v) => (v === '' ? undefined : v), schoolYear.optional()),
  note: optionalText(500),
});
export type AwardInput = z.infer<typeof awardInput>;

export const listAwardsQuery = pageQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
  schoolYear: schoolYear.optional(),
});
export type ListAwardsQuery = z.infer<typeof listAwardsQuery>;

export interface AwardDto {
  id: number;
  item: { id: number; name: string };
  student: { id: number; name: string; studentNo: string; className: string | null };
  awardedOn: string;
  schoolYear: string;
  note: string | null;
  createdAt: string;
  abilities: { delete: Ability };
}

export interface AwardsPage {
  items: AwardDto[];
  /** Awards the user may see (their scope); a teacher sees their own students'. */
  total: number;
  /** Every award of the unit in the filter, whoever the student. */
  unitTotal: number;
  page: number;
  pageSize: number;
}

// ---- 常态化研讨 ----

export const seminarInput = z
  .object({
    heldOn: pastDate,
    topic: text(200, '请填写研讨主题'),
    participantCount: z.number('请填写参加人数').int('参加人数应为整数').min(1, '参加人数至少 1 人').max(10000),
    participantNames: z.array(text(40, '姓名不能为空')).max(500, '参加人员最多 500 名').default([]),
    minutes: optionalText(20000),
  })
  .refine((s) => s.participantNames.length <= s.participantCount, {
    path: ['participantCount'],
    message: '参加人数不能少于列出的参加人员人数',
  });
export type SeminarInput = z.infer<typeof seminarInput>;

export const listSeminarsQuery = pageQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
  schoolYear: schoolYear.optional(),
});
export type ListSeminarsQuery = z.infer<typeof listSeminarsQuery>;

export interface SeminarDto {
  id: number;
  unitId: number;
  heldOn: string;
  schoolYear: string;
  semester: 'first' | 'second';
  topic: string;
  participantCount: number;
  participantNames: string[];
  minutes: string | null;
  files: RegistryFileDto[];
  createdBy: { id: number; displayName: string } | null;
  updatedAt: string;
  abilities: { edit: Ability; delete: Ability };
}

export interface SeminarsPage {
  unit: { id: number; name: string };
  items: SeminarDto[];
  total: number;
  page: number;
  pageSize: number;
  abilities: { create: Ability };
}
