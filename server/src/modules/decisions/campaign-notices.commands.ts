import type {
  CampaignNoticeEntryDto,
  ObjectionInput,
  ObjectionResponseInput,
  PublishCampaignNoticeInput,
} from '../../../../contracts/decisions.ts';
import { shanghaiToday } from '../../../../contracts/identifications.ts';
import type { DecisionOutcome } from '../../../../contracts/review.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotDecide,
  whyNotObject,
  whyNotReadPublicNotice,
  whyNotRespondObjection,
  whyNotTakeDown,
  type CampaignNoticeFacts,
} from '../../policies/decision-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findInstituteAdminIds } from '../submissions/submissions.repository.ts';
import * as repo from './decisions.repository.ts';

/** What the snapshot keeps of an entry: the public fields, plus the case id so an objection can name it. */
export type StoredNoticeEntry = CampaignNoticeEntryDto & { submissionId: number };

export const noticeFacts = (n: repo.CampaignNoticeRow): CampaignNoticeFacts => ({
  startsOn: n.starts_on,
  endsOn: n.ends_on,
  takenDown: n.taken_down_at !== null,
});

export const storedEntries = (n: repo.CampaignNoticeRow) => n.entries as StoredNoticeEntry[];

/**
 * The entries as published: copied field by field from the released decisions
 * (case title, unit, track) and the students named in them (姓名、单位、院系/专业、
 * 年级、班级). Nothing else is read, so nothing else can leak: no ID numbers,
 * phones, addresses, birth dates, 学号, story or case text.
 */
async function buildEntries(db: Db, campaignId: number, outcomes: DecisionOutcome[]): Promise<StoredNoticeEntry[]> {
  const cases = await repo.listReleasedForNotice(db, campaignId, outcomes);
  const students = await repo.listNoticeStudents(
    db,
    cases.map((c) => c.id),
  );
  return cases.map((c, i) => ({
    no: i + 1,
    submissionId: c.id,
    trackName: c.track_name,
    title: c.title,
    unitName: c.unit_name,
    outcome: c.outcome,
    students: students
      .filter((s) => s.submission_id === c.id)
      .map((s) => ({
        name: s.name,
        unitName: s.unit_name,
        department: [s.department, s.major ?? s.programme].filter(Boolean).join(' / ') || null,
        grade: s.grade,
        className: s.class_name,
      })),
  }));
}

export async function publishCampaignNotice(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: PublishCampaignNoticeInput,
  audit: AuditContext,
  now = new Date(),
): Promise<number> {
  ensure(whyNotDecide(actor));
  found(await db.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirst());
  if (input.startsOn < shanghaiToday(now)) throw new AppError('campaign_notice_start_in_past');
  const entries = await buildEntries(db, campaignId, input.includeExcellent ? ['provincial', 'excellent'] : ['provincial']);
  if (!entries.some((e) => e.outcome === 'provincial')) throw new AppError('campaign_notice_nothing');
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertNotice(trx, {
      campaignId,
      title: input.title,
      body: input.body,
      entries,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      publishedBy: actor.id,
    });
    await recordAudit(trx, audit, {
      action: 'campaign_notice.published',
      entityType: 'campaign_notice',
      entityId: id,
      summary: {
        after: { campaignId, title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, entries: entries.length },
      },
    });
    return id;
  });
}

export async function loadManagedNotice(db: Db, actor: Actor, id: number) {
  ensure(whyNotDecide(actor));
  return found(await repo.findNotice(db, id));
}

export async function takeDownNotice(db: Db, actor: Actor, id: number, audit: AuditContext, now = new Date()): Promise<void> {
  const notice = await loadManagedNotice(db, actor, id);
  ensure(whyNotTakeDown(actor, noticeFacts(notice), shanghaiToday(now)));
  await db.transaction().execute(async (trx) => {
    if (!(await repo.takeDown(trx, id, actor.id))) throw new AppError('campaign_notice_taken_down');
    await recordAudit(trx, audit, { action: 'campaign_notice.taken_down', entityType: 'campaign_notice', entityId: id });
  });
}

/** The notice as the public may read it: only while it runs (Asia/Shanghai dates against the server clock). */
export async function readPublicNotice(db: Db, id: number, now = new Date()) {
  const notice = await repo.findNotice(db, id);
  if (!notice) throw new AppError('campaign_notice_not_found');
  ensure(whyNotReadPublicNotice(noticeFacts(notice), shanghaiToday(now)));
  return notice;
}

/** An objection from anyone reading the notice; the institute admins are told (inbox + mail) without its text. */
export async function lodgeObjection(db: Db, id: number, input: ObjectionInput, audit: AuditContext, now = new Date()): Promise<number> {
  const notice = await repo.findNotice(db, id);
  if (!notice) throw new AppError('campaign_notice_not_found');
  ensure(whyNotObject(noticeFacts(notice), shanghaiToday(now)));
  let entry: StoredNoticeEntry | null = null;
  if (input.entryNo) {
    entry = storedEntries(notice).find((e) => e.no === input.entryNo) ?? null;
    if (!entry) throw new AppError('objection_not_on_notice');
  }
  return db.transaction().execute(async (trx) => {
    const objectionId = await repo.insertObjection(trx, {
      noticeId: id,
      submissionId: entry?.submissionId ?? null,
      authorName: input.authorName ?? null,
      contact: input.contact,
      body: input.body,
    });
    await notify(trx, {
      template: 'campaign_notice.objection',
      userIds: await findInstituteAdminIds(trx),
      data: {
        noticeTitle: notice.title,
        entryTitle: entry ? `${entry.no}. ${entry.title}(${entry.unitName})` : null,
        time: now.toISOString(),
      },
      link: `/decisions?campaignId=${notice.campaign_id}&tab=notices`,
      dedupeKey: `campaign_notice.objection:${objectionId}`,
    });
    // The objector's name, contact and text stay with the objection, not in the audit log.
    await recordAudit(trx, audit, {
      action: 'campaign_notice.objection_lodged',
      entityType: 'campaign_notice',
      entityId: id,
      summary: { after: { objectionId, entryNo: entry?.no ?? null } },
    });
    return objectionId;
  });
}

export async function respondObjection(
  db: Db,
  actor: Actor,
  noticeId: number,
  objectionId: number,
  input: ObjectionResponseInput,
  audit: AuditContext,
): Promise<void> {
  await loadManagedNotice(db, actor, noticeId);
  const objection = found((await repo.listObjections(db, noticeId)).find((o) => o.id === objectionId));
  ensure(whyNotRespondObjection(actor, { answered: objection.handled_at !== null }));
  await db.transaction().execute(async (trx) => {
    if (!(await repo.answerObjection(trx, objectionId, input.response, actor.id))) throw new AppError('objection_answered');
    await recordAudit(trx, audit, {
      action: 'campaign_notice.objection_answered',
      entityType: 'campaign_notice',
      entityId: noticeId,
      summary: { after: { objectionId } },
    });
  });
}
