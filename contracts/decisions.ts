/**
 * Decisions, the campaign's public notice (公示) and the upward package (issue 4,
 * steps 6–7 of the annual campaign). Shared by the server and the web.
 */
import { z } from 'zod';
import { decisionOutcomes, type DecisionOutcome } from './review.ts';
import type { RankingFlag } from './review-ranking.ts';
import type { Ability } from './submissions.ts';

export { decisionOutcomeLabels, decisionOutcomes, type DecisionOutcome } from './review.ts';

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

// ---- decisions ----

export const decideInput = z.object({
  outcome: z.enum(decisionOutcomes, { message: '请选择评审结果' }),
  note: z
    .preprocess((v) => (v === '' ? null : v), z.string().trim().max(500, '备注不超过 500 字').nullable())
    .optional()
    .default(null),
});
export type DecideInput = z.infer<typeof decideInput>;

/** What the reviews say about one case, when the ranking is available. */
export interface DecisionRanking {
  rank: number | null;
  mean: number | null;
  normalised: number | null;
  reviewCount: number;
  expectedReviews: number;
  flags: RankingFlag[];
}

export interface DecisionDto {
  outcome: DecisionOutcome;
  note: string | null;
  decidedAt: string;
  decidedBy: string | null;
  /** null while staged (暂存, not yet visible to the unit). */
  releasedAt: string | null;
}

export interface DecisionRowDto {
  submissionId: number;
  receiptNo: string | null;
  title: string;
  unit: { id: number; name: string };
  subtypeName: string | null;
  /** null when the ranking is not available (yet) for this track. */
  ranking: DecisionRanking | null;
  decision: DecisionDto | null;
  abilities: { decide: Ability };
}

export interface TrackDecisionsDto {
  track: { id: number; code: string; name: string; kind: 'case' | 'ambassador'; campaignId: number; campaignTitle: string };
  /** 推荐省级 places: staged and released decisions both count. */
  quota: { limit: number; used: number; left: number };
  counts: { accepted: number; staged: number; released: number; undecided: number };
  /** Rows are in ranking order when true, otherwise in receipt order. */
  ranked: boolean;
  rows: DecisionRowDto[];
  abilities: { release: Ability; downloadPackage: Ability };
}

export interface ReleaseResultDto {
  released: number;
  unitsNotified: number;
}

/** What a unit sees of its cases once the track's results are released: never scores. */
export interface UnitReviewResultDto {
  submissionId: number;
  receiptNo: string | null;
  title: string;
  trackName: string;
  campaignTitle: string;
  outcome: DecisionOutcome;
  note: string | null;
  releasedAt: string;
}

// ---- the public notice (公示) ----

export const publishCampaignNoticeInput = z
  .object({
    title: z.string().trim().min(1, '请填写公示标题').max(120, '标题不超过 120 字'),
    body: z.string().trim().max(5000, '说明不超过 5000 字').default(''),
    startsOn: dateOnly,
    endsOn: dateOnly,
    /** Also list the released 学院优秀 cases (推荐省级 always). */
    includeExcellent: z.boolean().default(false),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type PublishCampaignNoticeInput = z.infer<typeof publishCampaignNoticeInput>;

/**
 * A student as the notice may show them: these five facts and nothing else
 * (privacy rules: 姓名、单位、院系/专业、年级、班级).
 */
export interface NoticeStudentDto {
  name: string;
  unitName: string;
  /** 院系/专业 */
  department: string | null;
  grade: number | null;
  className: string | null;
}

/** One line of the notice, copied when it is published (a snapshot). */
export interface CampaignNoticeEntryDto {
  /** 1-based, as printed; objections name a line by it. */
  no: number;
  trackName: string;
  title: string;
  unitName: string;
  outcome: DecisionOutcome;
  students: NoticeStudentDto[];
}

export type CampaignNoticeState = 'scheduled' | 'running' | 'ended' | 'taken_down';
export const campaignNoticeStateLabels: Record<CampaignNoticeState, string> = {
  scheduled: '未开始',
  running: '公示中',
  ended: '已结束',
  taken_down: '已撤下',
};

/** The public page: no login, no ids of people, only the snapshot. */
export interface PublicCampaignNoticeDto {
  id: number;
  campaignTitle: string;
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
  entries: CampaignNoticeEntryDto[];
}

export interface CampaignNoticeDto extends PublicCampaignNoticeDto {
  campaignId: number;
  state: CampaignNoticeState;
  publishedAt: string;
  publishedBy: string | null;
  takenDownAt: string | null;
  objectionCount: number;
  openObjections: number;
  abilities: { takeDown: Ability };
}

export const objectionInput = z.object({
  authorName: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(40, '姓名不超过 40 字').nullable().optional()),
  contact: z.string().trim().min(3, '请填写联系方式(电话或电子邮箱),以便答复').max(100, '联系方式不超过 100 字'),
  body: z.string().trim().min(5, '请写明异议内容(至少 5 个字)').max(2000, '异议内容不超过 2000 字'),
  /** The notice line (no) the objection is about, if any. */
  entryNo: z.number().int().positive().nullable().optional(),
});
export type ObjectionInput = z.infer<typeof objectionInput>;

export const objectionResponseInput = z.object({
  response: z.string().trim().min(2, '请填写处理意见').max(2000, '处理意见不超过 2000 字'),
});
export type ObjectionResponseInput = z.infer<typeof objectionResponseInput>;

export interface CampaignObjectionDto {
  id: number;
  authorName: string | null;
  contact: string | null;
  body: string;
  entry: { no: number; title: string; unitName: string } | null;
  createdAt: string;
  response: { text: string; by: string | null; at: string } | null;
  abilities: { respond: Ability };
}

// ---- the upward package (上报材料) ----

export interface PackageSummaryDto {
  cases: number;
  /** Entries in the zip: the list, the cover, one .docx per case and every attachment. */
  fileCount: number;
  attachmentBytes: number;
  /**
   * The bytes of every file inside; the .zip is stored (not compressed: the
   * attachments are already compressed formats) and adds its headers, so the
   * download's Content-Length is a little larger and exact.
   */
  totalBytes: number;
  fileName: string;
}
