import type {
  CaseContent,
  FormCheckAbilities,
  FormCheckCase,
  FormCheckStatus,
  InboxItem,
  TextFieldDiff,
  ValueChange,
  VersionDiff,
} from '../../../../contracts/form-check.ts';
import type { FormTemplate } from '../../../../contracts/form-template.ts';
import { ambassadorActivityKinds, type AmbassadorActivityKind, type PriorityTag } from '../../../../contracts/priorities.ts';
import { implementationLabels } from '../../../../contracts/submissions.ts';
import { diffText } from '../../lib/text-diff.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  formCheckHandler,
  whyNotAcceptSubmission,
  whyNotReturnSubmission,
  type FormCheckTarget,
} from '../../policies/form-check-policy.ts';
import { submissionStatus } from '../submissions/submissions.presenter.ts';
import type { listEvents, listVersions, SubmissionRow } from '../submissions/submissions.repository.ts';
import type { InboxRow } from './form-check.repository.ts';
import { ability } from '../../policies/ability.ts';

interface StateFacts {
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  returned_at: Date | null;
  accepted_at: Date | null;
}

/** The form check's status of a sent case (the same rules as statusFilter() in the repository). */
export function formCheckStatusOf(row: StateFacts): FormCheckStatus | null {
  const status = submissionStatus(row);
  if (status === 'draft') return null;
  if (status === 'submitted' && row.returned_at) return 'resubmitted';
  return status;
}

export function formCheckTarget(
  row: StateFacts & {
    unit_id: number;
    track_coordinator_id: number | null;
    submission_closes_at: Date | null;
    revision_closes_at: Date | null;
  },
  coordinatorUnitId: number | null,
): FormCheckTarget {
  return {
    unitId: row.unit_id,
    trackCoordinatorId: row.track_coordinator_id,
    coordinatorUnitId,
    status: submissionStatus(row),
    submissionClosesAt: row.submission_closes_at,
    revisionClosesAt: row.revision_closes_at,
  };
}

export function formCheckAbilities(actor: Actor, target: FormCheckTarget, now: Date): FormCheckAbilities {
  return { accept: ability(whyNotAcceptSubmission(actor, target)), return: ability(whyNotReturnSubmission(actor, target, now)) };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentInboxItem(actor: Actor, row: InboxRow, now: Date): InboxItem {
  const target = formCheckTarget(row, row.coordinator_unit_id);
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    title: row.title,
    status: formCheckStatusOf(row) ?? 'submitted',
    handler: formCheckHandler(target),
    campaign: { id: row.campaign_id, year: row.campaign_year },
    track: { id: row.track_id, code: row.track_code, name: row.track_name },
    subtype: row.subtype_id ? { id: row.subtype_id, name: row.subtype_name ?? '' } : null,
    unit: { id: row.unit_id, name: row.unit_name },
    submittedAt: iso(row.submitted_at),
    returnedAt: iso(row.returned_at),
    acceptedAt: iso(row.accepted_at),
    versionCount: Number(row.version_count),
    tags: row.priority_tags.map((t) => t.tag as PriorityTag),
    abilities: formCheckAbilities(actor, target, now),
  };
}

