import { z } from 'zod';
import { pageQuery } from './common.ts';
import type { FileKind, FormTemplate } from './form-template.ts';
import type { SubmissionPrivacyDto } from './pii.ts';
import { ambassadorActivityKinds, priorityTags, type AmbassadorActivityKind, type PriorityTag } from './priorities.ts';
import type { ReasonCode } from './reasons.ts';

/** Where a case stands, derived from its facts with time (submitted_at, returned_at, …). */
export const submissionStatus = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof submissionStatus)[number];
export const submissionStatusLabels: Record<SubmissionStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回修改',
  accepted: '形式审查通过',
};

export const implementationStatus = ['implemented', 'planned'] as const;
export type ImplementationStatus = (typeof implementationStatus)[number];
export const implementationLabels: Record<ImplementationStatus, string> = { implemented: '已实施', planned: '尚待实施' };

const text = (max: number) => z.string().max(max, `最多 ${max} 字`);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const createSubmissionInput = z.object({
  trackId: z.number().int().positive(),
  subtypeId: z.number().int().positive().nullable().optional(),
  title: text(100).trim().optional(),
});
export type CreateSubmissionInput = z.infer<typeof createSubmissionInput>;

export const priorityTagInput = z.object({
  tag: z.enum(priorityTags),
  justification: text(300).trim(),
});

/**
 * Autosave: any subset of the content, plus the revision the client last saw.
 * Shape is checked; completeness is not (a draft may be half-written).
 */
export const updateSubmissionInput = z.object({
  revision: z.number().int().positive(),
  title: text(100).trim().optional(),
  summary: text(1000).optional(),
  subtypeId: z.number().int().positive().nullable().optional(),
  /** { [template section key]: text } — keys outside the template are refused. */
  sections: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), text(50_000)).optional(),
  implementation: z.enum(implementationStatus).nullable().optional(),
  isCollective: z.boolean().optional(),
  collectiveLeaderName: text(40).trim().nullable().optional(),
  priorityTags: z
    .array(priorityTagInput)
    .max(priorityTags.length)
    .refine((tags) => new Set(tags.map((t) => t.tag)).size === tags.length, '同一重点方向不能重复选择')
    .optional(),
  contact: z.object({ name: text(40).trim().nullable(), phone: text(40).trim().nullable() }).optional(),
});
export type UpdateSubmissionInput = z.infer<typeof updateSubmissionInput>;

export const studentInput = z.object({
  name: z.string().trim().min(1, '请填写学生姓名').max(40),
  studentNo: z.string().trim().min(1, '请填写学号').max(40),
  programme: z.string().trim().min(1, '请填写学制').max(40),
  grade: z.number().int().min(1, '年级应为 1–6').max(6, '年级应为 1–6'),
  major: text(60).trim().nullable().optional(),
  className: text(60).trim().nullable().optional(),
  /** The day the student agreed to publicity; null = not yet recorded. */
  consentAt: dateOnly.nullable().optional(),
  consentNote: text(200).nullable().optional(),
});
export type StudentInput = z.infer<typeof studentInput>;

export const replaceStudentsInput = z.object({
  revision: z.number().int().positive(),
  students: z
    .array(studentInput)
    .max(100)
    .refine((list) => new Set(list.map((s) => s.studentNo)).size === list.length, '同一学号不能重复填写'),
});
export type ReplaceStudentsInput = z.infer<typeof replaceStudentsInput>;

export const activityInput = z.object({
  kind: z.enum(ambassadorActivityKinds),
  title: z.string().trim().min(1, '请填写活动名称').max(100),
  heldOn: dateOnly,
  place: z.string().trim().min(1, '请填写活动地点').max(100),
  audience: z.number().int().min(0, '受众人数不能为负').max(1_000_000),
  description: text(2000).nullable().optional(),
});
export type ActivityInput = z.infer<typeof activityInput>;

