import { z } from 'zod';
import { optionalText } from './common.ts';
import { formTemplate, type FormTemplate } from './form-template.ts';
import type { ReasonCode } from './reasons.ts';
import { regions, type Region } from './regions.ts';

export const campaignStatus = ['draft', 'open', 'reviewing', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatus)[number];
export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: '筹备中',
  open: '申报中',
  reviewing: '评审中',
  closed: '已结束',
};

/** The one way forward: draft → open → reviewing → closed. */
export const campaignTransitions = {
  open: { from: 'draft', to: 'open', label: '开始申报' },
  review: { from: 'open', to: 'reviewing', label: '进入评审' },
  close: { from: 'reviewing', to: 'closed', label: '结束活动' },
} as const satisfies Record<string, { from: CampaignStatus; to: CampaignStatus; label: string }>;
export type CampaignTransition = keyof typeof campaignTransitions;

export const trackKinds = ['case', 'ambassador'] as const;
export type TrackKind = (typeof trackKinds)[number];
export const trackKindLabels: Record<TrackKind, string> = { case: '优秀案例', ambassador: '宣传大使' };

// ---- field rules shared by the server and the forms

const plainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '日期无效');
/** An instant with its offset, e.g. 2025-05-01T09:00:00+08:00 (the forms send Shanghai time). */
const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' });

export const campaignYear = z.number().int('年份须为整数').min(2000, '年份须在 2000–2100 之间').max(2100, '年份须在 2000–2100 之间');

/** The eligible population: 五年制高职, grades 4–5 by default. */
export const eligibility = z.object({
  programme: z.string().trim().min(1, '请填写学制,如“五年制高职”').max(40),
  grades: z
    .array(z.number().int().min(1, '年级须在 1–5 之间').max(5, '年级须在 1–5 之间'))
    .min(1, '请至少选择一个年级')
    .max(5)
    .refine((g) => new Set(g).size === g.length, '年级不能重复'),
});
export type Eligibility = z.infer<typeof eligibility>;
export const defaultEligibility: Eligibility = { programme: '五年制高职', grades: [4, 5] };

const campaignFields = {
  year: campaignYear,
  title: z.string().trim().min(1, '请填写活动名称').max(100, '活动名称最多 100 字'),
  noticeText: optionalText(z.string().trim().max(20_000, '通知正文最多 20000 字')),
  summaryDueOn: optionalText(plainDate),
  eligibility,
};

export const createCampaignInput = z.object({ ...campaignFields, eligibility: eligibility.default(defaultEligibility) });
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const updateCampaignInput = z.object(campaignFields).partial();
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

export const copyCampaignInput = z.object({ year: campaignFields.year, title: campaignFields.title });
export type CopyCampaignInput = z.infer<typeof copyCampaignInput>;

/** Mobile (13800000000) or landline with area code (0516-8000 0001, 025-80000002, 051680000001). */
export const contactPhone = z
  .string()
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{3,4}[- ]?\d{4}(?:-\d{1,6})?)$/, '请输入手机号或带区号的座机号(如 0516-8000 0001)');

export const trackCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{0,9}$/, '类别代码为 1–10 位大写字母或数字,以字母开头(用于受理编号,如 2024-FZ-0007)');

export const trackFields = {
  code: trackCode,
  name: z.string().trim().min(1, '请填写类别名称').max(60, '类别名称最多 60 字'),
  kind: z.enum(trackKinds),
  description: optionalText(z.string().trim().max(2000)),
  hostUnitId: z.number().int().positive().nullable().optional(),
  coordinatorUserId: z.number().int().positive().nullable().optional(),
  contactName: optionalText(z.string().trim().max(40, '联系人最多 40 字')),
  contactEmail: optionalText(z.string().trim().email('邮箱格式不正确').max(120)),
  contactPhone: optionalText(contactPhone),
  opensAt: optionalText(instant),
  submissionClosesAt: optionalText(instant),
  revisionClosesAt: optionalText(instant),
  defaultQuota: z.number().int().min(0, '名额不能为负数').max(100, '名额最多 100'),
  upwardQuota: z.number().int().min(0, '名额不能为负数').max(100, '名额最多 100'),
};

export const createTrackInput = z.object({
  ...trackFields,
  defaultQuota: trackFields.defaultQuota.default(2),
  upwardQuota: trackFields.upwardQuota.default(3),
});
export type CreateTrackInput = z.infer<typeof createTrackInput>;

export const updateTrackInput = z.object(trackFields).partial();
export type UpdateTrackInput = z.infer<typeof updateTrackInput>;

export const reorderTracksInput = z.object({
  trackIds: z.array(z.number().int().positive()).min(1).max(50),
});

