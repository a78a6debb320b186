import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Insertable, Updateable } from 'kysely';
import {
  campaignTransitions,
  type CampaignTransition,
  type CopyCampaignInput,
  type CreateCampaignInput,
  type CreateTrackInput,
  type OpeningProblem,
  type QuotaOverridesInput,
  type SubtypeInput,
  type UpdateCampaignInput,
  type UpdateTrackInput,
} from '../../../../contracts/campaigns.ts';
import { defaultFormTemplate, type FormTemplate } from '../../../../contracts/form-template.ts';
import { reasons, type ReasonCode } from '../../../../contracts/reasons.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { TracksTable } from '../../db/schema.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  deadlineOrderReason,
  trackReadinessProblems,
  whyNotAddTrack,
  whyNotChangeTrackIdentity,
  whyNotCopyCampaign,
  whyNotCreateCampaign,
  whyNotDeleteCampaign,
  whyNotDeleteTrack,
  whyNotManageCampaigns,
  whyNotTransition,
  whyNotUpdateCampaign,
  whyNotUpdateTrack,
} from '../../policies/campaign-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { deleteStoredFileRow } from '../files/files.repository.ts';
import { storeUpload } from '../files/files.service.ts';
import {
  campaignSnapshot,
  campaignTarget,
  describeOpeningProblems,
  trackReadiness,
  trackSnapshot,
  trackTarget,
} from './campaigns.presenter.ts';
import * as repo from './campaigns.repository.ts';
import { NOTICE_DEFAULT_QUOTA, NOTICE_UPWARD_QUOTA, noticeTracks } from './notice-tracks.ts';

const campaignUnique = { campaigns_year_key: 'campaign_year_taken' } as const;
const trackUnique = { tracks_campaign_code_key: 'track_code_taken' } as const;
const subtypeUnique = { track_subtypes_track_code_key: 'subtype_code_taken' } as const;

/** Notice files: Word or PDF, up to 20 MB each. */
export const NOTICE_FILE_RULES = { accept: ['docx', 'pdf'] as const, maxBytes: 20 * 1024 * 1024 };

async function loadCampaign(db: DbOrTrx, actor: Actor, id: number, lock = false) {
  // Only those who manage campaigns learn whether an id exists through these commands.
  ensure(whyNotManageCampaigns(actor));
  return found(lock ? await repo.lockCampaign(db, id) : await repo.findCampaign(db, id));
}

async function loadTrack(db: DbOrTrx, actor: Actor, trackId: number) {
  ensure(whyNotManageCampaigns(actor));
  const track = found(await repo.findTrack(db, trackId));
  const campaign = found(await repo.findCampaign(db, track.campaign_id));
  return { track, campaign };
}

async function withUnique<T>(map: Record<string, ReasonCode>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw uniqueViolation(error, map) ?? error;
  }
}

// ---- campaigns

/** A new campaign starts with the notice's four tracks, their default forms and quotas, and no deadlines. */
export async function createCampaign(db: Db, actor: Actor, input: CreateCampaignInput, audit: AuditContext): Promise<number> {
  ensure(whyNotCreateCampaign(actor));
  if (await repo.findCampaignByYear(db, input.year)) throw new AppError('campaign_year_taken');
  return withUnique(campaignUnique, () =>
    db.transaction().execute(async (trx) => {
      const id = await repo.insertCampaign(trx, {
        year: input.year,
        title: input.title,
        status: 'draft',
        notice_text: input.noticeText ?? null,
        summary_due_on: input.summaryDueOn ?? null,
        settings: JSON.stringify({ eligibility: input.eligibility }),
      });
      await insertNoticeTracks(trx, id);
      await recordAudit(trx, audit, {
        action: 'campaign.created',
        entityType: 'campaign',
        entityId: id,
        summary: {
          after: { year: input.year, title: input.title, eligibility: input.eligibility, tracks: noticeTracks.map((t) => t.code) },
        },
      });
      return id;
    }),
  );
}

/**
 * The notice's four tracks with their sub-types, default templates and quotas,
 * and optionally per-track extras (the demo's host units, coordinators and deadlines).
 */
