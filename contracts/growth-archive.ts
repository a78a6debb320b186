import { z } from 'zod';
import type { Ability } from './submissions.ts';

/**
 * 资助成长档案: one timeline per student of aid received, development
 * activities, growth rewards, mentor notes and goals (product.md, "Year-round
 * records"). Amounts are exact: yuan on the way in and out, fen (yuan × 100,
 * an integer) in the database.
 */
export const archiveEntryKinds = ['aid', 'activity', 'reward', 'note', 'goal'] as const;
export type ArchiveEntryKind = (typeof archiveEntryKinds)[number];
export const archiveEntryKindLabels: Record<ArchiveEntryKind, string> = {
  aid: '受助记录',
  activity: '发展活动',
  reward: '成长奖励',
  note: '导师记录',
  goal: '成长目标',
};

export const aidTypes = [
  'national_grant',
  'tuition_waiver',
  'national_scholarship',
  'national_encouragement',
  'school_scholarship',
  'work_study',
  'hardship_allowance',
  'social_aid',
  'other',
] as const;
export type AidType = (typeof aidTypes)[number];
export const aidTypeLabels: Record<AidType, string> = {
  national_grant: '国家助学金',
  tuition_waiver: '免学费',
  national_scholarship: '国家奖学金',
  national_encouragement: '国家励志奖学金',
  school_scholarship: '学校奖学金',
  work_study: '勤工助学',
  hardship_allowance: '临时困难补助',
  social_aid: '社会资助',
  other: '其他',
};

export const activityTypes = ['career_planning', 'study_practice', 'work_study', 'social_service', 'skills_competition', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const activityTypeLabels: Record<ActivityType, string> = {
  career_planning: '生涯规划',
  study_practice: '研学实践',
  work_study: '勤工助学',
  social_service: '社会服务',
  skills_competition: '技能竞赛',
  other: '其他',
};

export const goalStatuses = ['in_progress', 'achieved', 'adjusted'] as const;
export type GoalStatus = (typeof goalStatuses)[number];
export const goalStatusLabels: Record<GoalStatus, string> = { in_progress: '进行中', achieved: '已达成', adjusted: '调整' };

// ---- money and dates ----

/** 1500 / '1500' / '1500.5' / '1,500.50' yuan → 150050 fen, exactly (no floating point); null if not an amount. */
export function yuanToFen(value: string | number): number | null {
  const text = String(value).replace(/[,,\s]/g, '');
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 150050 → '1500.50' */
export function fenToYuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** A positive amount in yuan with at most two decimals, as fen. */
export const yuanAmount = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const fen = yuanToFen(v);
  if (fen === null || fen <= 0) {
    ctx.addIssue({ code: 'custom', message: '金额应为大于 0 的数字(单位:元,最多两位小数),例如 1500 或 1500.50' });
    return z.NEVER;
  }
  return fen;
});

/** Today's date in Beijing, 'YYYY-MM-DD'. */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const plainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '2000-01-01';
  }, '请填写有效的日期');

/** A day that has happened (in Beijing): records are of the past. */
export const pastDate = plainDate.refine((v) => v <= beijingToday(), '日期不能晚于今天');

const text = (max: number, message = '请填写此项') => z.string().trim().min(1, message).max(max, `最多 ${max} 字`);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max, `最多 ${max} 字`).nullable().optional(),
  );

// ---- entries ----

export const aidEntryInput = z.object({
  kind: z.literal('aid'),
  occurredOn: pastDate,
  aidType: z.enum(aidTypes, '请选择资助类型'),
  amount: yuanAmount,
  funder: optionalText(100),
  note: optionalText(500),
});

export const activityEntryInput = z.object({
  kind: z.literal('activity'),
  occurredOn: pastDate,
  activityType: z.enum(activityTypes, '请选择活动类型'),
  title: text(100, '请填写活动名称'),
  hours: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .number('学时应为数字')
      .min(0, '学时不能为负数')
      .max(9999, '学时最多 9999')
      .refine((h) => Math.abs(h * 10 - Math.round(h * 10)) < 1e-6, '学时最多一位小数')
      .nullable()
      .optional(),
  ),
  note: optionalText(1000),
});

export const rewardEntryInput = z.object({
  kind: z.literal('reward'),
  occurredOn: pastDate,
  title: text(100, '请填写奖励名称'),
  note: optionalText(500),
});

export const noteEntryInput = z.object({
  kind: z.literal('note'),
  occurredOn: pastDate,
  body: text(2000, '请填写记录内容'),
});

export const goalEntryInput = z
  .object({
    kind: z.literal('goal'),
    /** The day the goal was set. */
    occurredOn: pastDate,
    body: text(500, '请填写目标内容'),
    targetOn: z.preprocess((v) => (v === '' ? null : v), plainDate.nullable().optional()),
    goalStatus: z.enum(goalStatuses, '请选择目标状态').default('in_progress'),
  })
  .refine((g) => !g.targetOn || g.targetOn >= g.occurredOn, { path: ['targetOn'], message: '目标日期不能早于制定日期' });

export const archiveEntryInput = z.discriminatedUnion('kind', [
  aidEntryInput,
  activityEntryInput,
  rewardEntryInput,
  noteEntryInput,
  goalEntryInput,
]);
export type ArchiveEntryInput = z.infer<typeof archiveEntryInput>;
/** What a form sends (amount as typed). */
export type ArchiveEntryFormInput = z.input<typeof archiveEntryInput>;

/** Free-text fields of each kind: what the PII check reads. */
export const archiveTextFields = {
  aid: ['funder', 'note'],
  activity: ['title', 'note'],
  reward: ['title', 'note'],
  note: ['body'],
  goal: ['body'],
} as const satisfies Record<ArchiveEntryKind, readonly string[]>;

export const archiveQuery = z.object({
  kind: z.enum(archiveEntryKinds).optional(),
  schoolYear: z
    .string()
    .regex(/^\d{4}-\d{4}$/, '学年格式应为 2024-2025')
    .optional(),
});
export type ArchiveQuery = z.infer<typeof archiveQuery>;

export interface ArchiveEntryDto {
  id: number;
  kind: ArchiveEntryKind;
  occurredOn: string;
  schoolYear: string;
  aidType: AidType | null;
  /** Yuan × 100 (exact); `amount` is the same in yuan, '1500.00'. */
  amountFen: number | null;
  amount: string | null;
  funder: string | null;
  activityType: ActivityType | null;
  title: string | null;
  hours: number | null;
  body: string | null;
  note: string | null;
  targetOn: string | null;
  goalStatus: GoalStatus | null;
  /** A reward given under the unit's 成长奖励制度: kept in the registry, shown here. */
  award: { id: number; itemName: string; schoolYear: string } | null;
  createdBy: { id: number; displayName: string } | null;
  createdAt: string;
  updatedBy: { id: number; displayName: string } | null;
  updatedAt: string;
  abilities: { edit: Ability; delete: Ability };
}

export interface ArchiveStudentDto {
  id: number;
  name: string;
  studentNo: string;
  unitId: number;
  unitName: string;
  department: string | null;
  programme: string;
  grade: number;
  className: string | null;
  /** Masked only (3201**********1234). */
  idNumberMasked: string | null;
}

export interface GrowthArchiveDto {
  student: ArchiveStudentDto;
  entries: ArchiveEntryDto[];
  /** Aid received per school year, newest first. */
  aidTotals: { schoolYear: string; count: number; amountFen: number; amount: string }[];
  abilities: { create: Record<ArchiveEntryKind, Ability>; export: Ability };
}
