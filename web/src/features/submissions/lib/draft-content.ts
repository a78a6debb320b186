/** The editable content of a case as the editor holds it, and how it travels to the server. */
import type { PriorityTag } from '../../../../../contracts/priorities.ts';
import {
  studentInput,
  type ImplementationStatus,
  type StudentInput,
  type SubmissionDetail,
  type UpdateSubmissionInput,
} from '../../../../../contracts/submissions.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { fetchSubmission, patchSubmission, putStudents } from '../api/submissions-api.ts';

/** A student row as typed: grade may still be empty. */
export type StudentDraft = Omit<StudentInput, 'grade'> & { grade: number | null };

export interface DraftContent {
  title: string;
  summary: string;
  subtypeId: number | null;
  sections: Record<string, string>;
  implementation: ImplementationStatus | null;
  isCollective: boolean;
  /** '' when none (sent as null). */
  collectiveLeaderName: string;
  priorityTags: { tag: PriorityTag; justification: string }[];
  contact: { name: string; phone: string };
  students: StudentDraft[];
}

export const DEFAULT_PROGRAMME = '五年制高职';

export function emptyStudent(): StudentDraft {
  return {
    name: '',
    studentNo: '',
    programme: DEFAULT_PROGRAMME,
    grade: null,
    major: null,
    className: null,
    consentAt: null,
    consentNote: null,
  };
}

export function contentOf(d: SubmissionDetail): DraftContent {
  return {
    title: d.title,
    summary: d.summary,
    subtypeId: d.subtype?.id ?? null,
    // Every template section present, so an untouched one compares equal to the server's.
    sections: Object.fromEntries(d.template.sections.map((s) => [s.key, d.sections[s.key] ?? ''])),
    implementation: d.implementation,
    isCollective: d.isCollective,
    collectiveLeaderName: d.collectiveLeaderName ?? '',
    priorityTags: d.priorityTags,
    contact: { name: d.contact.name ?? '', phone: d.contact.phone ?? '' },
    students: d.students.map((s) => ({
      name: s.name,
      studentNo: s.studentNo,
      programme: s.programme,
      grade: s.grade,
      major: s.major,
      className: s.className,
      consentAt: s.consentAt,
      consentNote: s.consentNote,
    })),
  };
}

/** The students list may be sent once every row is complete enough for the server to take. */
export function studentsReady(students: StudentDraft[]): boolean {
  return students.every((s) => studentInput.safeParse(s).success);
}

/** Which rows still lack something, for the hint under the table. */
export function incompleteStudentRows(students: StudentDraft[]): number[] {
  return students.flatMap((s, i) => (studentInput.safeParse(s).success ? [] : [i]));
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v : null);

/** PATCH the case fields, then PUT the students if they changed; resolves to the new revision. */
export async function saveDraftContent(id: number, changes: Partial<DraftContent>, revision: number): Promise<number> {
  const { students, ...fields } = changes;
  let current = revision;
  if (Object.keys(fields).length > 0) {
    const body: UpdateSubmissionInput = { revision: current };
    if (fields.title !== undefined) body.title = fields.title;
    if (fields.summary !== undefined) body.summary = fields.summary;
    if (fields.subtypeId !== undefined) body.subtypeId = fields.subtypeId;
    if (fields.sections !== undefined) body.sections = fields.sections;
    if (fields.implementation !== undefined) body.implementation = fields.implementation;
    if (fields.isCollective !== undefined) body.isCollective = fields.isCollective;
    if (fields.collectiveLeaderName !== undefined) body.collectiveLeaderName = blankToNull(fields.collectiveLeaderName);
    if (fields.priorityTags !== undefined) body.priorityTags = fields.priorityTags;
    if (fields.contact !== undefined) body.contact = { name: blankToNull(fields.contact.name), phone: blankToNull(fields.contact.phone) };
    current = (await patchSubmission(id, body)).revision;
  }
  if (students !== undefined) {
    const rows = students.map((s) => studentInput.parse(s));
    current = (await putStudents(id, { revision: current, students: rows })).revision;
  }
  return current;
}

export async function loadLatestContent(id: number): Promise<{ values: DraftContent; revision: number }> {
  const detail = await fetchSubmission(id);
  return { values: contentOf(detail), revision: detail.revision };
}

export const isStaleRevision = (error: unknown) => isApiError(error) && error.code === 'conflict';
export const isLockedError = (error: unknown) =>
  isApiError(error) && ['submission_locked', 'not_own_unit', 'not_unit_staff', 'not_own_draft', 'not_found'].includes(error.code);

export const localDraftKey = (id: number) => `yongzhu:submission-draft:${id}`;
