import {
  NOTICE_MIN_WORKING_DAYS,
  countWorkingDays,
  shanghaiToday,
  type ObjectionInput,
  type PublishNoticeInput,
  type ResolveObjectionInput,
} from '../../../../contracts/identifications.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, ensure, found } from '../../errors.ts';
import { isInstituteAdmin, type Actor } from '../../policies/actor.ts';
import {
  whyNotArchiveNotice,
  whyNotManageNotice,
  whyNotObject,
  whyNotPublishNotice,
  whyNotReadNotice,
  whyNotResolveObjection,
  whyNotViewNotices,
  type NoticeTarget,
  type NoticeViewer,
} from '../../policies/identification-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { advanceIdentification, insertIdentificationEvent } from './identifications.repository.ts';
import * as repo from './notices.repository.ts';

export const noticeTarget = (row: repo.NoticeRow): NoticeTarget => ({
  unitId: row.unit_id,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  archived: row.archived_at !== null,
  openObjections: Number(row.open_objections),
});

/** Whether the actor belongs to the institute itself (they see every unit's notices). */
export async function noticeViewerOf(db: DbOrTrx, actor: Actor): Promise<NoticeViewer> {
  return { instituteStaff: actor.unitId !== null && (await repo.findUnitKind(db, actor.unitId)) === 'institute' };
}

/**
 * 公示: every identification of the unit and school year the institute has
 * confirmed goes on one list, its rows copied with the allowed fields only.
 * The period covers at least five working days (Monday–Friday).
 */
export async function publishNotice(db: Db, actor: Actor, input: PublishNoticeInput, audit: AuditContext, now = new Date()) {
  ensure(whyNotPublishNotice(actor, actor.unitId));
  const unitId = actor.unitId!;
  if (input.startsOn < shanghaiToday(now)) throw new AppError('notice_start_in_past');
  if (input.endsOn < input.startsOn || countWorkingDays(input.startsOn, input.endsOn) < NOTICE_MIN_WORKING_DAYS) {
    throw new AppError('notice_too_short', { details: { workingDays: Math.max(0, countWorkingDays(input.startsOn, input.endsOn)) } });
  }
  return db.transaction().execute(async (trx) => {
    const rows = await repo.findPublishable(trx, unitId, input.schoolYear);
    if (rows.length === 0) throw new AppError('notice_nothing_to_publish');
    const unitName = rows[0]!.unit_name;
    const title = input.title ?? `${unitName}${input.schoolYear}学年家庭经济困难学生认定结果公示`;
    const noticeId = await repo.insertNotice(trx, {
      unit_id: unitId,
      school_year: input.schoolYear,
      title,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      published_by: actor.id,
    });
    await repo.insertNoticeEntries(trx, noticeId, rows);
    // A publication running at the same moment must not list the same students twice.
    if (
      (await repo.putOnNotice(
        trx,
        noticeId,
        rows.map((r) => r.id),
      )) !== rows.length
    )
      throw new AppError('conflict');
    for (const r of rows) {
      await insertIdentificationEvent(trx, {
        identificationId: r.id,
        action: 'noticed',
        actorId: actor.id,
        details: { noticeId, startsOn: input.startsOn, endsOn: input.endsOn },
      });
    }
    await recordAudit(trx, audit, {
      action: 'notice.published',
      entityType: 'public_notice',
      entityId: noticeId,
      summary: { after: { title, schoolYear: input.schoolYear, startsOn: input.startsOn, endsOn: input.endsOn, entries: rows.length } },
    });
    return noticeId;
  });
}

/** The list, for who may read it while it runs; 404 before the start, 410 after the end. */
export async function readNotice(db: Db, actor: Actor, id: number, now = new Date()) {
  const notice = found(await repo.findNotice(db, id));
  const viewer = await noticeViewerOf(db, actor);
  ensure(whyNotReadNotice(actor, noticeTarget(notice), viewer, shanghaiToday(now)));
  return { notice, viewer, entries: await repo.listNoticeEntries(db, id) };
}