export async function insertNoticeTracks(
  db: DbOrTrx,
  campaignId: number,
  extras: (code: string) => Partial<Omit<Insertable<TracksTable>, 'id' | 'campaign_id' | 'form_template'>> = () => ({}),
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [i, t] of noticeTracks.entries()) {
    const id = await repo.insertTrack(db, {
      campaign_id: campaignId,
      code: t.code,
      name: t.name,
      kind: t.kind,
      description: t.description,
      sort_order: i,
      default_quota: NOTICE_DEFAULT_QUOTA,
      upward_quota: NOTICE_UPWARD_QUOTA,
      form_template: JSON.stringify(defaultFormTemplate(t.code, t.kind)),
      host_unit_id: null,
      coordinator_user_id: null,
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      ...extras(t.code),
    });
    for (const [j, s] of t.subtypes.entries()) await repo.insertSubtype(db, id, { ...s, sortOrder: j });
    ids.set(t.code, id);
  }
  return ids;
}

export async function updateCampaignSettings(db: Db, actor: Actor, id: number, input: UpdateCampaignInput, audit: AuditContext) {
  const before = await loadCampaign(db, actor, id);
  ensure(whyNotUpdateCampaign(actor, campaignTarget(before)));
  if (input.year !== undefined && input.year !== before.year) {
    const other = await repo.findCampaignByYear(db, input.year);
    if (other) throw new AppError('campaign_year_taken');
  }
  await withUnique(campaignUnique, () =>
    db.transaction().execute(async (trx) => {
      const settings = { ...(before.settings ?? {}), ...(input.eligibility ? { eligibility: input.eligibility } : {}) };
      await repo.updateCampaign(trx, id, {
        ...(input.year !== undefined ? { year: input.year } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.noticeText !== undefined ? { notice_text: input.noticeText } : {}),
        ...(input.summaryDueOn !== undefined ? { summary_due_on: input.summaryDueOn } : {}),
        ...(input.eligibility ? { settings: JSON.stringify(settings) } : {}),
      });
      const after = found(await repo.findCampaign(trx, id));
      await recordAudit(trx, audit, {
        action: 'campaign.updated',
        entityType: 'campaign',
        entityId: id,
        summary: { before: campaignSnapshot(before), after: campaignSnapshot(after) },
      });
    }),
  );
}

function notReady(problems: OpeningProblem[], code: ReasonCode = 'campaign_not_ready'): AppError {
  return new AppError(code, {
    issues: problems.map((p) => ({ path: p.trackId ? `tracks.${p.trackId}` : 'tracks', message: p.message })),
    details: { problems },
  });
}

