import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  reopenReasonLabels,
  type CellValue,
  type LayoutInput,
  type RemindResult,
  type ReportSection,
  type StoredOverride,
  type reopenInput,
} from '../../../../contracts/statistics.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, ensure } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotEditFiling,
  whyNotManageStatisticsLayout,
  whyNotReopenFiling,
  whyNotSignOffFiling,
  whyNotSubmitFiling,
  whyNotViewStatisticsGrid,
} from '../../policies/statistics-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { discardStoredFile, storeUpload } from '../files/files.service.ts';
import { ensureNoPii } from '../growth-archive/text-check.ts';
import { extractText } from '../../lib/pii/extract-text.ts';
import { scanText } from '../../lib/pii/scan.ts';
import { notify } from '../notifications/notifications.service.ts';
import { metricByKey } from './metrics.ts';
import * as repo from './statistics.repository.ts';
import { computeFor, filingTarget, liveValues, type Loaded } from './statistics.service.ts';

const MB = 1024 * 1024;

export async function saveLayout(db: Db, actor: Actor, l: Loaded, input: LayoutInput, audit: AuditContext): Promise<void> {
  ensure(whyNotManageStatisticsLayout(actor));
  for (const c of input.columns) if (c.kind === 'computed' && !metricByKey.has(c.metric!)) throw new AppError('statistics_metric_unknown');
  await db.transaction().execute(async (trx) => {
    await repo.saveLayout(
      trx,
      l.campaign.id,
      { columns: input.columns, deadlineAt: new Date(input.deadlineAt), schoolYear: input.schoolYear },
      actor.id,
    );
    await recordAudit(trx, audit, {
      action: 'statistics.layout_saved',
      entityType: 'campaign',
      entityId: l.campaign.id,
      summary: { after: { columns: input.columns.length, deadlineAt: input.deadlineAt, schoolYear: input.schoolYear ?? l.schoolYear } },
    });
  });
}

/** Runs a change to a unit's filing in a transaction: locks it, checks the rule, bumps the version (a new version needs a new sign-off). */
async function changeFiling(
  db: Db,
  actor: Actor,
  l: Loaded,
  unitId: number,
  change: (trx: DbOrTrx, f: repo.FilingRow) => Promise<Record<string, unknown>>,
  audit: AuditContext,
  action: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const f = await repo.lockFiling(trx, l.campaign.id, unitId);
    ensure(whyNotEditFiling(actor, filingTarget(l, unitId, f)));
    const set = await change(trx, f);
    await trx
      .updateTable('statistics_filings')
      .set({ ...set, version: f.version + 1, updated_at: sql`now()` })
      .where('id', '=', f.id)
      .execute();
    await recordAudit(trx, audit, {
      action,
      entityType: 'statistics_filing',
      entityId: f.id,
      summary: { after: { unitId, version: f.version + 1 } },
    });
  });
}