// ---- case content: from a version snapshot, or from the rows as they are now ----

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** Reads a submission_versions.snapshot (written by the submissions module at each submit) defensively. */
export function contentFromSnapshot(snapshot: Record<string, unknown>): CaseContent {
  const subtype = snapshot.subtype as { id?: unknown; name?: unknown } | null | undefined;
  const contact = (snapshot.contact ?? {}) as { name?: unknown; phone?: unknown };
  const sections = (snapshot.sections ?? {}) as Record<string, unknown>;
  return {
    title: str(snapshot.title),
    summary: str(snapshot.summary),
    subtype: subtype && typeof subtype.id === 'number' ? { id: subtype.id, name: strOrNull(subtype.name) } : null,
    sections: Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, str(v)])),
    implementation: snapshot.implementation === 'implemented' || snapshot.implementation === 'planned' ? snapshot.implementation : null,
    isCollective: snapshot.isCollective === true,
    collectiveLeaderName: strOrNull(snapshot.collectiveLeaderName),
    priorityTags: arr(snapshot.priorityTags).map((t) => ({ tag: str(t.tag) as PriorityTag, justification: str(t.justification) })),
    contact: { name: strOrNull(contact.name), phone: strOrNull(contact.phone) },
    students: arr(snapshot.students).map((s) => ({
      role: s.role === 'nominee' ? 'nominee' : 'involved',
      name: str(s.name),
      studentNo: str(s.studentNo),
      programme: str(s.programme),
      grade: typeof s.grade === 'number' ? s.grade : 0,
      major: strOrNull(s.major),
      className: strOrNull(s.className),
      consentAt: strOrNull(s.consentAt),
    })),
    attachments: arr(snapshot.attachments).map((a) => ({
      slot: str(a.slot),
      fileId: Number(a.fileId),
      name: str(a.name),
      sizeBytes: Number(a.sizeBytes ?? 0),
      sha256: str(a.sha256),
    })),
    activities: arr(snapshot.activities).map((a) => ({
      kind: (ambassadorActivityKinds as readonly string[]).includes(str(a.kind)) ? (str(a.kind) as AmbassadorActivityKind) : 'other',
      title: str(a.title),
      heldOn: str(a.heldOn),
      place: str(a.place),
      audience: Number(a.audience ?? 0),
      description: strOrNull(a.description),
      evidenceFileIds: Array.isArray(a.evidenceFileIds) ? a.evidenceFileIds.map(Number) : [],
    })),
  };
}

// ---- the case as the coordinator sees it ----

type Versions = Awaited<ReturnType<typeof listVersions>>;
type Events = Awaited<ReturnType<typeof listEvents>>;
const person = (id: number | null, name: string | null | undefined) => (id ? { id, displayName: name ?? '' } : null);

export function templateOutline(template: FormTemplate): FormCheckCase['template'] {
  return {
    sections: template.sections.map((s) => ({ key: s.key, title: s.title })),
    attachmentSlots: template.attachmentSlots.map((s) => ({ key: s.key, label: s.label })),
  };
}

export function presentFormCheckCase(
  actor: Actor,
  row: SubmissionRow,
  parts: {
    coordinatorUnitId: number | null;
    acceptedByName: string | null;
    latest: { versionNo: number; snapshot: Record<string, unknown> } | null;
    versions: Versions;
    events: Events;
  },
  now: Date,
): FormCheckCase {
  const target = formCheckTarget(row, parts.coordinatorUnitId);
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    status: formCheckStatusOf(row) ?? 'submitted',
    handler: formCheckHandler(target),
    campaign: { id: row.campaign_id, year: row.campaign_year, title: row.campaign_title },
    track: { id: row.track_id, code: row.track_code, name: row.track_name, kind: row.track_kind },
    unit: { id: row.unit_id, name: row.unit_name },
    submittedAt: iso(row.submitted_at),
    returnedAt: iso(row.returned_at),
    returnReasons: row.return_reasons,
    acceptedAt: iso(row.accepted_at),
    acceptedBy: person(row.accepted_by, parts.acceptedByName),
    revisionClosesAt: iso(row.revision_closes_at ?? row.submission_closes_at),
    template: templateOutline(row.form_template as FormTemplate),
    versionNo: parts.latest?.versionNo ?? null,
    content: parts.latest ? contentFromSnapshot(parts.latest.snapshot) : null,
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
    abilities: formCheckAbilities(actor, target, now),
  };
}

// ---- what changed between two versions ----

const yesNo = (v: boolean) => (v ? '是' : '否');

function textDiff(field: string, label: string, before: string, after: string): TextFieldDiff {
  return { field, label, changed: before !== after, ops: diffText(before, after) };
}