/** draft → open (when every track is ready) → reviewing → closed. */
export async function transitionCampaign(db: Db, actor: Actor, id: number, transition: CampaignTransition, audit: AuditContext) {
  ensure(whyNotManageCampaigns(actor));
  await db.transaction().execute(async (trx) => {
    const campaign = found(await repo.lockCampaign(trx, id));
    ensure(whyNotTransition(actor, campaignTarget(campaign), transition));
    if (transition === 'open') {
      const problems = describeOpeningProblems(await repo.listTrackRows(trx, [id]));
      if (problems.length > 0) throw notReady(problems);
    }
    const { from, to } = campaignTransitions[transition];
    await repo.updateCampaign(trx, id, { status: to });
    await recordAudit(trx, audit, {
      action: `campaign.${transition === 'review' ? 'review_started' : transition === 'open' ? 'opened' : 'closed'}`,
      entityType: 'campaign',
      entityId: id,
      summary: { before: { status: from }, after: { status: to } },
    });
  });
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function shiftPlainDate(date: string | null, years: number): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Next year's campaign in one step: every track with its sub-types, template,
 * quotas and overrides, host unit and coordinator; deadlines shifted by whole
 * years. It starts as a draft; notice files stay with their own year.
 */
export async function copyCampaign(db: Db, actor: Actor, sourceId: number, input: CopyCampaignInput, audit: AuditContext): Promise<number> {
  ensure(whyNotCopyCampaign(actor));
  const source = found(await repo.findCampaign(db, sourceId));
  if (await repo.findCampaignByYear(db, input.year)) throw new AppError('campaign_year_taken');
  const years = input.year - source.year;
  return withUnique(campaignUnique, () =>
    db.transaction().execute(async (trx) => {
      const id = await repo.insertCampaign(trx, {
        year: input.year,
        title: input.title,
        status: 'draft',
        notice_text: source.notice_text,
        summary_due_on: shiftPlainDate(source.summary_due_on, years),
        settings: JSON.stringify(source.settings ?? {}),
      });
      await repo.copyCampaignContent(trx, sourceId, id, years);
      const tracks = await repo.listTrackRows(trx, [id]);
      await recordAudit(trx, audit, {
        action: 'campaign.copied',
        entityType: 'campaign',
        entityId: id,
        summary: {
          before: { campaignId: sourceId, year: source.year },
          after: { year: input.year, title: input.title, status: 'draft', tracks: tracks.map((t) => t.code), shiftedYears: years },
        },
      });
      return id;
    }),
  );
}

/** Only a draft nobody has written anything in may go; its notice files go with it. */
export async function deleteCampaign(app: FastifyInstance, actor: Actor, id: number, audit: AuditContext): Promise<void> {
  const db = app.db;
  const keys = await db.transaction().execute(async (trx) => {
    const campaign = await loadCampaign(trx, actor, id, true);
    ensure(whyNotDeleteCampaign(actor, campaignTarget(campaign)));
    const files = await repo.listCampaignFiles(trx, [id]);
    await repo.deleteCampaign(trx, id);
    for (const f of files) await deleteStoredFileRow(trx, f.id);
    await recordAudit(trx, audit, {
      action: 'campaign.deleted',
      entityType: 'campaign',
      entityId: id,
      summary: { before: campaignSnapshot(campaign) },
    });
    return files.map((f) => f.storage_key);
  });
  for (const key of keys) await app.storage.delete(key);
}

// ---- notice files

export async function addNoticeFile(app: FastifyInstance, actor: Actor, campaignId: number, part: MultipartFile, audit: AuditContext) {
  const campaign = await loadCampaign(app.db, actor, campaignId);
  ensure(whyNotUpdateCampaign(actor, campaignTarget(campaign)));
  const file = await storeUpload(app, part, { ...NOTICE_FILE_RULES, unitId: null, uploadedBy: actor.id });
  try {
    await app.db.transaction().execute(async (trx) => {
      await repo.linkCampaignFile(trx, campaignId, file.id);
      await recordAudit(trx, audit, {
        action: 'campaign.file_added',
        entityType: 'campaign',
        entityId: campaignId,
        summary: { after: { fileId: file.id, name: file.original_name, sizeBytes: Number(file.size_bytes), sha256: file.sha256 } },
      });
    });
  } catch (error) {
    await deleteStoredFileRow(app.db, file.id);
    await app.storage.delete(file.storage_key);
    throw error;
  }
  return file;
}

export async function removeNoticeFile(app: FastifyInstance, actor: Actor, campaignId: number, fileId: number, audit: AuditContext) {
  const campaign = await loadCampaign(app.db, actor, campaignId);
  ensure(whyNotUpdateCampaign(actor, campaignTarget(campaign)));
  const file = found((await repo.listCampaignFiles(app.db, [campaignId])).find((f) => f.id === fileId));
  await app.db.transaction().execute(async (trx) => {
    await repo.unlinkCampaignFile(trx, campaignId, fileId);
    await deleteStoredFileRow(trx, fileId);
    await recordAudit(trx, audit, {
      action: 'campaign.file_removed',
      entityType: 'campaign',
      entityId: campaignId,
      summary: { before: { fileId, name: file.original_name } },
    });
  });
  await app.storage.delete(file.storage_key);
}

// ---- tracks

async function checkReferences(db: DbOrTrx, input: { hostUnitId?: number | null; coordinatorUserId?: number | null }) {
  if (input.hostUnitId) {
    const known = await repo.existingUnitIds(db, [input.hostUnitId]);
    if (!known.has(input.hostUnitId)) throw new AppError('not_found', { details: { field: 'hostUnitId' } });
  }
  if (input.coordinatorUserId) {
    const coordinator = await repo.findCoordinatorFacts(db, input.coordinatorUserId);
    if (!coordinator) throw new AppError('not_found', { details: { field: 'coordinatorUserId' } });
    if (!coordinator.eligible) {
      throw new AppError('coordinator_not_eligible', {
        issues: [{ path: 'coordinatorUserId', message: reasons.coordinator_not_eligible.message }],
      });
    }
  }
}

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

function trackValues(input: UpdateTrackInput): Updateable<TracksTable> {
  const values: Updateable<TracksTable> = {};
  if (input.code !== undefined) values.code = input.code;
  if (input.name !== undefined) values.name = input.name;
  if (input.kind !== undefined) values.kind = input.kind;
  if (input.description !== undefined) values.description = input.description;
  if (input.hostUnitId !== undefined) values.host_unit_id = input.hostUnitId;
  if (input.coordinatorUserId !== undefined) values.coordinator_user_id = input.coordinatorUserId;
  if (input.contactName !== undefined) values.contact_name = input.contactName;
  if (input.contactEmail !== undefined) values.contact_email = input.contactEmail;
  if (input.contactPhone !== undefined) values.contact_phone = input.contactPhone;
  if (input.opensAt !== undefined) values.opens_at = toDate(input.opensAt);
  if (input.submissionClosesAt !== undefined) values.submission_closes_at = toDate(input.submissionClosesAt);
  if (input.revisionClosesAt !== undefined) values.revision_closes_at = toDate(input.revisionClosesAt);
  if (input.defaultQuota !== undefined) values.default_quota = input.defaultQuota;
  if (input.upwardQuota !== undefined) values.upward_quota = input.upwardQuota;
  return values;
}

function deadlineIssue(): AppError {
  return new AppError('track_deadlines_order', {
    issues: [{ path: 'submissionClosesAt', message: reasons.track_deadlines_order.message }],
  });
}

export async function createTrack(db: Db, actor: Actor, campaignId: number, input: CreateTrackInput, audit: AuditContext): Promise<number> {
  await checkReferences(db, input);
  if (
    deadlineOrderReason({
      opensAt: toDate(input.opensAt) ?? null,
      submissionClosesAt: toDate(input.submissionClosesAt) ?? null,
      revisionClosesAt: toDate(input.revisionClosesAt) ?? null,
    })
  ) {
    throw deadlineIssue();
  }
  return withUnique(trackUnique, () =>
    db.transaction().execute(async (trx) => {
      const campaign = await loadCampaign(trx, actor, campaignId, true);
      ensure(whyNotAddTrack(actor, campaignTarget(campaign)));
      const id = await repo.insertTrack(trx, {
        campaign_id: campaignId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        sort_order: await repo.nextTrackSortOrder(trx, campaignId),
        form_template: JSON.stringify(defaultFormTemplate(input.code, input.kind)),
        host_unit_id: input.hostUnitId ?? null,
        coordinator_user_id: input.coordinatorUserId ?? null,
        contact_name: input.contactName ?? null,
        contact_email: input.contactEmail ?? null,
        contact_phone: input.contactPhone ?? null,
        description: input.description ?? null,
        opens_at: toDate(input.opensAt) ?? null,
        submission_closes_at: toDate(input.submissionClosesAt) ?? null,
        revision_closes_at: toDate(input.revisionClosesAt) ?? null,
        default_quota: input.defaultQuota,
        upward_quota: input.upwardQuota,
      });
      const after = found(await repo.findTrack(trx, id));
      await recordAudit(trx, audit, {
        action: 'track.created',
        entityType: 'track',
        entityId: id,
        summary: { after: trackSnapshot(after) },
      });
      return id;
    }),
  );
}

/**
 * Any setting may change until the campaign closes. Code and kind are fixed
 * once the track has submissions. Once the campaign is open, a change may not
 * leave the track unfit to take submissions (no clearing a deadline or the coordinator).
 */
export async function updateTrackSettings(db: Db, actor: Actor, trackId: number, input: UpdateTrackInput, audit: AuditContext) {
  const { track: before, campaign } = await loadTrack(db, actor, trackId);
  ensure(whyNotUpdateTrack(actor, campaignTarget(campaign)));
  if ((input.code !== undefined && input.code !== before.code) || (input.kind !== undefined && input.kind !== before.kind)) {
    ensure(whyNotChangeTrackIdentity(trackTarget(before)));
  }
  await checkReferences(db, {
    hostUnitId: input.hostUnitId !== before.host_unit_id ? input.hostUnitId : undefined,
    coordinatorUserId: input.coordinatorUserId !== before.coordinator_user_id ? input.coordinatorUserId : undefined,
  });
  const values = trackValues(input);
  const merged = {
    ...trackReadiness(before),
    ...(values.opens_at !== undefined ? { opensAt: values.opens_at as Date | null } : {}),
    ...(values.submission_closes_at !== undefined ? { submissionClosesAt: values.submission_closes_at as Date | null } : {}),
    ...(values.revision_closes_at !== undefined ? { revisionClosesAt: values.revision_closes_at as Date | null } : {}),
    ...(values.host_unit_id !== undefined ? { hostUnitId: values.host_unit_id } : {}),
    ...(values.coordinator_user_id !== undefined
      ? { coordinatorUserId: values.coordinator_user_id, coordinatorEligible: values.coordinator_user_id !== null }
      : {}),
  };
  if (deadlineOrderReason(merged)) throw deadlineIssue();
  if (campaign.status !== 'draft') {
    const had = new Set(trackReadinessProblems(trackReadiness(before)));
    const added = trackReadinessProblems(merged).filter((code) => !had.has(code));
    if (added.length > 0) {
      throw notReady(
        added.map((code) => ({ trackId, trackName: before.name, code, message: `“${before.name}”:${reasons[code].message}` })),
        added[0],
      );
    }
  }
  await withUnique(trackUnique, () =>
    db.transaction().execute(async (trx) => {
      await repo.updateTrack(trx, trackId, values);
      const after = found(await repo.findTrack(trx, trackId));
      await recordAudit(trx, audit, {
        action: 'track.updated',
        entityType: 'track',
        entityId: trackId,
        summary: { before: trackSnapshot(before), after: trackSnapshot(after) },
      });
    }),
  );
}

export async function deleteTrack(db: Db, actor: Actor, trackId: number, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const track = found(await repo.findTrack(trx, trackId));
    const campaign = await loadCampaign(trx, actor, track.campaign_id, true);
    ensure(whyNotDeleteTrack(actor, campaignTarget(campaign), trackTarget(track)));
    await repo.deleteTrack(trx, trackId);
    await recordAudit(trx, audit, {
      action: 'track.deleted',
      entityType: 'track',
      entityId: trackId,
      summary: { before: trackSnapshot(track) },
    });
  });
}