export function setEntered(db: Db, actor: Actor, l: Loaded, unitId: number, values: Record<string, CellValue>, audit: AuditContext) {
  const byKey = new Map(l.layout.columns.map((c) => [c.key, c]));
  for (const [key, v] of Object.entries(values)) {
    const col = byKey.get(key);
    if (!col) throw new AppError('statistics_column_unknown');
    if (col.kind === 'computed') throw new AppError('statistics_column_unknown');
    const ok =
      v === null ||
      (col.kind === 'number' ? typeof v === 'number' : col.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string');
    if (!ok) throw new AppError('validation_failed', { issues: [{ path: `values.${key}`, message: `「${col.header}」的填写格式不对` }] });
  }
  // The table goes upward: its text may not carry a student's ID number, phone, bank card, birth date or address.
  ensureNoPii(Object.fromEntries(Object.entries(values).map(([k, v]) => [`values.${k}`, typeof v === 'string' ? v : null])));
  return changeFiling(
    db,
    actor,
    l,
    unitId,
    async (_trx, f) => ({ entered: JSON.stringify({ ...f.entered, ...values }) }),
    audit,
    'statistics.entered',
  );
}

export function setOverride(
  db: Db,
  actor: Actor,
  l: Loaded,
  unitId: number,
  key: string,
  input: { value: number; reason: string },
  audit: AuditContext,
) {
  const col = l.layout.columns.find((c) => c.key === key);
  if (!col) throw new AppError('statistics_column_unknown');
  if (col.kind !== 'computed') throw new AppError('statistics_column_not_computed');
  // The reason travels upward as a note in the exported table: no student's sensitive data in it.
  ensureNoPii({ reason: input.reason });
  return changeFiling(
    db,
    actor,
    l,
    unitId,
    async (trx, f) => {
      const computed = (await computeFor(trx, { ...l, layout: { ...l.layout, columns: [col] } }, [unitId])).get(key)?.get(unitId) ?? null;
      const o: StoredOverride = { computed, value: input.value, reason: input.reason, by: actor.id, at: new Date().toISOString() };
      return { overrides: JSON.stringify({ ...f.overrides, [key]: o }) };
    },
    audit,
    'statistics.overridden',
  );
}

export function clearOverride(db: Db, actor: Actor, l: Loaded, unitId: number, key: string, audit: AuditContext) {
  return changeFiling(
    db,
    actor,
    l,
    unitId,
    async (_trx, f) => {
      const { [key]: _removed, ...rest } = f.overrides;
      return { overrides: JSON.stringify(rest) };
    },
    audit,
    'statistics.override_cleared',
  );
}

export function saveReport(db: Db, actor: Actor, l: Loaded, unitId: number, sections: ReportSection[], audit: AuditContext) {
  // The report goes to the institute and upward: no student's sensitive data in its text.
  ensureNoPii(Object.fromEntries(sections.map((x, i) => [`sections.${i}.body`, `${x.title}\n${x.body}`])));
  return changeFiling(db, actor, l, unitId, async () => ({ report_sections: JSON.stringify(sections) }), audit, 'statistics.report_saved');
}

/** The 总结报告 as a .docx or .pdf; replaces the previous upload (the old file stays stored for the versions). */
export async function uploadReport(
  app: FastifyInstance,
  actor: Actor,
  l: Loaded,
  unitId: number,
  part: MultipartFile,
  audit: AuditContext,
) {
  const f = await repo.findFiling(app.db, l.campaign.id, unitId);
  ensure(whyNotEditFiling(actor, filingTarget(l, unitId, f)));
  const file = await storeUpload(app, part, { accept: ['docx', 'pdf'], maxBytes: 20 * MB, unitId, uploadedBy: actor.id });
  // The report goes upward: its text passes the same PII check as the written report. A file
  // whose text cannot be read (scanned pages) is accepted; the reader sees it as uploaded.
  const extracted = await extractText(app.storage, file.storage_key, file.extension);
  if (extracted.status === 'text' && scanText(extracted.text).length > 0) {
    await discardStoredFile(app, app.db, file);
    ensureNoPii({ file: extracted.text });
  }
  await changeFiling(app.db, actor, l, unitId, async () => ({ report_file_id: file.id }), audit, 'statistics.report_uploaded');
}

export async function signOff(db: Db, actor: Actor, l: Loaded, unitId: number, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const f = await repo.lockFiling(trx, l.campaign.id, unitId);
    ensure(whyNotSignOffFiling(actor, filingTarget(l, unitId, f)));
    await trx
      .updateTable('statistics_filings')
      .set({ signed_off_version: f.version, signed_off_at: sql`now()`, signed_off_by: actor.id })
      .where('id', '=', f.id)
      .execute();
    await recordAudit(trx, audit, {
      action: 'statistics.signed_off',
      entityType: 'statistics_filing',
      entityId: f.id,
      summary: { after: { version: f.version } },
    });
  });
}

/** Submits and locks: the values (computed, overridden, entered) are fixed as they are now, and a version row keeps table and report. */
export async function submit(db: Db, actor: Actor, l: Loaded, unitId: number, audit: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const f = await repo.lockFiling(trx, l.campaign.id, unitId);
    ensure(whyNotSubmitFiling(actor, filingTarget(l, unitId, f)));
    const computed = await computeFor(trx, l, [unitId]);
    const submitted = liveValues(l.layout.columns, f, computed, unitId);
    await trx
      .updateTable('statistics_filings')
      .set({ submitted_at: sql`now()`, submitted_by: actor.id, submitted_values: JSON.stringify(submitted), reopened_at: null })
      .where('id', '=', f.id)
      .execute();
    await trx
      .insertInto('statistics_filing_versions')
      .values({
        filing_id: f.id,
        version: f.version,
        snapshot: JSON.stringify({
          columns: l.layout.columns,
          ...submitted,
          overrides: f.overrides,
          reportSections: f.report_sections,
          reportFileId: f.report_file_id,
          signedOffBy: f.signed_off_by,
          signedOffAt: f.signed_off_at,
        }),
        created_by: actor.id,
      })
      .onConflict((oc) => oc.columns(['filing_id', 'version']).doNothing())
      .execute();
    await recordAudit(trx, audit, {
      action: 'statistics.submitted',
      entityType: 'statistics_filing',
      entityId: f.id,
      summary: { after: { unitId, version: f.version } },
    });
  });
}

