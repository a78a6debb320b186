import { messageFor, type ReasonCode } from '../../../../contracts/reasons.ts';
import type {
  CellValue,
  FilingCellDto,
  FilingDto,
  FilingState,
  FilingVersionDto,
  FilingVersionSummary,
  GridDto,
  GridOverride,
  StatisticsColumn,
  StoredOverride,
  SubmittedValues,
} from '../../../../contracts/statistics.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotEditFiling,
  whyNotReopenFiling,
  whyNotSignOffFiling,
  whyNotSubmitFiling,
  type FilingTarget,
} from '../../policies/statistics-policy.ts';
import { computeColumns, metricByKey, type PerUnit } from './metrics.ts';
import * as repo from './statistics.repository.ts';

export interface Loaded {
  campaign: repo.CampaignRow;
  layout: repo.LayoutRow;
  schoolYear: string;
}

export async function loadCampaign(db: DbOrTrx, campaign: repo.CampaignRow): Promise<Loaded> {
  const layout = await repo.ensureLayout(db, campaign);
  return { campaign, layout, schoolYear: repo.schoolYearOfCampaign(campaign.year, layout) };
}

/** Today's computed values of the layout's computed columns, for the given units. */
export function computeFor(db: DbOrTrx, l: Loaded, unitIds: readonly number[]): Promise<Map<string, PerUnit>> {
  return computeColumns(
    db,
    { campaignId: l.campaign.id, schoolYear: l.schoolYear, unitIds },
    l.layout.columns.filter((c) => c.kind === 'computed'),
  );
}

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/** The value a live (not submitted) filing shows in a column. */
function liveValue(col: StatisticsColumn, filing: repo.FilingRow | undefined, computed: number | null): CellValue {
  if (col.kind === 'computed') return filing?.overrides[col.key]?.value ?? computed;
  return filing?.entered[col.key] ?? null;
}

export function liveValues(
  columns: StatisticsColumn[],
  filing: repo.FilingRow | undefined,
  computed: Map<string, PerUnit>,
  unitId: number,
) {
  const values: Record<string, CellValue> = {};
  const computedNow: Record<string, number | null> = {};
  for (const col of columns) {
    const c = col.kind === 'computed' ? (computed.get(col.key)?.get(unitId) ?? null) : null;
    if (col.kind === 'computed') computedNow[col.key] = c;
    values[col.key] = liveValue(col, filing, c);
  }
  return { values, computed: computedNow } satisfies SubmittedValues;
}

export function filingState(f: repo.FilingRow | undefined): FilingState {
  if (!f) return 'not_started';
  if (f.submitted_at) return 'submitted';
  return f.signed_off_version === f.version ? 'signed_off' : 'draft';
}

export function filingTarget(l: Loaded, unitId: number, f: repo.FilingRow | undefined): FilingTarget {
  const missing = l.layout.columns.filter((c) => (c.kind === 'number' || c.kind === 'boolean') && isEmpty(f?.entered[c.key])).length;
  return {
    unitId,
    version: f?.version ?? 1,
    signedOffVersion: f?.signed_off_version ?? null,
    submittedAt: f?.submitted_at ?? null,
    reopenedAt: f?.reopened_at ?? null,
    deadlineAt: l.layout.deadline_at,
    hasReport: Boolean(f && (f.report_file_id !== null || f.report_sections.some((s) => s.body.trim().length > 0))),
    missingEntries: missing,
  };
}

const why = (code: ReasonCode | null) => (code ? messageFor(code) : null);

export async function filingDto(db: DbOrTrx, actor: Actor, l: Loaded, unit: repo.UnitRow): Promise<FilingDto> {
  const [filing, computed] = await Promise.all([repo.findFiling(db, l.campaign.id, unit.id), computeFor(db, l, [unit.id])]);
  const columns = l.layout.columns;
  const live = liveValues(columns, filing, computed, unit.id);
  const submitted = filing?.submitted_at ? filing.submitted_values : null;
  const cells: FilingCellDto[] = columns.map((col) => {
    const o = filing?.overrides[col.key];
    const today = col.kind === 'computed' ? (live.computed[col.key] ?? null) : null;
    return {
      key: col.key,
      kind: col.kind,
      computed: today,
      override: o ? { value: o.value, computedAtOverride: o.computed, reason: o.reason, at: o.at } : null,
      entered: col.kind === 'computed' ? null : (filing?.entered[col.key] ?? null),
      value: submitted ? (submitted.values[col.key] ?? null) : live.values[col.key]!,
      differsFromToday: Boolean(submitted && col.kind === 'computed' && (submitted.computed[col.key] ?? null) !== today),
    };
  });
  const target = filingTarget(l, unit.id, filing);
  const [file, signer, versions] = await Promise.all([
    filing?.report_file_id ? repo.findFileRow(db, filing.report_file_id) : undefined,
    repo.userName(db, filing?.signed_off_by ?? null),
    filing ? versionSummaries(db, filing.id) : [],
  ]);
  const w = {
    edit: whyNotEditFiling(actor, target),
    signOff: whyNotSignOffFiling(actor, target),
    submit: whyNotSubmitFiling(actor, target),
    reopen: whyNotReopenFiling(actor, target),
  };
  return {
    id: filing?.id ?? null,
    campaignId: l.campaign.id,
    unit: { id: unit.id, name: unit.name, region: unit.region },
    state: filingState(filing),
    version: target.version,
    deadlineAt: l.layout.deadline_at.toISOString(),
    columns,
    cells,
    reportSections: filing?.report_sections ?? [],
    reportFile: file ? { id: file.id, name: file.original_name, size: Number(file.size_bytes) } : null,
    signedOff:
      filing?.signed_off_version && filing.signed_off_at
        ? { version: filing.signed_off_version, at: filing.signed_off_at.toISOString(), by: signer ?? '' }
        : null,
    submittedAt: filing?.submitted_at?.toISOString() ?? null,
    reopened:
      filing?.reopened_at && filing.reopen_reason
        ? { at: filing.reopened_at.toISOString(), reason: filing.reopen_reason, note: filing.reopen_note }
        : null,
    versions: versions.map((v) => v.summary),
    abilities: { edit: !w.edit, signOff: !w.signOff, submit: !w.submit, reopen: !w.reopen },
    whyNot: { edit: why(w.edit), signOff: why(w.signOff), submit: why(w.submit), reopen: why(w.reopen) },
  };
}