export function diffVersions(
  template: FormTemplate,
  from: { versionNo: number; createdAt: Date; snapshot: Record<string, unknown> },
  to: { versionNo: number; createdAt: Date; snapshot: Record<string, unknown> },
): VersionDiff {
  const a = contentFromSnapshot(from.snapshot);
  const b = contentFromSnapshot(to.snapshot);

  // Template sections in their order, then any section a version holds that the template no longer has.
  const sectionTitles = new Map(template.sections.map((s) => [s.key, s.title]));
  const keys = [...new Set([...template.sections.map((s) => s.key), ...Object.keys(a.sections), ...Object.keys(b.sections)])];
  const texts = [
    textDiff('title', '项目名称', a.title, b.title),
    textDiff('summary', '摘要', a.summary, b.summary),
    ...keys.map((k) => textDiff(`sections.${k}`, sectionTitles.get(k) ?? k, a.sections[k] ?? '', b.sections[k] ?? '')),
  ];

  const values: ValueChange[] = [];
  const value = (field: string, label: string, before: string, after: string) => {
    if (before !== after) values.push({ field, label, before, after });
  };
  const impl = (v: CaseContent['implementation']) => (v ? implementationLabels[v] : '未选择');
  value('subtype', '子类', a.subtype?.name ?? '—', b.subtype?.name ?? '—');
  value('implementation', '实施情况', impl(a.implementation), impl(b.implementation));
  value('isCollective', '集体项目', yesNo(a.isCollective), yesNo(b.isCollective));
  value('collectiveLeaderName', '分管领导', a.collectiveLeaderName ?? '—', b.collectiveLeaderName ?? '—');
  value('contact.name', '联系人', a.contact.name ?? '—', b.contact.name ?? '—');
  value('contact.phone', '联系方式', a.contact.phone ?? '—', b.contact.phone ?? '—');

  const studentKey = (s: CaseContent['students'][number]) => s.studentNo;
  const aStudents = new Map(a.students.map((s) => [studentKey(s), s]));
  const bStudents = new Map(b.students.map((s) => [studentKey(s), s]));
  const brief = (s: CaseContent['students'][number]) => ({ name: s.name, studentNo: s.studentNo });
  const studentFields: [keyof CaseContent['students'][number], string][] = [
    ['name', '姓名'],
    ['programme', '学制'],
    ['grade', '年级'],
    ['major', '专业'],
    ['className', '班级'],
    ['consentAt', '同意公开日期'],
  ];

  // An attachment is the same file when its slot and content (SHA-256) are.
  const fileKey = (f: CaseContent['attachments'][number]) => `${f.slot}:${f.sha256}`;
  const aFiles = new Set(a.attachments.map(fileKey));
  const bFiles = new Set(b.attachments.map(fileKey));
  const fileBrief = (f: CaseContent['attachments'][number]) => ({ slot: f.slot, name: f.name, fileId: f.fileId });

  const aTags = new Map(a.priorityTags.map((t) => [t.tag, t.justification]));
  const bTags = new Map(b.priorityTags.map((t) => [t.tag, t.justification]));

  return {
    from: { versionNo: from.versionNo, createdAt: from.createdAt.toISOString() },
    to: { versionNo: to.versionNo, createdAt: to.createdAt.toISOString() },
    texts,
    values,
    students: {
      added: b.students.filter((s) => !aStudents.has(studentKey(s))).map(brief),
      removed: a.students.filter((s) => !bStudents.has(studentKey(s))).map(brief),
      changed: b.students.flatMap((s) => {
        const before = aStudents.get(studentKey(s));
        if (!before) return [];
        const fields = studentFields.filter(([k]) => before[k] !== s[k]).map(([, label]) => label);
        return fields.length ? [{ ...brief(s), fields }] : [];
      }),
    },
    attachments: {
      added: b.attachments.filter((f) => !aFiles.has(fileKey(f))).map(fileBrief),
      removed: a.attachments.filter((f) => !bFiles.has(fileKey(f))).map(fileBrief),
    },
    tags: {
      added: [...bTags.keys()].filter((t) => !aTags.has(t)),
      removed: [...aTags.keys()].filter((t) => !bTags.has(t)),
      justificationChanged: [...bTags.keys()].filter((t) => aTags.has(t) && aTags.get(t) !== bTags.get(t)),
    },
  };
}
