import type { FormTemplate } from '../../../../contracts/form-template.ts';
import type { SubmissionPrivacyDto } from '../../../../contracts/pii.ts';
import type { PriorityTag } from '../../../../contracts/priorities.ts';
import type {
  AmbassadorActivityDto,
  QuotaUsageDto,
  SubmissionAbilities,
  SubmissionDetail,
  SubmissionListItem,
  SubmissionStatus,
  SubmitProblem,
} from '../../../../contracts/submissions.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAcknowledgePii,
  whyNotApproveSubmission,
  whyNotDeleteSubmission,
  whyNotEditSubmission,
  whyNotSelectSubmission,
  whyNotSubmitSubmission,
  whyNotWithdrawSubmission,
  type SubmissionTarget,
} from '../../policies/submission-policy.ts';
import type { StoredFileRow } from '../files/files.repository.ts';
import { presentStoredFile } from '../files/files.service.ts';
import type { listActivities, listAttachments, listEvents, listStudents, listVersions, SubmissionRow } from './submissions.repository.ts';
import { ability } from '../../policies/ability.ts';

/** Where a case stands, from its facts with time (the same rules as statusFilter() in the repository). */
export function submissionStatus(row: {
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  returned_at: Date | null;
  accepted_at: Date | null;
}): SubmissionStatus {
  if (!row.submitted_at || row.withdrawn_at) return 'draft';
  if (row.accepted_at) return 'accepted';
  if (row.returned_at && row.returned_at > row.submitted_at) return 'returned';
  return 'submitted';
}

export function submissionTarget(row: SubmissionRow): SubmissionTarget {
  return {
    unitId: row.unit_id,
    createdBy: row.created_by,
    trackCoordinatorId: row.track_coordinator_id,
    status: submissionStatus(row),
    selected: row.selected_at !== null,
    revision: row.revision,
    approvedRevision: row.approved_revision,
    campaignOpen: row.campaign_status === 'open',
    opensAt: row.opens_at,
    submissionClosesAt: row.submission_closes_at,
    revisionClosesAt: row.revision_closes_at,
  };
}

export function submissionAbilities(actor: Actor, row: SubmissionRow, problems: SubmitProblem[] | null, now: Date): SubmissionAbilities {
  const target = submissionTarget(row);
  const edit = whyNotEditSubmission(actor, target);
  return {
    edit: ability(edit),
    delete: ability(whyNotDeleteSubmission(actor, target)),
    select: ability(whyNotSelectSubmission(actor, target)),
    approve: ability(whyNotApproveSubmission(actor, target)),
    submit: ability(whyNotSubmitSubmission(actor, target) ?? problems?.[0]?.code ?? null),
    withdraw: ability(whyNotWithdrawSubmission(actor, target, now)),
    upload: ability(edit),
    acknowledgePii: ability(whyNotAcknowledgePii(actor, target)),
  };
}

const person = (id: number | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A case in a list, with the same abilities as its detail; `problems` is what a
 * submit would refuse now (unit staff, while editable), null otherwise.
 */
export function presentSubmissionListItem(
  actor: Actor,
  row: SubmissionRow,
  problems: SubmitProblem[] | null,
  now: Date,
): SubmissionListItem {
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    title: row.title,
    status: submissionStatus(row),
    track: { id: row.track_id, code: row.track_code, name: row.track_name, kind: row.track_kind },
    subtype: row.subtype_id ? { id: row.subtype_id, name: row.subtype_name ?? '' } : null,
    unit: { id: row.unit_id, name: row.unit_name },
    createdBy: { id: row.created_by, displayName: row.created_by_name },
    selected: row.selected_at !== null,
    approved: row.approved_revision !== null && row.approved_revision === row.revision,
    approval:
      row.approved_at && row.approved_revision !== null
        ? {
            at: row.approved_at.toISOString(),
            by: person(row.approved_by, row.approved_by_name),
            revision: row.approved_revision,
            current: row.approved_revision === row.revision,
          }
        : null,
    revision: row.revision,
    submittedAt: iso(row.submitted_at),
    updatedAt: row.updated_at.toISOString(),
    problemCount: problems?.length ?? null,
    abilities: submissionAbilities(actor, row, problems, now),
  };
}

type Students = Awaited<ReturnType<typeof listStudents>>;
type Attachments = Awaited<ReturnType<typeof listAttachments>>;
type Activities = Awaited<ReturnType<typeof listActivities>>;
type Versions = Awaited<ReturnType<typeof listVersions>>;
type Events = Awaited<ReturnType<typeof listEvents>>;

export interface DetailParts {
  students: Students;
  attachments: Attachments;
  activities: Activities;
  evidenceFiles: StoredFileRow[];
  versions: Versions;
  events: Events;
  quota: QuotaUsageDto | null;
  problems: SubmitProblem[] | null;
  privacy: SubmissionPrivacyDto | null;
}

export function presentActivity(a: Activities[number], files: StoredFileRow[]): AmbassadorActivityDto {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    heldOn: a.held_on,
    place: a.place,
    audience: a.audience,
    description: a.description,
    evidence: a.evidence_file_ids.flatMap((id) => {
      const f = files.find((x) => x.id === id);
      return f ? [presentStoredFile(f)] : [];
    }),
  };
}

export function presentSubmissionDetail(actor: Actor, row: SubmissionRow, parts: DetailParts, now: Date): SubmissionDetail {
  return {
    ...presentSubmissionListItem(actor, row, parts.problems, now),
    campaign: { id: row.campaign_id, year: row.campaign_year, title: row.campaign_title },
    summary: row.summary,
    sections: row.sections,
    implementation: row.implementation,
    isCollective: row.is_collective,
    collectiveLeaderName: row.collective_leader_name,
    priorityTags: row.priority_tags as { tag: PriorityTag; justification: string }[],
    contact: { name: row.contact_name, phone: row.contact_phone },
    selection: row.selected_at ? { at: row.selected_at.toISOString(), by: person(row.selected_by, row.selected_by_name) } : null,
    returnedAt: iso(row.returned_at),
    returnReasons: row.return_reasons,
    acceptedAt: iso(row.accepted_at),
    withdrawnAt: iso(row.withdrawn_at),
    createdAt: row.created_at.toISOString(),
    deadlines: {
      opensAt: iso(row.opens_at),
      submissionClosesAt: iso(row.submission_closes_at),
      revisionClosesAt: iso(row.revision_closes_at),
    },
    template: row.form_template as FormTemplate,
    students: parts.students.map((s) => ({
      id: s.id,
      role: s.role,
      name: s.name,
      studentNo: s.student_no,
      programme: s.programme,
      grade: s.grade,
      major: s.major,
      className: s.class_name,
      consentAt: s.consent_at,
      consentNote: s.consent_note,
    })),
    attachments: parts.attachments.map((a) => ({ id: a.attachment_id, slot: a.slot_key, file: presentStoredFile(a) })),
    activities: parts.activities.map((a) => presentActivity(a, parts.evidenceFiles)),
    versions: parts.versions.map((v) => ({
      versionNo: v.version_no,
      createdAt: v.created_at.toISOString(),
      createdBy: person(v.created_by, v.created_by_name),
    })),
    events: parts.events.map((e) => ({
      action: e.action,
      actor: person(e.actor_user_id, e.actor_name),
      note: e.note,
      at: e.at.toISOString(),
    })),
    quota: parts.quota,
    problems: parts.problems,
    privacy: parts.privacy,
  };
}
