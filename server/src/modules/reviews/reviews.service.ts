/**
 * The facts the review policy reads, and the case and reviews as each viewer may see them.
 */
import type { PriorityTag } from '../../../../contracts/priorities.ts';
import type { ReasonCode } from '../../../../contracts/reasons.ts';
import { rubricOf, weightedTotal, type Rubric } from '../../../../contracts/review.ts';
import type { CaseReviewDto, MyReviewDto, ReviewCaseDto, ReviewState, ReviewVersionDto } from '../../../../contracts/reviews.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { conflictOf } from '../../policies/review-conflict.ts';
import { whyNotEditReview, whyNotReviewCase, whyNotViewCaseReviews, type CaseReviewFacts } from '../../policies/review-policy.ts';
import { conflictFactsOf } from '../review-pool/conflicts.repository.ts';
import * as repo from './reviews.repository.ts';

export interface LoadedCase {
  row: repo.CaseRow;
  facts: CaseReviewFacts;
  review: repo.ReviewRow | undefined;
  assignmentId: number | null;
}

export const isAccepted = (row: Pick<repo.CaseRow, 'submitted_at' | 'accepted_at' | 'withdrawn_at' | 'deleted_at'>) =>
  row.submitted_at !== null && row.accepted_at !== null && row.withdrawn_at === null && row.deleted_at === null;

/** A case with the actor's relation to it (assignment, conflict, own review). 404 if it does not exist. */
export async function loadCase(
  db: DbOrTrx,
  actor: Actor,
  submissionId: number,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedCase> {
  const row = found(await repo.findCase(db, submissionId));
  if (row.deleted_at !== null) found(undefined);
  const [assignment, conflictFacts, review] = await Promise.all([
    repo.findAssignment(db, submissionId, actor.id),
    conflictFactsOf(db, row.campaign_id, actor.id),
    repo.findReview(db, submissionId, actor.id, options),
  ]);
  return {
    row,
    review,
    assignmentId: assignment?.id ?? null,
    facts: {
      unitId: row.unit_id,
      trackCoordinatorId: row.track_coordinator_id,
      accepted: isAccepted(row),
      reviewClosesAt: row.review_closes_at,
      conflict: conflictOf(conflictFacts, row.unit_id),
      assigned: assignment !== undefined,
      ownSubmitted: (review?.version ?? 0) > 0,
    },
  };
}

/**
 * For the file download rule: an assigned, non-conflicted reviewer may download the
 * attachments of an accepted case. Returns `otherwise` when that does not apply.
 */
export async function reviewerFileReason(
  db: DbOrTrx,
  actor: Actor,
  submissionId: number,
  otherwise: ReasonCode | null,
): Promise<ReasonCode | null> {
  if (otherwise === null) return null;
  const assignment = await repo.findAssignment(db, submissionId, actor.id);
  if (!assignment) return otherwise;
  const c = await loadCase(db, actor, submissionId);
  return whyNotReviewCase(actor, c.facts) === null ? null : otherwise;
}

export const rubricOfCase = (row: Pick<repo.CaseRow, 'track_kind' | 'rubric'>): Rubric =>
  rubricOf({ kind: row.track_kind, rubric: row.rubric });

export const stateOf = (review: { status: string; version: number } | undefined | null): ReviewState =>
  !review ? 'not_started' : review.version > 0 || review.status === 'submitted' ? 'submitted' : 'draft';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function versionDto(
  v: { version: number; scores: Record<string, number>; total: string | number; comment: string; private_note: string; submitted_at: Date },
  withNote: boolean,
): ReviewVersionDto {
  return {
    version: v.version,
    scores: v.scores,
    total: Number(v.total),
    comment: v.comment,
    privateNote: withNote ? v.private_note : null,
    submittedAt: v.submitted_at.toISOString(),
  };
}

export async function myReviewDto(db: DbOrTrx, rubric: Rubric, review: repo.ReviewRow | undefined): Promise<MyReviewDto> {
  if (!review) {
    return {
      state: 'not_started',
      scores: {},
      comment: '',
      privateNote: '',
      total: null,
      version: 0,
      submittedAt: null,
      updatedAt: null,
      history: [],
    };
  }
  const versions = await repo.reviewVersions(db, review.id);
  return {
    state: stateOf(review),
    scores: review.scores,
    comment: review.comment,
    privateNote: review.private_note,
    total: weightedTotal(rubric, review.scores),
    version: review.version,
    submittedAt: iso(review.submitted_at),
    updatedAt: iso(review.updated_at),
    history: versions.map((v) => versionDto(v, true)),
  };
}

// ---- blind review: where the case's own text names its unit

/** The names a text could use for a unit: its full name and the name without 分院/学院/办学点/校区. */
export function unitNamesOf(unit: { name: string; code: string }): string[] {
  const names = new Set<string>([unit.name.trim()]);
  const short = unit.name.trim().replace(/(分院|学院|办学点|校区|分校)$/, '');
  if (short.length >= 2 && short !== unit.name) names.add(short);
  if (/^[A-Za-z]{3,}$/.test(unit.code)) names.add(unit.code);
  return [...names].sort((a, b) => b.length - a.length);
}

/** Every place where one of the names occurs, with a little context, per field. */
export function findUnitMentions(
  fields: { where: string; text: string }[],
  names: readonly string[],
): { where: string; excerpt: string }[] {
  const mentions: { where: string; excerpt: string }[] = [];
  for (const f of fields) {
    const lower = f.text.toLowerCase();
    // Longest names first: a shorter name inside a longer one already found counts once.
    const hits: [number, number][] = [];
    for (const name of names) {
      const needle = name.toLowerCase();
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        const end = at + needle.length;
        if (!hits.some(([from, to]) => at < to && end > from)) hits.push([at, end]);
      }
    }
    for (const [at] of hits.sort((a, b) => a[0] - b[0])) {
      const from = Math.max(0, at - 12);
      const to = Math.min(f.text.length, at + 24);
      const excerpt = `${from > 0 ? '…' : ''}${f.text.slice(from, to)}${to < f.text.length ? '…' : ''}`;
      // Two names close together give one excerpt, shown once.
      if (!mentions.some((m) => m.where === f.where && m.excerpt === excerpt)) mentions.push({ where: f.where, excerpt });
    }
  }
  return mentions;
}