/** The institute reopens a submitted filing for one unit (also past the deadline); its submitted versions stay. */
export async function reopen(db: Db, actor: Actor, l: Loaded, unitId: number, input: z.infer<typeof reopenInput>, audit: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const f = await repo.lockFiling(trx, l.campaign.id, unitId);
    ensure(whyNotReopenFiling(actor, { submittedAt: f.submitted_at }));
    await trx
      .updateTable('statistics_filings')
      .set({
        submitted_at: null,
        submitted_by: null,
        reopened_at: sql`now()`,
        reopened_by: actor.id,
        reopen_reason: input.reason,
        reopen_note: input.note ?? null,
        version: f.version + 1,
      })
      .where('id', '=', f.id)
      .execute();
    await recordAudit(trx, audit, {
      action: 'statistics.reopened',
      entityType: 'statistics_filing',
      entityId: f.id,
      summary: { after: { unitId, reason: input.reason }, note: input.note },
    });
    // The unit's officers and leaders learn it (mail + inbox): they have to change, sign off and submit again.
    const [unit] = await repo.filingUnits(trx, { unitId });
    await notify(trx, {
      template: 'statistics.reopened',
      userIds: (await repo.staffOf(trx, unitId, ['unit_officer', 'unit_leader'])).map((u) => u.id),
      data: {
        campaignTitle: l.campaign.title,
        unitName: unit?.name ?? '',
        reason: reopenReasonLabels[input.reason],
        note: input.note ?? null,
      },
      link: '/statistics',
    });
  });
}

/** The Beijing calendar day: a reminder sent at 07:00 Beijing time is the same day as one sent at 20:00. */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Reminds the officers of units that have not submitted (all of them, or the chosen ones); once a day per unit. */
export async function remindLate(db: Db, actor: Actor, l: Loaded, unitIds: number[] | undefined, audit: AuditContext, now = new Date()) {
  ensure(whyNotViewStatisticsGrid(actor));
  return db.transaction().execute(async (trx) => {
    const result = await remindUnits(trx, l, unitIds, `manual:${shanghaiDay(now)}`);
    await recordAudit(trx, audit, {
      action: 'statistics.reminded',
      entityType: 'campaign',
      entityId: l.campaign.id,
      summary: { after: { units: result.units } },
    });
    return result;
  });
}

/**
 * Notifies the officers (mail + inbox) of each unit not yet submitted; the dedupe key makes each
 * (campaign, occasion, unit) one message. Says how many units were reminded now, how many had been
 * already on this occasion, and which late units have no active aid officer to remind.
 */
export async function remindUnits(db: DbOrTrx, l: Loaded, unitIds: number[] | undefined, occasion: string): Promise<RemindResult> {
  const [units, filings] = await Promise.all([repo.filingUnits(db), repo.listFilings(db, l.campaign.id)]);
  const submitted = new Set(filings.filter((f) => f.submitted_at).map((f) => f.unit_id));
  const late = units.filter((u) => !submitted.has(u.id) && (!unitIds || unitIds.includes(u.id)));
  const officers = await repo.officersOf(
    db,
    late.map((u) => u.id),
  );
  const keyOf = (unitId: number) => `statistics:${l.campaign.id}:${occasion}:${unitId}`;
  const already = await repo.remindedKeys(
    db,
    officers.map((o) => o.id),
    officers.map((o) => `${keyOf(o.unit_id!)}:${o.id}`),
  );
  const result: RemindResult = { units: 0, alreadyReminded: 0, withoutOfficer: [] };
  for (const u of late) {
    const ids = officers.filter((o) => o.unit_id === u.id).map((o) => o.id);
    if (ids.length === 0) {
      result.withoutOfficer.push(u.name);
      continue;
    }
    if (ids.every((id) => already.has(`${keyOf(u.id)}:${id}`))) {
      result.alreadyReminded += 1;
      continue;
    }
    await notify(db, {
      template: 'statistics.reminder',
      userIds: ids,
      data: { campaignTitle: l.campaign.title, unitName: u.name, deadline: l.layout.deadline_at.toISOString() },
      link: '/statistics',
      dedupeKey: keyOf(u.id),
    });
    result.units += 1;
  }
  return result;
}