export async function lodgeObjection(db: Db, actor: Actor, id: number, input: ObjectionInput, audit: AuditContext, now = new Date()) {
  const notice = found(await repo.findNotice(db, id));
  ensure(whyNotObject(actor, noticeTarget(notice), await noticeViewerOf(db, actor), shanghaiToday(now)));
  let entryId: number | null = null;
  if (input.entryNo) {
    const entry = (await repo.listNoticeEntries(db, id)).find((e) => e.sort_order === input.entryNo);
    if (!entry) throw new AppError('objection_entry_invalid');
    entryId = entry.id;
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertObjection(trx, { notice_id: id, entry_id: entryId, text: input.text, lodged_by: actor.id });
    // The objection's text stays with the objection: the audit log records that one was lodged, and on which row.
    await recordAudit(trx, audit, {
      action: 'notice.objection_lodged',
      entityType: 'public_notice',
      entityId: id,
      summary: { after: { objectionId: row.id, entryNo: input.entryNo ?? null } },
    });
    return row;
  });
}

export async function loadManagedNotice(db: Db, actor: Actor, id: number) {
  const notice = found(await repo.findNotice(db, id));
  ensure(whyNotManageNotice(actor, notice.unit_id));
  return notice;
}

/**
 * The officer answers an objection with a note. Upheld against a row, the
 * student's identification is revoked (it will not be archived).
 */
export async function resolveObjection(
  db: Db,
  actor: Actor,
  noticeId: number,
  objectionId: number,
  input: ResolveObjectionInput,
  audit: AuditContext,
) {
  const notice = found(await repo.findNotice(db, noticeId));
  const objection = found((await repo.listObjections(db, noticeId)).find((o) => o.id === objectionId));
  ensure(whyNotResolveObjection(actor, noticeTarget(notice), { resolved: objection.resolved_at !== null }));
  await db.transaction().execute(async (trx) => {
    if (
      !(await repo.resolveObjectionRow(trx, objectionId, { outcome: input.outcome, resolution_note: input.note, resolved_by: actor.id }))
    ) {
      throw new AppError('objection_resolved');
    }
    const identificationId = objection.entry_identification_id;
    let revoked = false;
    if (input.outcome === 'upheld' && identificationId !== null) {
      revoked = await advanceIdentification(trx, identificationId, ['in_notice'], {
        status: 'revoked',
        revoked_at: new Date(),
        revoke_reason: input.note,
      });
      if (revoked) {
        await insertIdentificationEvent(trx, {
          identificationId,
          action: 'revoked',
          actorId: actor.id,
          note: input.note,
          details: { noticeId, objectionId },
        });
      }
    }
    await recordAudit(trx, audit, {
      action: 'notice.objection_resolved',
      entityType: 'public_notice',
      entityId: noticeId,
      summary: {
        after: {
          objectionId,
          outcome: input.outcome,
          entryNo: objection.entry_no,
          revokedIdentificationId: revoked ? identificationId : null,
        },
        note: input.note,
      },
    });
  });
}

/** 归档: after the period, with no objection open; the identifications on the list become valid for the school year. */
export async function archiveNotice(db: Db, actor: Actor, id: number, audit: AuditContext, now = new Date()) {
  const notice = found(await repo.findNotice(db, id));
  ensure(whyNotArchiveNotice(actor, noticeTarget(notice), shanghaiToday(now)));
  await db.transaction().execute(async (trx) => {
    // Again inside the transaction: an objection lodged a moment ago still blocks.
    ensure(whyNotArchiveNotice(actor, noticeTarget(found(await repo.findNotice(trx, id))), shanghaiToday(now)));
    const archived = await repo.archiveNoticeRows(trx, id, actor.id, new Date());
    if (!archived) throw new AppError('notice_archived');
    for (const r of archived) {
      await insertIdentificationEvent(trx, { identificationId: r.id, action: 'archived', actorId: actor.id, details: { noticeId: id } });
    }
    await recordAudit(trx, audit, {
      action: 'notice.archived',
      entityType: 'public_notice',
      entityId: id,
      summary: { after: { archivedIdentifications: archived.length } },
    });
  });
}

/**
 * The notices a user is shown: the unit's aid officer every notice of the
 * unit, the institute admin every notice (both to manage them); everyone else
 * only those running now, of their own unit (the institute's staff: of every unit).
 */
export async function listVisibleNotices(db: Db, actor: Actor, schoolYear: string | undefined, now = new Date()) {
  ensure(whyNotViewNotices(actor));
  const viewer = await noticeViewerOf(db, actor);
  const everyUnit = isInstituteAdmin(actor) || viewer.instituteStaff;
  const rows = await repo.listNotices(db, { unitId: everyUnit ? null : actor.unitId, schoolYear });
  const today = shanghaiToday(now);
  const shown = rows.filter(
    (r) => whyNotManageNotice(actor, r.unit_id) === null || whyNotReadNotice(actor, noticeTarget(r), viewer, today) === null,
  );
  return { rows: shown, viewer, today };
}