export const listSubmissionsQuery = pageQuery.extend({
  campaignId: z.coerce.number().int().positive().optional(),
  trackId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(submissionStatus).optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListSubmissionsQuery = z.infer<typeof listSubmissionsQuery>;

export const slotQuery = z.object({ slot: z.string().regex(/^[a-z][a-z0-9_]*$/) });

// ---- responses ----

export interface Ability {
  allowed: boolean;
  /** Why not, when not allowed: show reasons[whyNot].message next to the disabled button. */
  whyNot: ReasonCode | null;
}

export interface SubmissionAbilities {
  edit: Ability;
  delete: Ability;
  /** Put on or take off the recommendation list (the `selected` field says which). */
  select: Ability;
  approve: Ability;
  submit: Ability;
  withdraw: Ability;
  upload: Ability;
  /** Keep a privacy-check finding on purpose, with a reason. */
  acknowledgePii: Ability;
}

/** One thing the submit check found, so the user can fix everything at once. */
export interface SubmitProblem {
  code: ReasonCode;
  message: string;
  /** Which field: 'title', 'sections.practice', 'attachments.feasibility', 'students.0.consentAt', … */
  field?: string;
}

export interface StoredFileDto {
  id: number;
  name: string;
  kind: FileKind | null;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  /** GET this to download with the original name. */
  url: string;
}

export interface SubmissionStudentDto {
  id: number;
  role: 'involved' | 'nominee';
  name: string;
  studentNo: string;
  programme: string;
  grade: number;
  major: string | null;
  className: string | null;
  consentAt: string | null;
  consentNote: string | null;
}

export interface AmbassadorActivityDto {
  id: number;
  kind: AmbassadorActivityKind;
  title: string;
  heldOn: string;
  place: string;
  audience: number;
  description: string | null;
  evidence: StoredFileDto[];
}

export interface QuotaUsageDto {
  trackId: number;
  trackCode: string;
  trackName: string;
  /** Places of this unit in this track (override, else the track's default). */
  quota: number;
  /** Submitted and not withdrawn (returned and accepted ones included). */
  used: number;
  /** Drafts the officer has put on the recommendation list. */
  selected: number;
  drafts: number;
}

export interface SubmissionListItem {
  id: number;
  receiptNo: string | null;
  title: string;
  status: SubmissionStatus;
  track: { id: number; code: string; name: string; kind: 'case' | 'ambassador' };
  subtype: { id: number; name: string } | null;
  unit: { id: number; name: string };
  createdBy: { id: number; displayName: string };
  selected: boolean;
  /** Signed off by the leader for the current revision. */
  approved: boolean;
  /** The last sign-off, current or voided by a later edit. */
  approval: { at: string; by: { id: number; displayName: string } | null; revision: number; current: boolean } | null;
  revision: number;
  submittedAt: string | null;
  updatedAt: string;
  /** Unit staff, while editable: how many things a submit would refuse right now (0 = ready); null otherwise. */
  problemCount: number | null;
  /** What the current user may do with the case, and why not. */
  abilities: SubmissionAbilities;
}

export interface SubmissionDetail extends SubmissionListItem {
  campaign: { id: number; year: number; title: string };
  summary: string;
  sections: Record<string, string>;
  implementation: ImplementationStatus | null;
  isCollective: boolean;
  collectiveLeaderName: string | null;
  priorityTags: { tag: PriorityTag; justification: string }[];
  contact: { name: string | null; phone: string | null };
  selection: { at: string; by: { id: number; displayName: string } | null } | null;
  returnedAt: string | null;
  returnReasons: string | null;
  acceptedAt: string | null;
  withdrawnAt: string | null;
  createdAt: string;
  deadlines: { opensAt: string | null; submissionClosesAt: string | null; revisionClosesAt: string | null };
  template: FormTemplate;
  students: SubmissionStudentDto[];
  attachments: { id: number; slot: string; file: StoredFileDto }[];
  activities: AmbassadorActivityDto[];
  versions: { versionNo: number; createdAt: string; createdBy: { id: number; displayName: string } | null }[];
  events: { action: string; actor: { id: number; displayName: string } | null; note: string | null; at: string }[];
  /** Unit staff only: this unit's places in this track. */
  quota: QuotaUsageDto | null;
  /** Unit staff, while editable: what a submit would refuse right now (empty = ready). */
  problems: SubmitProblem[] | null;
  /** Unit staff: the privacy check (findings in the text and attachments, files to check by hand). */
  privacy: SubmissionPrivacyDto | null;
}

export interface SubmissionVersionDto {
  versionNo: number;
  createdAt: string;
  createdBy: { id: number; displayName: string } | null;
  snapshot: Record<string, unknown>;
}
