/**
 * Scoring (issue 4): the reviewer's work list, the case as a reviewer sees it, the review
 * form, the reviews of a case, the discussion thread and the ranking page.
 * The rubric and weightedTotal live in review.ts; the ranked case in review-ranking.ts.
 */
import { z } from 'zod';
import type { PriorityTag } from './priorities.ts';
import type { RankedCase } from './review-ranking.ts';
import type { Rubric } from './review.ts';
import type { ImplementationStatus } from './submissions.ts';

export const reviewStates = ['not_started', 'draft', 'submitted'] as const;
export type ReviewState = (typeof reviewStates)[number];
export const reviewStateLabels: Record<ReviewState, string> = { not_started: '未开始', draft: '草稿', submitted: '已提交' };

const scoreValue = z.number().min(0).max(100);

const scoresInput = z.record(z.string().max(40), scoreValue.nullable());
const commentInput = z.string().max(4000, '总体评价最多 4000 字');
const privateNoteInput = z.string().max(2000, '给牵头人的说明最多 2000 字');

/** Autosave: only the fields sent change; anything may still be missing; scores outside a criterion's scale are refused. */
export const reviewDraftInput = z.object({
  scores: scoresInput.optional(),
  comment: commentInput.optional(),
  privateNote: privateNoteInput.optional(),
});
export type ReviewDraftInput = z.infer<typeof reviewDraftInput>;

/** Submit (or revise) the whole review; the server checks that every criterion is scored and there is a comment. */
export const reviewSubmitInput = z.object({
  scores: scoresInput.default({}),
  comment: commentInput.default(''),
  privateNote: privateNoteInput.default(''),
});
export type ReviewSubmitInput = z.input<typeof reviewSubmitInput>;

export const reviewCommentInput = z.object({ body: z.string().trim().max(2000, '讨论内容最多 2000 字') });

export interface MyAssignmentDto {
  submissionId: number;
  title: string;
  receiptNo: string | null;
  campaign: { id: number; year: number; title: string };
  track: { id: number; code: string; name: string };
  /** The review deadline of the track (ISO), null when not set. */
  closesAt: string | null;
  state: ReviewState;
  /** Times submitted (0 while never submitted). */
  version: number;
  total: number | null;
  updatedAt: string | null;
}

export interface ReviewVersionDto {
  version: number;
  scores: Record<string, number>;
  total: number;
  comment: string;
  /** Only for the reviewer themself and for the coordinator / institute. */
  privateNote: string | null;
  submittedAt: string;
}

export interface MyReviewDto {
  state: ReviewState;
  scores: Record<string, number | null>;
  comment: string;
  privateNote: string;
  /** The weighted total of the current scores (null while a criterion is unscored). */
  total: number | null;
  version: number;
  submittedAt: string | null;
  updatedAt: string | null;
  history: ReviewVersionDto[];
}

/** A student in a case as a reviewer sees them: never the record, only 姓名/年级/专业 (no name in blind mode). */
export interface ReviewCaseStudentDto {
  name: string | null;
  grade: number;
  major: string | null;
}

export interface ReviewCaseDto {
  submissionId: number;
  receiptNo: string | null;
  campaign: { id: number; title: string };
  track: { id: number; code: string; name: string; kind: 'case' | 'ambassador' };
  title: string;
  summary: string;
  subtypeName: string | null;
  /** Sections in the order of the track's form, with their titles. */
  sections: { key: string; title: string; text: string }[];
  implementation: ImplementationStatus | null;
  priorityTags: { tag: PriorityTag; justification: string }[];
  students: ReviewCaseStudentDto[];
  attachments: { fileId: number; slot: string; slotLabel: string; name: string; sizeBytes: number }[];
  /** Hidden (null) in blind mode. */
  unit: { id: number; name: string } | null;
  collectiveLeaderName: string | null;
  contact: { name: string | null; phone: string | null } | null;
  blind: boolean;
  /** Blind mode: places where the case's own text names its unit (the reviewer is warned, the text is shown as written). */
  unitMentions: { where: string; excerpt: string }[];
  rubric: Rubric;
  closesAt: string | null;
  review: MyReviewDto;
  abilities: { edit: boolean; editReason: string | null; viewOthers: boolean };
}

export interface CaseReviewDto {
  reviewerId: number;
  reviewerName: string;
  scores: Record<string, number>;
  total: number;
  /** Null where the viewer is not the coordinator / institute. */
  normalised: number | null;
  comment: string;
  privateNote: string | null;
  version: number;
  submittedAt: string;
  /** Earlier submitted versions (the coordinator and the institute only). */
  history: ReviewVersionDto[];
}

export interface CaseReviewsDto {
  submissionId: number;
  rubric: Rubric;
  reviews: CaseReviewDto[];
}

export interface ReviewCommentDto {
  id: number;
  author: { id: number; displayName: string };
  body: string;
  createdAt: string;
}

export interface TrackRankingDto {
  track: {
    id: number;
    code: string;
    name: string;
    campaignId: number;
    campaignTitle: string;
    reviewersPerCase: number;
    spreadThreshold: number;
    reviewClosesAt: string | null;
    blind: boolean;
  };
  /** How the normalisation was computed: the track's overall mean and sd of submitted totals. */
  overall: { reviews: number; mean: number | null; sd: number | null };
  cases: RankedCase[];
}
