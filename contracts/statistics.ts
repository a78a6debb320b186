import { z } from 'zod';
import { regions } from './regions.ts';
import { schoolYear } from './school-year.ts';

/**
 * 《资助育人主题活动开展情况统计表》(附件5): the layout is configured per campaign
 * (its real columns are not published), each column either computed from a
 * metric of the catalogue (server/src/modules/statistics/metrics.ts) or entered
 * by the unit.
 */

export type CellValue = number | string | boolean | null;

export const columnKinds = ['computed', 'number', 'text', 'boolean'] as const;
export type ColumnKind = (typeof columnKinds)[number];
export const columnKindLabels: Record<ColumnKind, string> = {
  computed: '自动统计',
  number: '填报(数字)',
  text: '填报(文字)',
  boolean: '填报(是/否)',
};

export const statisticsColumn = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, '列代码须以小写字母开头,只含小写字母、数字和下划线,最长 40 位'),
  /** The merged header above the column; adjacent columns with the same group share one cell. */
  group: z.string().trim().max(40, '分组表头最多 40 字'),
  header: z.string().trim().min(1, '请填写列标题').max(40, '列标题最多 40 字'),
  kind: z.enum(columnKinds),
  /** computed only: the catalogue metric and its parameter (a track code, an activity kind, a level id, an aid type, or 'all'). */
  metric: z.string().max(60).optional(),
  param: z.string().max(40).optional(),
});
export type StatisticsColumn = z.infer<typeof statisticsColumn>;

export const layoutInput = z
  .object({
    columns: z.array(statisticsColumn).min(1, '至少需要一列').max(80, '最多 80 列'),
    /** ISO date-time: the filing deadline (default 9月20日 23:59 北京时间). */
    deadlineAt: z.iso.datetime({ offset: true }),
    /** The school year whose records are counted (default: the campaign year's (Y-1)-Y). */
    schoolYear: schoolYear.optional(),
  })
  .refine((v) => new Set(v.columns.map((c) => c.key)).size === v.columns.length, { message: '列代码不能重复', path: ['columns'] })
  .refine((v) => v.columns.every((c) => (c.kind === 'computed') === Boolean(c.metric)), {
    message: '自动统计的列须选择统计指标;填报列不选指标',
    path: ['columns'],
  });
export type LayoutInput = z.infer<typeof layoutInput>;

export interface MetricDto {
  key: string;
  label: string;
  unit: string;
  description: string;
  /** The parameter choices, e.g. track codes; empty when the metric takes none. */
  params: { value: string; label: string }[];
  /** Set while the metric cannot be computed yet (e.g. the provincial decision). */
  note: string | null;
}

export interface LayoutDto {
  campaignId: number;
  campaignTitle: string;
  campaignYear: number;
  /** The school year the year-round records are counted in. */
  schoolYear: string;
  deadlineAt: string;
  columns: StatisticsColumn[];
  metrics: MetricDto[];
  abilities: { edit: boolean };
}

/** What a submitted filing says (values) and what was computed at submission (to show later differences). */
export interface SubmittedValues {
  values: Record<string, CellValue>;
  computed: Record<string, number | null>;
}

export interface StoredOverride {
  /** The computed figure when the override was made. */
  computed: number | null;
  value: number;
  reason: string;
  by: number;
  at: string;
}

export const reportSection = z.object({
  title: z.string().trim().min(1, '请填写小标题').max(60, '小标题最多 60 字'),
  body: z.string().trim().max(20000, '每节最多 20000 字'),
});
export type ReportSection = z.infer<typeof reportSection>;

export const defaultReportSections: ReportSection[] = [
  { title: '一、活动组织开展情况', body: '' },
  { title: '二、主要做法与成效', body: '' },
  { title: '三、典型经验与特色', body: '' },
  { title: '四、存在问题与下一步打算', body: '' },
];