export async function reviewCaseDto(db: DbOrTrx, actor: Actor, c: LoadedCase, now: Date): Promise<ReviewCaseDto> {
  const { row } = c;
  const rubric = rubricOfCase(row);
  const [students, attachments, review] = await Promise.all([
    repo.caseStudents(db, row.id),
    repo.caseAttachments(db, row.id),
    myReviewDto(db, rubric, c.review),
  ]);
  const template = row.form_template;
  const sectionTitle = new Map(template.sections.map((s) => [s.key, s.title]));
  const order = template.sections.map((s) => s.key);
  const sections = Object.entries(row.sections)
    .filter(([, text]) => typeof text === 'string' && text.trim() !== '')
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999))
    .map(([key, text]) => ({ key, title: sectionTitle.get(key) ?? key, text }));
  const slotLabel = new Map(template.attachmentSlots.map((s) => [s.key, s.label]));
  const blind = row.blind_review;
  const priorityTags = row.priority_tags as { tag: PriorityTag; justification: string }[];
  const editReason = whyNotEditReview(actor, c.facts, now);
  const texts = [
    { where: '案例名称', text: row.title },
    { where: '摘要', text: row.summary },
    ...sections.map((s) => ({ where: s.title, text: s.text })),
    ...priorityTags.map((p) => ({ where: '重点方向说明', text: p.justification })),
    ...attachments.map((a) => ({ where: '附件文件名', text: a.original_name })),
  ];
  return {
    submissionId: row.id,
    receiptNo: row.receipt_no,
    campaign: { id: row.campaign_id, title: row.campaign_title },
    track: { id: row.track_id, code: row.track_code, name: row.track_name, kind: row.track_kind },
    title: row.title,
    summary: row.summary,
    subtypeName: row.subtype_name,
    sections,
    implementation: row.implementation,
    priorityTags,
    students: students.map((s) => ({ name: blind ? null : s.name, grade: s.grade, major: s.major })),
    attachments: attachments.map((a) => ({
      fileId: a.file_id,
      slot: a.slot_key,
      slotLabel: slotLabel.get(a.slot_key) ?? a.slot_key,
      name: a.original_name,
      sizeBytes: Number(a.size_bytes),
    })),
    unit: blind ? null : { id: row.unit_id, name: row.unit_name },
    collectiveLeaderName: blind ? null : row.collective_leader_name,
    contact: blind ? null : { name: row.contact_name, phone: row.contact_phone },
    blind,
    unitMentions: blind ? findUnitMentions(texts, unitNamesOf({ name: row.unit_name, code: row.unit_code })) : [],
    rubric,
    closesAt: iso(row.review_closes_at),
    review,
    abilities: { edit: editReason === null, editReason, viewOthers: whyNotViewCaseReviews(actor, c.facts) === null },
  };
}

/** The submitted reviews of a case as the viewer may see them (the caller has checked whyNotViewCaseReviews). */
export async function caseReviewDtos(
  db: DbOrTrx,
  submissionId: number,
  options: { withNotes: boolean; normalisedOf?: (reviewerId: number) => number | null },
): Promise<CaseReviewDto[]> {
  const rows = (await repo.caseReviews(db, submissionId)).filter((r) => r.total !== null && r.submitted_at !== null);
  const histories = options.withNotes ? await Promise.all(rows.map((r) => repo.reviewVersions(db, r.id))) : rows.map(() => []);
  return rows.map((r, i) => ({
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    scores: r.scores ?? {},
    total: Number(r.total),
    normalised: options.normalisedOf?.(r.reviewer_id) ?? null,
    comment: r.comment ?? '',
    privateNote: options.withNotes ? (r.private_note ?? '') : null,
    version: r.version,
    submittedAt: r.submitted_at!.toISOString(),
    history: histories[i]!.filter((v) => v.version !== r.version).map((v) => versionDto(v, options.withNotes)),
  }));
}