/** Per column, the unit's override (the computed figure then and the reason), or null. */
export function overridesOf(columns: StatisticsColumn[], overrides: Record<string, StoredOverride>): (GridOverride | null)[] {
  return columns.map((c) => {
    const o = overrides[c.key];
    return o ? { computed: o.computed, reason: o.reason } : null;
  });
}

/** The kept versions of a filing, oldest first, with who submitted and who signed each. */
async function versionSummaries(db: DbOrTrx, filingId: number) {
  const rows = await repo.listVersions(db, filingId);
  const names = await repo.userNames(
    db,
    rows.map((r) => r.snapshot.signedOffBy ?? null),
  );
  return rows.map((r) => ({
    row: r,
    summary: {
      version: r.version,
      at: r.created_at.toISOString(),
      by: r.created_by_name ?? '',
      signedOff:
        r.snapshot.signedOffAt && r.snapshot.signedOffBy
          ? { at: new Date(r.snapshot.signedOffAt).toISOString(), by: names.get(r.snapshot.signedOffBy) ?? '' }
          : null,
    } satisfies FilingVersionSummary,
  }));
}

/** One kept version as it was submitted (its own columns, values, overrides and report); undefined when there is none. */
export async function versionDto(db: DbOrTrx, filingId: number, version: number): Promise<FilingVersionDto | undefined> {
  const v = (await versionSummaries(db, filingId)).find((x) => x.summary.version === version);
  if (!v) return undefined;
  const snap = v.row.snapshot;
  const file = snap.reportFileId ? await repo.findFileRow(db, snap.reportFileId) : undefined;
  return {
    ...v.summary,
    columns: snap.columns,
    values: snap.columns.map((c) => snap.values[c.key] ?? null),
    overrides: overridesOf(snap.columns, snap.overrides ?? {}),
    reportSections: snap.reportSections ?? [],
    reportFile: file ? { name: file.original_name, size: Number(file.size_bytes) } : null,
  };
}

/** The sum of a column over rows, or null when the column is not summed (rates, text). */
export function columnTotal(col: StatisticsColumn, values: CellValue[]): number | null {
  if (col.kind === 'text') return null;
  if (col.kind === 'computed' && metricByKey.get(col.metric ?? '')?.total === 'none') return null;
  let sum = 0;
  for (const v of values) sum += typeof v === 'number' ? v : v === true ? 1 : 0;
  return Math.round(sum * 100) / 100;
}

/**
 * The institute grid: every filing unit × every column. A submitted filing
 * shows what it submitted; the others show today's live figures.
 */
export async function gridDto(db: DbOrTrx, l: Loaded, region?: string): Promise<GridDto> {
  const units = await repo.filingUnits(db, region ? { region } : {});
  const ids = units.map((u) => u.id);
  const [filings, computed] = await Promise.all([repo.listFilings(db, l.campaign.id), computeFor(db, l, ids)]);
  const byUnit = new Map(filings.map((f) => [f.unit_id, f]));
  const columns = l.layout.columns;
  const rows = units.map((u) => {
    const f = byUnit.get(u.id);
    const values = f?.submitted_at && f.submitted_values ? f.submitted_values.values : liveValues(columns, f, computed, u.id).values;
    return {
      unit: u,
      state: filingState(f),
      submittedAt: f?.submitted_at?.toISOString() ?? null,
      values: columns.map((c) => values[c.key] ?? null),
      overrides: overridesOf(columns, f?.overrides ?? {}),
    };
  });
  return {
    campaignId: l.campaign.id,
    deadlineAt: l.layout.deadline_at.toISOString(),
    columns,
    rows,
    totals: columns.map((c, i) =>
      columnTotal(
        c,
        rows.map((r) => r.values[i]!),
      ),
    ),
    notFiled: rows.filter((r) => r.state !== 'submitted').map((r) => ({ id: r.unit.id, name: r.unit.name })),
  };
}