export const enteredValuesInput = z.object({
  values: z.record(z.string(), z.union([z.number().finite().min(0).max(1e12), z.string().max(500), z.boolean(), z.null()])),
});
export const overrideInput = z.object({
  value: z.number({ error: '请填写更正后的数值' }).finite().min(0, '数值不能为负').max(1e12),
  reason: z.string().trim().min(4, '请说明更正理由(至少 4 个字)').max(500, '理由最多 500 字'),
});
export const reportInput = z.object({ sections: z.array(reportSection).max(20, '最多 20 节') });

export const reopenReasons = ['late_correction', 'data_error', 'extension_granted', 'other'] as const;
export type ReopenReason = (typeof reopenReasons)[number];
export const reopenReasonLabels: Record<ReopenReason, string> = {
  late_correction: '单位申请更正',
  data_error: '数据有误需重报',
  extension_granted: '同意延期报送',
  other: '其他',
};
export const reopenInput = z.object({
  reason: z.enum(reopenReasons, '请选择重新开放的原因'),
  note: z.string().trim().max(500).optional(),
});

export const gridQuery = z.object({ region: z.enum(regions).optional() });
export const remindInput = z.object({ unitIds: z.array(z.number().int().positive()).max(200).optional() });

export interface FilingCellDto {
  key: string;
  kind: ColumnKind;
  /** Today's computation (computed columns). */
  computed: number | null;
  override: { value: number; computedAtOverride: number | null; reason: string; at: string } | null;
  entered: CellValue;
  /** What the filing says: the submitted value once submitted, else the live one. */
  value: CellValue;
  /** Submitted and today's computation differs from what was submitted. */
  differsFromToday: boolean;
}

export type FilingState = 'not_started' | 'draft' | 'signed_off' | 'submitted';
export const filingStateLabels: Record<FilingState, string> = {
  not_started: '未填报',
  draft: '填报中',
  signed_off: '已签批待报送',
  submitted: '已报送',
};

export interface FilingVersionSummary {
  version: number;
  /** When it was submitted, and by whom. */
  at: string;
  by: string;
  signedOff: { at: string; by: string } | null;
}

/** One submitted version as it was sent: the table, the overrides with their reasons, the report. */
export interface FilingVersionDto extends FilingVersionSummary {
  columns: StatisticsColumn[];
  values: CellValue[];
  overrides: (GridOverride | null)[];
  reportSections: ReportSection[];
  reportFile: { name: string; size: number } | null;
}

/** The outcome of a reminder: units notified, and late units that could not be (no active aid officer). */
export interface RemindResult {
  units: number;
  /** Late units whose officers were already reminded on this occasion (today, for a manual reminder). */
  alreadyReminded: number;
  withoutOfficer: string[];
}

export interface FilingDto {
  id: number | null;
  campaignId: number;
  unit: { id: number; name: string; region: string | null };
  state: FilingState;
  version: number;
  deadlineAt: string;
  columns: StatisticsColumn[];
  cells: FilingCellDto[];
  reportSections: ReportSection[];
  reportFile: { id: number; name: string; size: number } | null;
  signedOff: { version: number; at: string; by: string } | null;
  submittedAt: string | null;
  reopened: { at: string; reason: string; note: string | null } | null;
  /** Every submission kept (oldest first): reopened and resubmitted filings keep their earlier versions. */
  versions: FilingVersionSummary[];
  abilities: { edit: boolean; signOff: boolean; submit: boolean; reopen: boolean };
  /** Why each action is not possible now: reason code → message (for the disabled buttons). */
  whyNot: { edit: string | null; signOff: string | null; submit: string | null; reopen: string | null };
}

/** A computed figure the unit replaced: what the platform computed then, and why. */
export interface GridOverride {
  computed: number | null;
  reason: string;
}

export interface GridRowDto {
  unit: { id: number; code: string; name: string; region: string | null };
  state: FilingState;
  submittedAt: string | null;
  values: CellValue[];
  /** Per column: the unit's override, or null. */
  overrides: (GridOverride | null)[];
}

export interface GridDto {
  campaignId: number;
  deadlineAt: string;
  columns: StatisticsColumn[];
  rows: GridRowDto[];
  totals: (number | null)[];
  notFiled: { id: number; name: string }[];
}