export const subtypeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{0,9}$/, '子类代码为 1–10 位大写字母或数字,以字母开头'),
  name: z.string().trim().min(1, '请填写子类名称').max(60, '子类名称最多 60 字'),
  description: optionalText(z.string().trim().max(500)),
});
export type SubtypeInput = z.infer<typeof subtypeInput>;
export const updateSubtypeInput = subtypeInput.partial();

export const quotaOverridesInput = z
  .array(z.object({ unitId: z.number().int().positive(), quota: z.number().int().min(0, '名额不能为负数').max(100, '名额最多 100') }))
  .max(1000)
  .refine((list) => new Set(list.map((o) => o.unitId)).size === list.length, '同一单位只能设置一次名额');
export type QuotaOverridesInput = z.infer<typeof quotaOverridesInput>;

/** The template editor's input: the shape of contracts/form-template.ts plus unique keys. */
export const formTemplateInput = formTemplate.superRefine((t, ctx) => {
  const seen = (keys: string[], path: 'sections' | 'attachmentSlots', what: string) => {
    const first = new Map<string, number>();
    keys.forEach((key, i) => {
      if (first.has(key)) ctx.addIssue({ code: 'custom', path: [path, i, 'key'], message: `${what}代码“${key}”重复,请改为不同的代码` });
      else first.set(key, i);
    });
  };
  seen(
    t.sections.map((s) => s.key),
    'sections',
    '栏目',
  );
  seen(
    t.attachmentSlots.map((s) => s.key),
    'attachmentSlots',
    '附件',
  );
});

export const progressQuery = z.object({ region: z.enum(regions).optional() });

// ---- responses

export interface CampaignAbilities {
  update: boolean;
  open: boolean;
  review: boolean;
  close: boolean;
  copy: boolean;
  delete: boolean;
  addTrack: boolean;
  viewProgress: boolean;
}

export interface TrackAbilities {
  update: boolean;
  delete: boolean;
}

export interface SubtypeDto {
  id: number;
  code: string;
  name: string;
  description: string | null;
}

export interface TrackDto {
  id: number;
  code: string;
  name: string;
  kind: TrackKind;
  description: string | null;
  sortOrder: number;
  hostUnit: { id: number; name: string } | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  coordinator: { id: number; displayName: string } | null;
  subtypes: SubtypeDto[];
  /** Instants (ISO); show them in Asia/Shanghai. */
  opensAt: string | null;
  submissionClosesAt: string | null;
  revisionClosesAt: string | null;
  defaultQuota: number;
  upwardQuota: number;
  /** How many units have a quota other than the default. */
  quotaOverrideCount: number;
  formTemplate: FormTemplate;
  abilities: TrackAbilities;
  /** Why each refused ability is refused (the UI shows it on the disabled button). */
  reasons: Partial<Record<keyof TrackAbilities, ReasonCode>>;
}

export interface NoticeFileDto {
  id: number;
  name: string;
  sizeBytes: number;
  uploadedAt: string;
  url: string;
}

export interface CampaignDto {
  id: number;
  year: number;
  title: string;
  status: CampaignStatus;
  noticeText: string | null;
  summaryDueOn: string | null;
  eligibility: Eligibility;
  files: NoticeFileDto[];
  tracks: TrackDto[];
  abilities: CampaignAbilities;
  reasons: Partial<Record<keyof CampaignAbilities, ReasonCode>>;
  /** For those who manage campaigns, while a draft: what is still missing before it may open. */
  openingProblems: OpeningProblem[];
}

export interface QuotaOverrideDto {
  unitId: number;
  unitName: string;
  unitCode: string;
  quota: number;
}

/** One thing that keeps a campaign from opening (details.problems of campaign_not_ready). */
export interface OpeningProblem {
  trackId: number | null;
  trackName: string | null;
  code: ReasonCode;
  message: string;
}

/**
 * A submission's state for progress, in this order (the first that applies):
 * withdrawn (taken back by the unit, not resubmitted) → draft (never submitted)
 * → accepted → returned (returned after its latest submission) → submitted.
 * Deleted drafts never count. Quota used = submitted + returned + accepted.
 */
export interface ProgressCounts {
  /** null: drafts are internal to a unit, and this viewer is outside it. */
  drafts: number | null;
  submitted: number;
  returned: number;
  accepted: number;
  withdrawn: number;
  quota: number;
  quotaUsed: number;
}

export interface ProgressRow extends ProgressCounts {
  trackId: number;
  unitId: number;
  unitName: string;
  unitCode: string;
  region: Region | null;
}

export interface CampaignProgressDto {
  campaign: { id: number; year: number; title: string; status: CampaignStatus };
  /** institute: every unit and track; otherwise limited to the viewer's tracks and/or unit. */
  scope: 'institute' | 'limited';
  tracks: { id: number; code: string; name: string; totals: ProgressCounts }[];
  rows: ProgressRow[];
}