export async function reorderTracks(db: Db, actor: Actor, campaignId: number, trackIds: number[], audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const campaign = await loadCampaign(trx, actor, campaignId, true);
    ensure(whyNotUpdateCampaign(actor, campaignTarget(campaign)));
    const tracks = await repo.listTrackRows(trx, [campaignId]);
    const current = new Set(tracks.map((t) => t.id));
    if (trackIds.length !== current.size || new Set(trackIds).size !== trackIds.length || !trackIds.every((id) => current.has(id))) {
      throw new AppError('track_order_mismatch');
    }
    await repo.setTrackOrder(trx, trackIds);
    await recordAudit(trx, audit, {
      action: 'campaign.tracks_reordered',
      entityType: 'campaign',
      entityId: campaignId,
      summary: {
        before: { order: tracks.map((t) => t.code) },
        after: { order: trackIds.map((id) => tracks.find((t) => t.id === id)!.code) },
      },
    });
  });
}

/**
 * The template is data the admin edits at any time before the campaign closes.
 * Cases already sent keep what they were sent with (their versions); the audit
 * log keeps the template before and after, and says when cases were already in.
 */
export async function setFormTemplate(db: Db, actor: Actor, trackId: number, template: FormTemplate, audit: AuditContext): Promise<void> {
  const { track, campaign } = await loadTrack(db, actor, trackId);
  ensure(whyNotUpdateTrack(actor, campaignTarget(campaign)));
  const sent = await repo.countSentSubmissions(db, trackId);
  await db.transaction().execute(async (trx) => {
    await repo.updateTrack(trx, trackId, { form_template: JSON.stringify(template) });
    await recordAudit(trx, audit, {
      action: 'track.template_changed',
      entityType: 'track',
      entityId: trackId,
      summary: {
        before: { formTemplate: track.form_template },
        after: { formTemplate: template },
        ...(sent > 0 ? { note: `修改时该类别已有 ${sent} 份已提交的申报` } : {}),
      },
    });
  });
}

