import { z } from 'zod';
import { pageQuery } from './common.ts';
import type { StudentBrief } from './home-visits.ts';
import type { PiiFinding } from './pii.ts';
import { schoolYear } from './school-year.ts';
import type { Ability } from './submissions.ts';

/**
 * 家庭经济困难学生认定, per school year:
 * 申请(诚信承诺) → 家访 → 民主评议 → 单位审核 → 学院复核 → 公示(≥5 个工作日, 异议) → 归档.
 * No approval (unit review or re-check) without a completed home visit of the
 * same student in the same school year (先家访后认定).
 */

export const identificationStatuses = [
  'applied',
  'appraised',
  'rejected',
  'proposed',
  'confirmed',
  'in_notice',
  'archived',
  'revoked',
] as const;
export type IdentificationStatus = (typeof identificationStatuses)[number];
export const identificationStatusLabels: Record<IdentificationStatus, string> = {
  applied: '待民主评议',
  appraised: '待单位审核',
  rejected: '未通过',
  proposed: '待学院复核',
  confirmed: '待公示',
  in_notice: '公示中',
  archived: '已认定',
  revoked: '已撤销',
};

/** The steps as the pipeline shows them, in order. */
export const identificationSteps = ['application', 'visit', 'appraisal', 'review', 'recheck', 'notice', 'archive'] as const;
export type IdentificationStep = (typeof identificationSteps)[number];
export const identificationStepLabels: Record<IdentificationStep, string> = {
  application: '申请与诚信承诺',
  visit: '家访',
  appraisal: '民主评议',
  review: '单位审核',
  recheck: '学院复核',
  notice: '公示',
  archive: '归档',
};

export const NOTICE_MIN_WORKING_DAYS = 5;

const plainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const reasonText = (what: string) => z.string().trim().min(2, `请填写${what}(至少 2 个字)`).max(1000, `${what}最多 1000 字`);

// ---- levels (configured by the institute admin)

export const levelInput = z.object({
  name: z.string().trim().min(2, '等级名称至少 2 个字').max(20, '等级名称最多 20 字'),
  sortOrder: z.number().int().min(0).max(999).optional(),
  active: z.boolean().optional(),
});
export type LevelInput = z.infer<typeof levelInput>;
export const updateLevelInput = levelInput.partial();
export type UpdateLevelInput = z.infer<typeof updateLevelInput>;

export interface LevelDto {
  id: number;
  name: string;
  sortOrder: number;
  active: boolean;
  /** Identifications that use it (a used level can be retired, not deleted). */
  usage: number;
}

// ---- the steps

export const createIdentificationInput = z.object({
  studentId: z.number().int().positive(),
  schoolYear,
  pledgeConfirmed: z.literal(true, { error: '请确认学生已签署诚信承诺书' }),
  pledgeSignedOn: plainDate,
  statedSituation: z.string().trim().min(10, '请填写学生陈述的家庭经济情况(至少 10 个字)').max(2000, '最多 2000 字'),
  requestedLevelId: z.number().int().positive().nullable().optional(),
});
export type CreateIdentificationInput = z.infer<typeof createIdentificationInput>;

export const linkVisitInput = z.object({ homeVisitId: z.number().int().positive() });
export type LinkVisitInput = z.infer<typeof linkVisitInput>;

export const appraisalResults = ['supported', 'not_supported'] as const;
export type AppraisalResult = (typeof appraisalResults)[number];
export const appraisalResultLabels: Record<AppraisalResult, string> = { supported: '同意认定', not_supported: '不同意认定' };

export const appraisalInput = z.object({
  result: z.enum(appraisalResults),
  suggestedLevelId: z.number().int().positive().nullable().optional(),
  appraisedOn: plainDate,
  note: z.string().trim().max(1000, '评议说明最多 1000 字').optional(),
});
export type AppraisalInput = z.infer<typeof appraisalInput>;

export const unitReviewInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('propose'), levelId: z.number().int().positive(), reason: z.string().trim().max(1000).optional() }),
  z.object({ decision: z.literal('reject'), reason: reasonText('不予认定的原因') }),
]);
export type UnitReviewInput = z.infer<typeof unitReviewInput>;

export const recheckInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('confirm') }),
  z.object({ decision: z.literal('return'), reason: reasonText('退回原因') }),
]);
export type RecheckInput = z.infer<typeof recheckInput>;

export const adjustLevelInput = z.object({ levelId: z.number().int().positive(), reason: reasonText('调整原因') });
export type AdjustLevelInput = z.infer<typeof adjustLevelInput>;

export const listIdentificationsQuery = pageQuery.extend({
  schoolYear,
  status: z.enum(identificationStatuses).optional(),
  levelId: z.coerce.number().int().positive().optional(),
  className: z.string().trim().max(60).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  /** 学号 prefix or name. */
  q: z.string().trim().max(40).optional(),
});
export type ListIdentificationsQuery = z.infer<typeof listIdentificationsQuery>;

export interface IdentificationAbilities {
  linkVisit: Ability;
  appraise: Ability;
  /** 单位审核: propose a level (needs the completed home visit). */
  propose: Ability;
  reject: Ability;
  /** 学院复核 */
  confirm: Ability;
  return: Ability;
  adjust: Ability;
}

export interface IdentificationEventDto {
  id: number;
  action: string;
  actor: { id: number; displayName: string } | null;
  note: string | null;
  details: Record<string, unknown>;
  at: string;
}

