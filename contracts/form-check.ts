import { z } from 'zod';
import { pageQuery } from './common.ts';
import { priorityTags, type AmbassadorActivityKind, type PriorityTag } from './priorities.ts';
import type { Ability, SubmissionStudentDto } from './submissions.ts';

/**
 * Where a sent case stands in the form check (形式审查). Finer than
 * SubmissionStatus: a case the unit sent back after a return is 'resubmitted',
 * so the coordinator sees at a glance what needs a second look.
 */
export const formCheckStatus = ['submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type FormCheckStatus = (typeof formCheckStatus)[number];
export const formCheckStatusLabels: Record<FormCheckStatus, string> = {
  submitted: '待审查',
  returned: '已退回修改',
  resubmitted: '修改后重新提交',
  accepted: '形式审查通过',
};

/** Who form-checks a case: its track's coordinator, or the institute admin when the coordinator is of the same unit (回避). */
export type FormCheckHandler = 'coordinator' | 'institute_admin';

export const inboxQuery = pageQuery.extend({
  campaignId: z.coerce.number().int().positive().optional(),
  trackId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  subtypeId: z.coerce.number().int().positive().optional(),
  status: z.enum(formCheckStatus).optional(),
  tag: z.enum(priorityTags).optional(),
  /** Only the cases the institute admin must handle (their track's coordinator is of the same unit, or the track has none). */
  handler: z.enum(['coordinator', 'institute_admin']).optional(),
  /** Title, receipt number or unit name. */
  q: z.string().trim().max(50).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const returnInput = z.object({
  reasons: z
    .string({ error: '请填写退回原因' })
    .trim()
    .min(5, '请写明退回原因(至少 5 个字),告诉申报单位需要修改什么')
    .max(2000, '退回原因最多 2000 字'),
});
export type ReturnInput = z.infer<typeof returnInput>;

export const versionDiffParams = z.object({
  id: z.coerce.number().int().positive(),
  a: z.coerce.number().int().positive(),
  b: z.coerce.number().int().positive(),
});

export interface FormCheckAbilities {
  accept: Ability;
  return: Ability;
}

export interface InboxItem {
  id: number;
  receiptNo: string | null;
  title: string;
  status: FormCheckStatus;
  handler: FormCheckHandler;
  campaign: { id: number; year: number };
  track: { id: number; code: string; name: string };
  subtype: { id: number; name: string } | null;
  unit: { id: number; name: string };
  submittedAt: string | null;
  returnedAt: string | null;
  acceptedAt: string | null;
  /** Number of submitted versions (1 = never returned). */
  versionCount: number;
  tags: PriorityTag[];
  abilities: FormCheckAbilities;
}

/** The content of a case as it was submitted (one version), in a shape both diff and documents read. */
export interface CaseContent {
  title: string;
  summary: string;
  subtype: { id: number; name: string | null } | null;
  sections: Record<string, string>;
  implementation: 'implemented' | 'planned' | null;
  isCollective: boolean;
  collectiveLeaderName: string | null;
  priorityTags: { tag: PriorityTag; justification: string }[];
  contact: { name: string | null; phone: string | null };
  /** As on the case page, without the row id and the consent note. */
  students: Omit<SubmissionStudentDto, 'id' | 'consentNote'>[];
  attachments: { slot: string; fileId: number; name: string; sizeBytes: number; sha256: string }[];
  /** Ambassador nominations: the publicity activities as submitted. */
  activities: {
    kind: AmbassadorActivityKind;
    title: string;
    heldOn: string;
    place: string;
    audience: number;
    description: string | null;
    evidenceFileIds: number[];
  }[];
}

export interface FormCheckCase {
  id: number;
  receiptNo: string | null;
  status: FormCheckStatus;
  handler: FormCheckHandler;
  campaign: { id: number; year: number; title: string };
  track: { id: number; code: string; name: string; kind: 'case' | 'ambassador' };
  unit: { id: number; name: string };
  submittedAt: string | null;
  returnedAt: string | null;
  returnReasons: string | null;
  acceptedAt: string | null;
  acceptedBy: { id: number; displayName: string } | null;
  revisionClosesAt: string | null;
  /** The section titles and slot labels of the track's form. */
  template: { sections: { key: string; title: string }[]; attachmentSlots: { key: string; label: string }[] };
  /** The latest submitted version: what the coordinator checks (never the unit's unsent edits). */
  versionNo: number | null;
  content: CaseContent | null;
  versions: { versionNo: number; createdAt: string; createdBy: { id: number; displayName: string } | null }[];
  events: { action: string; actor: { id: number; displayName: string } | null; note: string | null; at: string }[];
  abilities: FormCheckAbilities;
}

export interface TextDiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface TextFieldDiff {
  /** 'title', 'summary', 'sections.practice', … */
  field: string;
  label: string;
  changed: boolean;
  ops: TextDiffOp[];
}

export interface ValueChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface VersionDiff {
  from: { versionNo: number; createdAt: string };
  to: { versionNo: number; createdAt: string };
  texts: TextFieldDiff[];
  /** Short fields shown as before → after: implementation, collective, leader, contact, subtype. */
  values: ValueChange[];
  students: {
    added: { name: string; studentNo: string }[];
    removed: { name: string; studentNo: string }[];
    changed: { name: string; studentNo: string; fields: string[] }[];
  };
  attachments: { added: { slot: string; name: string; fileId: number }[]; removed: { slot: string; name: string; fileId: number }[] };
  tags: { added: PriorityTag[]; removed: PriorityTag[]; justificationChanged: PriorityTag[] };
}