export async function setQuotaOverrides(
  db: Db,
  actor: Actor,
  trackId: number,
  overrides: QuotaOverridesInput,
  audit: AuditContext,
): Promise<void> {
  const { campaign } = await loadTrack(db, actor, trackId);
  ensure(whyNotUpdateTrack(actor, campaignTarget(campaign)));
  const known = await repo.existingUnitIds(
    db,
    overrides.map((o) => o.unitId),
  );
  const unknown = overrides.filter((o) => !known.has(o.unitId)).map((o) => o.unitId);
  if (unknown.length > 0) throw new AppError('not_found', { details: { unitIds: unknown } });
  await db.transaction().execute(async (trx) => {
    const before = await repo.listQuotaOverrides(trx, trackId);
    await repo.replaceQuotaOverrides(trx, trackId, overrides);
    await recordAudit(trx, audit, {
      action: 'track.quotas_changed',
      entityType: 'track',
      entityId: trackId,
      summary: {
        before: { overrides: before.map((o) => ({ unitId: o.unit_id, quota: o.quota })) },
        after: { overrides },
      },
    });
  });
}

// ---- sub-types

export async function createSubtype(db: Db, actor: Actor, trackId: number, input: SubtypeInput, audit: AuditContext): Promise<number> {
  const { campaign } = await loadTrack(db, actor, trackId);
  ensure(whyNotUpdateTrack(actor, campaignTarget(campaign)));
  return withUnique(subtypeUnique, () =>
    db.transaction().execute(async (trx) => {
      const id = await repo.insertSubtype(trx, trackId, { code: input.code, name: input.name, description: input.description ?? null });
      await recordAudit(trx, audit, {
        action: 'subtype.created',
        entityType: 'track',
        entityId: trackId,
        summary: { after: { id, ...input } },
      });
      return id;
    }),
  );
}