export interface IdentificationDto {
  id: number;
  student: StudentBrief;
  schoolYear: string;
  status: IdentificationStatus;
  application: {
    pledgeSignedOn: string;
    statedSituation: string;
    requestedLevel: { id: number; name: string } | null;
    appliedBy: { id: number; displayName: string } | null;
    appliedAt: string;
  };
  visit: { id: number; visitedOn: string; mode: string; visitors: string[] } | null;
  /** A completed visit of this student in this school year is linked: the approval steps may proceed. */
  hasCompletedVisit: boolean;
  appraisal: {
    result: AppraisalResult;
    suggestedLevel: { id: number; name: string } | null;
    appraisedOn: string;
    note: string | null;
  } | null;
  review: { proposedLevel: { id: number; name: string } | null; reason: string | null; at: string } | null;
  recheck: { at: string } | null;
  /** The institute's latest send-back, while it is awaiting the unit again. */
  returned: { at: string; reason: string } | null;
  level: { id: number; name: string } | null;
  notice: { id: number; startsOn: string; endsOn: string } | null;
  archivedAt: string | null;
  revoked: { at: string; reason: string | null } | null;
  updatedAt: string;
  abilities: IdentificationAbilities;
}

export interface IdentificationDetail extends IdentificationDto {
  events: IdentificationEventDto[];
  /** PII findings in the stated situation (a warning to fix it, never blocking). */
  privacyWarnings: PiiFinding[];
}

export interface IdentificationPage {
  items: IdentificationDto[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status, for the same school year and scope (the pipeline's counters). */
  counts: Partial<Record<IdentificationStatus, number>>;
  /** What the current user may start here. */
  abilities: { apply: Ability; publishNotice: Ability };
}

// ---- 公示 (public notice)

export const publishNoticeInput = z.object({
  schoolYear,
  startsOn: plainDate,
  endsOn: plainDate,
  title: z.string().trim().min(4).max(100).optional(),
});
export type PublishNoticeInput = z.infer<typeof publishNoticeInput>;

/** The only fields a public list may show (product.md, Privacy rules): 姓名、单位、院系、专业、年级、班级. The level is not shown. */
export const noticeEntryFields = ['name', 'unitName', 'department', 'programme', 'grade', 'className'] as const;
export interface NoticeEntryDto {
  name: string;
  unitName: string;
  department: string | null;
  programme: string | null;
  grade: number | null;
  className: string | null;
}

export type NoticeState = 'scheduled' | 'running' | 'ended' | 'archived';
export const noticeStateLabels: Record<NoticeState, string> = {
  scheduled: '未开始',
  running: '公示中',
  ended: '公示期满',
  archived: '已归档',
};

export interface NoticeSummaryDto {
  id: number;
  unit: { id: number; name: string };
  schoolYear: string;
  title: string;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  state: NoticeState;
  entryCount: number;
  /** Managers only (the unit's aid officer, the institute admin); null for others. */
  openObjections: number | null;
  abilities: { object: Ability; archive: Ability; manage: Ability };
}

export interface NoticeDto extends NoticeSummaryDto {
  /** In list order; an objection names a row by its position (1-based). */
  entries: NoticeEntryDto[];
}

export const objectionInput = z.object({
  text: z.string().trim().min(5, '请写明异议的具体内容(至少 5 个字)').max(1000, '最多 1000 字'),
  /** The row of the list the objection is about (1-based), or none for the list as a whole. */
  entryNo: z.number().int().min(1).nullable().optional(),
});
export type ObjectionInput = z.infer<typeof objectionInput>;

export const objectionOutcomes = ['dismissed', 'upheld'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];
export const objectionOutcomeLabels: Record<ObjectionOutcome, string> = {
  dismissed: '异议不成立,维持认定',
  upheld: '异议成立,撤销该生认定',
};

export const resolveObjectionInput = z.object({ outcome: z.enum(objectionOutcomes), note: reasonText('处理意见') });
export type ResolveObjectionInput = z.infer<typeof resolveObjectionInput>;

export interface ObjectionDto {
  id: number;
  text: string;
  /** The row named, as the list shows it; null for the list as a whole. */
  entry: { no: number; name: string; className: string | null } | null;
  lodgedBy: { id: number; displayName: string } | null;
  lodgedAt: string;
  resolution: { outcome: ObjectionOutcome; note: string; by: { id: number; displayName: string } | null; at: string } | null;
  abilities: { resolve: Ability };
}

/** Lodging an objection answers only what the lodger may know. */
export interface LodgedObjectionDto {
  id: number;
  lodgedAt: string;
}

// ---- working days

const DAY_MS = 24 * 3600_000;
const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekday = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d !== 0 && d !== 6;
};

/**
 * Working days (Monday–Friday) from start to end, both included. Public
 * holidays and their make-up working days are not known to the system: over
 * a holiday, the officer extends the end date (the UI says so).
 */
export function countWorkingDays(startsOn: string, endsOn: string): number {
  let n = 0;
  for (let ms = toUtc(startsOn); ms <= toUtc(endsOn); ms += DAY_MS) if (isWeekday(ms)) n += 1;
  return n;
}

/** The earliest end date giving `days` working days from the start (included). */
export function earliestNoticeEnd(startsOn: string, days = NOTICE_MIN_WORKING_DAYS): string {
  let ms = toUtc(startsOn);
  let n = isWeekday(ms) ? 1 : 0;
  while (n < days) {
    ms += DAY_MS;
    if (isWeekday(ms)) n += 1;
  }
  return fromUtc(ms);
}

/** The Beijing calendar date of an instant. */
export function shanghaiToday(now: Date = new Date()): string {
  return fromUtc(now.getTime() + 8 * 3600_000).slice(0, 10);
}
