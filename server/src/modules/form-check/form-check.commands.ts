import type { FormCheckCase, InboxItem, InboxQuery, VersionDiff } from '../../../../contracts/form-check.ts';
import type { Page } from '../../../../contracts/common.ts';
import type { FormTemplate } from '../../../../contracts/form-template.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAcceptSubmission,
  whyNotReturnSubmission,
  whyNotUseFormCheck,
  whyNotViewFormCheckCase,
} from '../../policies/form-check-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as submissions from '../submissions/submissions.repository.ts';
import type { SubmissionRow } from '../submissions/submissions.repository.ts';
import * as repo from './form-check.repository.ts';
import { diffVersions, formCheckTarget, presentFormCheckCase, presentInboxItem } from './form-check.presenter.ts';

export async function inbox(db: DbOrTrx, actor: Actor, query: InboxQuery, now = new Date()): Promise<Page<InboxItem>> {
  ensure(whyNotUseFormCheck(actor));
  const { rows, total } = await repo.listInbox(db, actor, query);
  return { items: rows.map((r) => presentInboxItem(actor, r, now)), total, page: query.page, pageSize: query.pageSize };
}

async function coordinatorUnitOf(db: DbOrTrx, row: SubmissionRow): Promise<number | null> {
  if (row.track_coordinator_id === null) return null;
  return (await repo.findUserBrief(db, row.track_coordinator_id))?.unit_id ?? null;
}

/** Loads a sent case the actor form-checks; others learn nothing beyond the refusal. */
async function loadCase(db: DbOrTrx, actor: Actor, id: number, options: { forUpdate?: boolean } = {}) {
  ensure(whyNotUseFormCheck(actor));
  const row = found(await submissions.findSubmission(db, id, options));
  const coordinatorUnitId = await coordinatorUnitOf(db, row);
  const target = formCheckTarget(row, coordinatorUnitId);
  ensure(whyNotViewFormCheckCase(actor, target));
  return { row, target, coordinatorUnitId };
}

async function caseOf(db: DbOrTrx, actor: Actor, row: SubmissionRow, coordinatorUnitId: number | null, now: Date): Promise<FormCheckCase> {
  const [versions, events, latest, acceptedBy] = await Promise.all([
    submissions.listVersions(db, row.id),
    submissions.listEvents(db, row.id),
    repo.latestSnapshots(db, [row.id]),
    row.accepted_by ? repo.findUserBrief(db, row.accepted_by) : Promise.resolve(undefined),
  ]);
  return presentFormCheckCase(
    actor,
    row,
    { coordinatorUnitId, acceptedByName: acceptedBy?.display_name ?? null, latest: latest.get(row.id) ?? null, versions, events },
    now,
  );
}

export async function formCheckCase(db: DbOrTrx, actor: Actor, id: number, now = new Date()): Promise<FormCheckCase> {
  const { row, coordinatorUnitId } = await loadCase(db, actor, id);
  return caseOf(db, actor, row, coordinatorUnitId, now);
}

export async function versionDiff(db: DbOrTrx, actor: Actor, id: number, a: number, b: number): Promise<VersionDiff> {
  const { row } = await loadCase(db, actor, id);
  const [from, to] = await Promise.all([submissions.findVersion(db, id, a), submissions.findVersion(db, id, b)]);
  const version = (v: typeof from) => {
    const x = found(v);
    return { versionNo: x.version_no, createdAt: x.created_at, snapshot: x.snapshot };
  };
  return diffVersions(row.form_template as FormTemplate, version(from), version(to));
}

/** Who hears of a decision: the unit's aid officers and the case's author. */
async function unitRecipients(db: DbOrTrx, row: SubmissionRow): Promise<number[]> {
  return [...new Set([...(await submissions.findUnitOfficerIds(db, row.unit_id)), row.created_by])];
}

const caseData = (row: SubmissionRow, now: Date) => ({
  receiptNo: row.receipt_no,
  title: row.title,
  unitName: row.unit_name,
  trackName: row.track_name,
  time: now.toISOString(),
});

/** Form check passed: the case goes on to review; the unit is told. */
export async function accept(db: Db, actor: Actor, id: number, audit: AuditContext, now = new Date()): Promise<FormCheckCase> {
  return db.transaction().execute(async (trx) => {
    const { row, target, coordinatorUnitId } = await loadCase(trx, actor, id, { forUpdate: true });
    ensure(whyNotAcceptSubmission(actor, target));
    await submissions.setSubmissionFacts(trx, id, { accepted_at: now, accepted_by: actor.id });
    await submissions.insertEvent(trx, id, 'accepted', actor.id, row.receipt_no);
    await recordAudit(trx, audit, {
      action: 'submission.accepted',
      entityType: 'submission',
      entityId: id,
      summary: { before: { status: target.status }, after: { status: 'accepted' }, note: row.receipt_no ?? undefined },
    });
    await notify(trx, {
      template: 'submission.accepted',
      userIds: await unitRecipients(trx, row),
      data: caseData(row, now),
      link: `/submissions/${id}`,
    });
    const updated = found(await submissions.findSubmission(trx, id));
    return caseOf(trx, actor, updated, coordinatorUnitId, now);
  });
}

/**
 * Returned for revision: the unit may edit and resubmit until the revision
 * deadline (the submissions module treats returned_at > submitted_at as
 * editable); the case keeps its receipt number and its place in the quota.
 */
export async function returnForRevision(
  db: Db,
  actor: Actor,
  id: number,
  reasons: string,
  audit: AuditContext,
  now = new Date(),
): Promise<FormCheckCase> {
  return db.transaction().execute(async (trx) => {
    const { row, target, coordinatorUnitId } = await loadCase(trx, actor, id, { forUpdate: true });
    ensure(whyNotReturnSubmission(actor, target, now));
    await submissions.setSubmissionFacts(trx, id, { returned_at: now, return_reasons: reasons });
    await submissions.insertEvent(trx, id, 'returned', actor.id, reasons);
    await recordAudit(trx, audit, {
      action: 'submission.returned',
      entityType: 'submission',
      entityId: id,
      summary: { before: { status: target.status }, after: { status: 'returned' }, note: reasons },
    });
    const deadline = row.revision_closes_at ?? row.submission_closes_at;
    await notify(trx, {
      template: 'submission.returned',
      userIds: await unitRecipients(trx, row),
      data: { ...caseData(row, now), reasons, deadline: deadline?.toISOString() ?? null },
      link: `/submissions/${id}`,
    });
    const updated = found(await submissions.findSubmission(trx, id));
    return caseOf(trx, actor, updated, coordinatorUnitId, now);
  });
}