async function loadSubtype(db: DbOrTrx, actor: Actor, subtypeId: number) {
  ensure(whyNotManageCampaigns(actor));
  const subtype = found(await repo.findSubtype(db, subtypeId));
  const { campaign } = await loadTrack(db, actor, subtype.track_id);
  ensure(whyNotUpdateTrack(actor, campaignTarget(campaign)));
  return subtype;
}

export async function updateSubtypeSettings(db: Db, actor: Actor, subtypeId: number, input: Partial<SubtypeInput>, audit: AuditContext) {
  const before = await loadSubtype(db, actor, subtypeId);
  await withUnique(subtypeUnique, () =>
    db.transaction().execute(async (trx) => {
      await repo.updateSubtype(trx, subtypeId, input);
      await recordAudit(trx, audit, {
        action: 'subtype.updated',
        entityType: 'track',
        entityId: before.track_id,
        summary: {
          before: { id: subtypeId, code: before.code, name: before.name, description: before.description },
          after: { id: subtypeId, ...input },
        },
      });
    }),
  );
  return before.track_id;
}

export async function deleteSubtype(db: Db, actor: Actor, subtypeId: number, audit: AuditContext): Promise<void> {
  const subtype = await loadSubtype(db, actor, subtypeId);
  if (Number(subtype.submission_count) > 0) throw new AppError('subtype_in_use');
  await db.transaction().execute(async (trx) => {
    await repo.deleteSubtype(trx, subtypeId);
    await recordAudit(trx, audit, {
      action: 'subtype.deleted',
      entityType: 'track',
      entityId: subtype.track_id,
      summary: { before: { id: subtypeId, code: subtype.code, name: subtype.name } },
    });
  });
}
