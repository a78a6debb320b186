import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import type { ListSubmissionsQuery, StudentInput } from '../../../../contracts/submissions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Database, SubmissionsTable } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { containsPattern } from '../../db/like.ts';

// ---- campaign and track facts this module needs (read-only; the campaigns module owns them) ----

export function findTrackForDrafting(db: DbOrTrx, trackId: number) {
  return db
    .selectFrom('tracks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id', 't.campaign_id', 't.kind', 't.code', 'c.status as campaign_status'])
    .where('t.id', '=', trackId)
    .executeTakeFirst();
}

export function findSubtype(db: DbOrTrx, subtypeId: number) {
  return db.selectFrom('track_subtypes').select(['id', 'track_id']).where('id', '=', subtypeId).executeTakeFirst();
}

/** Sub-types per track (a track without sub-types is absent from the map). */
export async function countSubtypesOf(db: DbOrTrx, trackIds: number[]): Promise<Map<number, number>> {
  if (trackIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('track_subtypes')
    .select(['track_id', sql<string>`count(*)`.as('n')])
    .where('track_id', 'in', trackIds)
    .groupBy('track_id')
    .execute();
  return new Map(rows.map((r) => [r.track_id, Number(r.n)]));
}

export function findCampaign(db: DbOrTrx, id: number) {
  return db.selectFrom('campaigns').select(['id', 'year', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The key of a (track, unit) pair in the maps below. */
export const quotaKey = (trackId: number, unitId: number) => `${trackId}:${unitId}`;

/** Each unit's places in each track: its override, else the track's default. */
export async function quotasOf(db: DbOrTrx, pairs: { trackId: number; unitId: number }[]): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const trackIds = [...new Set(pairs.map((p) => p.trackId))];
  const unitIds = [...new Set(pairs.map((p) => p.unitId))];
  const [tracks, overrides] = await Promise.all([
    db.selectFrom('tracks').select(['id', 'default_quota']).where('id', 'in', trackIds).execute(),
    db.selectFrom('track_quota_overrides').selectAll().where('track_id', 'in', trackIds).where('unit_id', 'in', unitIds).execute(),
  ]);
  const defaults = new Map(tracks.map((t) => [t.id, Number(t.default_quota)]));
  const overridden = new Map(overrides.map((o) => [quotaKey(o.track_id, o.unit_id), o.quota]));
  return new Map(
    pairs.map((p) => [quotaKey(p.trackId, p.unitId), overridden.get(quotaKey(p.trackId, p.unitId)) ?? defaults.get(p.trackId) ?? 0]),
  );
}

// ---- state as SQL, matching submissionStatus() in the presenter ----

type SubmissionsEb = ExpressionBuilder<Database & { s: SubmissionsTable }, 's'>;

/** Submitted and not taken back: counts against the quota; visible outside the unit. */
const isSent = (eb: SubmissionsEb) => eb.and([eb('s.submitted_at', 'is not', null), eb('s.withdrawn_at', 'is', null)]);
const isDraft = (eb: SubmissionsEb) => eb.or([eb('s.submitted_at', 'is', null), eb('s.withdrawn_at', 'is not', null)]);

function statusFilter(eb: SubmissionsEb, status: ListSubmissionsQuery['status']) {
  switch (status) {
    case 'draft':
      return isDraft(eb);
    case 'accepted':
      return eb.and([isSent(eb), eb('s.accepted_at', 'is not', null)]);
    case 'returned':
      return eb.and([isSent(eb), eb('s.accepted_at', 'is', null), sql<boolean>`(s.returned_at > s.submitted_at)`]);
    default:
      return eb.and([
        isSent(eb),
        eb('s.accepted_at', 'is', null),
        eb.or([eb('s.returned_at', 'is', null), sql<boolean>`(s.returned_at <= s.submitted_at)`]),
      ]);
  }
}

// ---- loading ----

function selectSubmissions(db: DbOrTrx) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
    .innerJoin('units as un', 'un.id', 's.unit_id')
    .innerJoin('users as cb', 'cb.id', 's.created_by')
    .leftJoin('track_subtypes as st', 'st.id', 's.subtype_id')
    .leftJoin('users as sb', 'sb.id', 's.selected_by')
    .leftJoin('users as ab', 'ab.id', 's.approved_by')
    .selectAll('s')
    .select([
      't.code as track_code',
      't.name as track_name',
      't.kind as track_kind',
      't.coordinator_user_id as track_coordinator_id',
      't.opens_at',
      't.submission_closes_at',
      't.revision_closes_at',
      't.form_template',
      'c.year as campaign_year',
      'c.title as campaign_title',
      'c.status as campaign_status',
      'c.settings as campaign_settings',
      'un.name as unit_name',
      'cb.display_name as created_by_name',
      'st.name as subtype_name',
      'sb.display_name as selected_by_name',
      'ab.display_name as approved_by_name',
    ]);
}

export type SubmissionRow = Awaited<ReturnType<ReturnType<typeof selectSubmissions>['executeTakeFirstOrThrow']>>;

/** A live (not deleted) submission with its track and campaign facts. */
export function findSubmission(db: DbOrTrx, id: number, options: { forUpdate?: boolean } = {}) {
  let q = selectSubmissions(db).where('s.id', '=', id).where('s.deleted_at', 'is', null);
  if (options.forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

/** What the actor may list: their unit's (drafts too), their tracks' sent ones outside their unit, all sent ones for the admin. */
export async function listSubmissions(db: DbOrTrx, actor: Actor, query: ListSubmissionsQuery) {
  const unitStaff = actor.unitId !== null && ['unit_officer', 'unit_leader', 'mentor'].some((r) => actor.roles.has(r as never));
  const admin = actor.roles.has('institute_admin');
  const coordinator = actor.roles.has('track_coordinator');
  let base = db
    .selectFrom('submissions as s')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .where('s.deleted_at', 'is', null)
    .where((eb) => {
      const scopes = [];
      if (unitStaff) scopes.push(eb('s.unit_id', '=', actor.unitId!));
      if (admin) scopes.push(isSent(eb));
      if (coordinator) {
        scopes.push(
          eb.and([
            isSent(eb),
            eb('t.coordinator_user_id', '=', actor.id),
            ...(actor.unitId !== null ? [eb('s.unit_id', '!=', actor.unitId)] : []),
          ]),
        );
      }
      return scopes.length ? eb.or(scopes) : eb.val(false);
    });
  if (query.campaignId) base = base.where('s.campaign_id', '=', query.campaignId);
  if (query.trackId) base = base.where('s.track_id', '=', query.trackId);
  if (query.unitId) base = base.where('s.unit_id', '=', query.unitId);
  if (query.status) {
    const status = query.status;
    base = base.where((eb) => statusFilter(eb, status));
  }
  if (query.q) {
    const like = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('s.title', 'ilike', like), eb('s.receipt_no', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    selectSubmissions(db)
      .where('s.id', 'in', base.select('s.id'))
      .orderBy('s.updated_at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ---- writing ----

export async function insertSubmission(
  db: DbOrTrx,
  values: { campaignId: number; trackId: number; subtypeId: number | null; unitId: number; createdBy: number; title: string },
) {
  const row = await db
    .insertInto('submissions')
    .values({
      campaign_id: values.campaignId,
      track_id: values.trackId,
      subtype_id: values.subtypeId,
      unit_id: values.unitId,
      created_by: values.createdBy,
      title: values.title,
      sections: '{}',
      priority_tags: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Saves content if the client saw the current revision, bumping it: returns the
 * new revision, or null when someone else saved first.
 */
export async function updateSubmissionContent(
  db: DbOrTrx,
  id: number,
  expectedRevision: number | null,
  changes: Updateable<SubmissionsTable>,
): Promise<{ revision: number; updated_at: Date } | null> {
  let q = db
    .updateTable('submissions')
    .set({ ...changes, revision: sql`revision + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    // Only a draft or a returned case takes edits, even if it got submitted a moment ago.
    .where(sql<boolean>`(submitted_at is null or withdrawn_at is not null or (returned_at > submitted_at and accepted_at is null))`);
  if (expectedRevision !== null) q = q.where('revision', '=', expectedRevision);
  const row = await q.returning(['revision', 'updated_at']).executeTakeFirst();
  return row ?? null;
}

/** State changes that are not edits: selection, sign-off, submission, withdrawal (no revision bump). */
export async function setSubmissionFacts(db: DbOrTrx, id: number, facts: Updateable<SubmissionsTable>): Promise<void> {
  await db
    .updateTable('submissions')
    .set({ ...facts, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function listStudents(db: DbOrTrx, submissionId: number) {
  return listStudentsOf(db, [submissionId]);
}

export function listStudentsOf(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_students')
    .selectAll()
    .where('submission_id', 'in', submissionIds)
    .orderBy('submission_id')
    .orderBy('sort_order')
    .execute();
}

export async function replaceStudents(
  db: DbOrTrx,
  submissionId: number,
  role: 'involved' | 'nominee',
  students: StudentInput[],
): Promise<void> {
  await db.deleteFrom('submission_students').where('submission_id', '=', submissionId).execute();
  if (students.length === 0) return;
  await db
    .insertInto('submission_students')
    .values(
      students.map((s, i) => ({
        submission_id: submissionId,
        role,
        name: s.name,
        student_no: s.studentNo,
        programme: s.programme,
        grade: s.grade,
        major: s.major ?? null,
        class_name: s.className ?? null,
        consent_at: s.consentAt ?? null,
        consent_note: s.consentNote ?? null,
        sort_order: i,
      })),
    )
    .execute();
}

export function listAttachments(db: DbOrTrx, submissionId: number) {
  return listAttachmentsOf(db, [submissionId]);
}

export function listAttachmentsOf(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_attachments as a')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['a.id as attachment_id', 'a.slot_key', 'a.submission_id'])
    .selectAll('f')
    .where('a.submission_id', 'in', submissionIds)
    .orderBy('a.id')
    .execute();
}

export function countSlotFiles(db: DbOrTrx, submissionId: number, slotKey: string) {
  return db
    .selectFrom('submission_attachments')
    .select(sql<string>`count(*)`.as('n'))
    .where('submission_id', '=', submissionId)
    .where('slot_key', '=', slotKey)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function insertAttachment(db: DbOrTrx, submissionId: number, slotKey: string, fileId: number): Promise<number> {
  const row = await db
    .insertInto('submission_attachments')
    .values({ submission_id: submissionId, slot_key: slotKey, file_id: fileId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findAttachment(db: DbOrTrx, submissionId: number, attachmentId: number) {
  return db
    .selectFrom('submission_attachments as a')
    .innerJoin('stored_files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.slot_key', 'a.file_id', 'f.storage_key', 'f.original_name'])
    .where('a.submission_id', '=', submissionId)
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}

export async function deleteAttachment(db: DbOrTrx, attachmentId: number): Promise<void> {
  await db.deleteFrom('submission_attachments').where('id', '=', attachmentId).execute();
}

export function listActivities(db: DbOrTrx, submissionId: number) {
  return listActivitiesOf(db, [submissionId]);
}

export function listActivitiesOf(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ambassador_activities')
    .selectAll()
    .where('submission_id', 'in', submissionIds)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
}

export function findActivity(db: DbOrTrx, submissionId: number, activityId: number) {
  return db
    .selectFrom('ambassador_activities')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export function listVersions(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submission_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version_no', 'v.created_at', 'v.created_by', 'u.display_name as created_by_name'])
    .where('v.submission_id', '=', submissionId)
    .orderBy('v.version_no')
    .execute();
}

export function findVersion(db: DbOrTrx, submissionId: number, versionNo: number) {
  return db
    .selectFrom('submission_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version_no', 'v.created_at', 'v.created_by', 'v.snapshot', 'u.display_name as created_by_name'])
    .where('v.submission_id', '=', submissionId)
    .where('v.version_no', '=', versionNo)
    .executeTakeFirst();
}

export async function insertVersion(db: DbOrTrx, submissionId: number, snapshot: Record<string, unknown>, createdBy: number) {
  const { n } = await db
    .selectFrom('submission_versions')
    .select(sql<number>`coalesce(max(version_no), 0) + 1`.as('n'))
    .where('submission_id', '=', submissionId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('submission_versions')
    .values({ submission_id: submissionId, version_no: Number(n), snapshot: JSON.stringify(snapshot), created_by: createdBy })
    .execute();
  return Number(n);
}

export function listEvents(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('submission_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.action', 'e.actor_user_id', 'e.note', 'e.at', 'u.display_name as actor_name'])
    .where('e.submission_id', '=', submissionId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function insertEvent(db: DbOrTrx, submissionId: number, action: string, actorId: number, note: string | null = null) {
  await db.insertInto('submission_events').values({ submission_id: submissionId, action, actor_user_id: actorId, note }).execute();
}

// ---- the submit check's facts ----

/** Serialises submits of one unit in one track until the transaction ends (PostgreSQL and PGlite). */
export async function lockQuota(trx: DbOrTrx, trackId: number, unitId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${trackId}::int, ${unitId}::int)`.execute(trx);
}

/** Serialises nominations of one student in one campaign (units nominate independently). */
export async function lockNominee(trx: DbOrTrx, campaignId: number, studentNo: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`nominee:${campaignId}:${studentNo}`}))`.execute(trx);
}

/**
 * Places taken per (track, unit): submitted, not withdrawn, not deleted (returned
 * and accepted ones still hold theirs) — the ids holding them.
 */
export async function usedPlacesOf(db: DbOrTrx, pairs: { trackId: number; unitId: number }[]): Promise<Map<string, number[]>> {
  if (pairs.length === 0) return new Map();
  const rows = await db
    .selectFrom('submissions as s')
    .select(['s.id', 's.track_id', 's.unit_id'])
    .where('s.track_id', 'in', [...new Set(pairs.map((p) => p.trackId))])
    .where('s.unit_id', 'in', [...new Set(pairs.map((p) => p.unitId))])
    .where('s.deleted_at', 'is', null)
    .where((eb) => isSent(eb))
    .execute();
  const used = new Map<string, number[]>();
  for (const r of rows) {
    const key = quotaKey(r.track_id, r.unit_id);
    used.set(key, [...(used.get(key) ?? []), r.id]);
  }
  return used;
}

/** Sent nominations of these students in these campaigns (the caller leaves out the case itself). */
export function findSentNominations(db: DbOrTrx, campaignIds: number[], studentNos: string[]) {
  if (studentNos.length === 0 || campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_students as ss')
    .innerJoin('submissions as s', 's.id', 'ss.submission_id')
    .innerJoin('tracks as t', 't.id', 's.track_id')
    .select(['ss.student_no', 's.id', 's.campaign_id'])
    .where('ss.role', '=', 'nominee')
    .where('t.kind', '=', 'ambassador')
    .where('s.campaign_id', 'in', campaignIds)
    .where('s.deleted_at', 'is', null)
    .where('ss.student_no', 'in', studentNos)
    .where((eb) => isSent(eb))
    .execute();
}

/** Takes the next receipt number of the track (the row lock serialises concurrent submits). */
export async function nextReceiptNumber(trx: DbOrTrx, trackId: number): Promise<number> {
  const row = await trx
    .updateTable('tracks')
    .set({ next_receipt_no: sql`next_receipt_no + 1` })
    .where('id', '=', trackId)
    .returning(sql<number>`next_receipt_no - 1`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- quota usage per track for a unit ----

export async function quotaUsage(db: DbOrTrx, campaignId: number, unitId: number) {
  const rows = await db
    .selectFrom('tracks as t')
    .leftJoin('track_quota_overrides as o', (j) => j.onRef('o.track_id', '=', 't.id').on('o.unit_id', '=', unitId))
    .select([
      't.id',
      't.code',
      't.name',
      sql<number>`coalesce(o.quota, t.default_quota)`.as('quota'),
      sql<string>`(select count(*) from submissions s where s.track_id = t.id and s.unit_id = ${unitId}
        and s.deleted_at is null and s.submitted_at is not null and s.withdrawn_at is null)`.as('used'),
      sql<string>`(select count(*) from submissions s where s.track_id = t.id and s.unit_id = ${unitId}
        and s.deleted_at is null and (s.submitted_at is null or s.withdrawn_at is not null) and s.selected_at is not null)`.as('selected'),
      sql<string>`(select count(*) from submissions s where s.track_id = t.id and s.unit_id = ${unitId}
        and s.deleted_at is null and (s.submitted_at is null or s.withdrawn_at is not null))`.as('drafts'),
    ])
    .where('t.campaign_id', '=', campaignId)
    .orderBy('t.sort_order')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    trackId: r.id,
    trackCode: r.code,
    trackName: r.name,
    quota: Number(r.quota),
    used: Number(r.used),
    selected: Number(r.selected),
    drafts: Number(r.drafts),
  }));
}

// ---- who gets told ----

export async function findUnitOfficerIds(db: DbOrTrx, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.unit_id', '=', unitId)
    .where('r.role', '=', 'unit_officer')
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function findInstituteAdminIds(db: DbOrTrx): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('r.role', '=', 'institute_admin')
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export function findUserUnit(db: DbOrTrx, userId: number) {
  return db.selectFrom('users').select(['id', 'unit_id']).where('id', '=', userId).executeTakeFirst();
}

type SubmissionEb = ExpressionBuilder<Database & { s: Database['submissions'] }, 's'>;

/** Submitted, accepted in the form check, not withdrawn, not deleted: the cases that are reviewed. */
export const isAcceptedCase = (eb: SubmissionEb) =>
  eb.and([
    eb('s.submitted_at', 'is not', null),
    eb('s.withdrawn_at', 'is', null),
    eb('s.accepted_at', 'is not', null),
    eb('s.deleted_at', 'is', null),
  ]);
