import type { FastifyInstance } from 'fastify';
import {
  rosterFieldLabels,
  rosterFields,
  type RosterField,
  type RosterMapping,
  type RosterPreview,
  type RosterPreviewInput,
  type RosterStartInput,
} from '../../../../contracts/roster.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import { sensitiveFields, type SensitiveField } from '../../../../contracts/students.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import { assertXlsx, columnLetter, normalizeCell, valueText, type CellValue } from '../../lib/xlsx.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotCancelImport, whyNotStartImport, whyNotViewImport } from '../../policies/roster-policy.ts';
import { whyNotManageRoster } from '../../policies/student-policy.ts';
import { maskers } from '../../privacy/masking.ts';
import type { AuditContext } from '../audit/audit.repository.ts';
import { findUnitById } from '../units/units.repository.ts';
import { HEAD_AAD, storeEncrypted } from './roster-file.ts';
import { readHead, type RosterImportRunner } from './roster-import.runner.ts';
import {
  findHeaderRow,
  headersOf,
  HEADER_SEARCH_ROWS,
  isBlankRow,
  missingRequired,
  proposeMapping,
  readRosterRow,
  type ImportedStudent,
  type RowContext,
} from './roster-rows.ts';
import { importTarget } from './roster.presenter.ts';
import {
  findExpiredUploads,
  findRosterImport,
  findStalledImports,
  insertRosterImport,
  markImportRunning,
  requestCancel,
  updateRosterImport,
  type RosterImportRow,
} from './roster.repository.ts';

/** A 200 000-row roster with every column is about 25 MB. */
export const ROSTER_MAX_BYTES = 64 * 1024 * 1024;
/** An upload nobody imports is deleted after a day (it holds ID numbers). */
const UPLOAD_TTL_MS = 24 * 3600_000;
/** A running import writes a heartbeat with every batch; silence this long means its process stopped. */
const STALL_MS = 5 * 60_000;
const PREVIEW_ROWS = 10;

interface HeadRow {
  rowNumber: number;
  values: CellValue[];
}

export async function loadImport(app: FastifyInstance, actor: Actor, id: number): Promise<RosterImportRow> {
  const row = found(await findRosterImport(app.db, id));
  ensure(whyNotViewImport(actor, importTarget(row)));
  return row;
}

async function rowContext(app: FastifyInstance, unitId: number): Promise<RowContext> {
  const unit = found(await findUnitById(app.db, unitId));
  return { unit: { name: unit.name, code: unit.code }, schoolYearStart: Number(schoolYearOf(new Date()).slice(0, 4)) };
}

function headOf(app: FastifyInstance, row: RosterImportRow): HeadRow[] {
  if (!row.head_sealed) throw new AppError(row.status === 'expired' ? 'roster_file_expired' : 'roster_import_not_startable');
  return JSON.parse(app.keyring.open(HEAD_AAD, row.head_sealed)) as HeadRow[];
}

function checkMapping(mapping: RosterMapping, columnCount: number): void {
  const used = new Set<number>();
  for (const column of Object.values(mapping)) {
    if (!column) continue;
    if (column > columnCount) throw new AppError('roster_mapping_out_of_range');
    if (used.has(column)) throw new AppError('roster_mapping_duplicate');
    used.add(column);
  }
}

/**
 * What a preview cell shows: the value as it will be stored when the row is
 * good ('张三' for '张  三'), else as typed; sensitive ones masked like everywhere else.
 */
function shown(field: RosterField, value: CellValue, student: ImportedStudent | null): string {
  const cleaned = student && field in student ? student[field as keyof ImportedStudent] : null;
  const text = cleaned === null || cleaned === undefined ? normalizeCell(valueText(value)) : String(cleaned);
  if (!text || !(sensitiveFields as readonly string[]).includes(field)) return text;
  return maskers[field as SensitiveField](text);
}

/**
 * The mapping step: columns with their headers, the mapping (proposed or the
 * officer's), and the first rows as they would be imported, each with its errors.
 */
function buildPreview(
  head: HeadRow[],
  headerRow: number | null,
  given: RosterMapping | undefined,
  columnCount: number,
  context: RowContext,
): RosterPreview {
  const headers = headersOf(head.find((r) => r.rowNumber === headerRow)?.values ?? []);
  const mapping = given ?? proposeMapping(headers);
  const seen = new Map<string, number>();
  const rows = head
    .filter((r) => r.rowNumber > (headerRow ?? 0) && !isBlankRow(r.values, mapping))
    .slice(0, PREVIEW_ROWS)
    .map((r) => {
      const outcome = readRosterRow(r.rowNumber, r.values, mapping, headers, context);
      const no = outcome.student?.studentNo;
      if (no && seen.has(no))
        outcome.errors.push({ column: rosterFieldLabels.studentNo, message: `学号与第 ${seen.get(no)} 行重复,此行不会导入` });
      else if (no) seen.set(no, r.rowNumber);
      const values: Partial<Record<RosterField, string>> = {};
      for (const field of rosterFields) {
        const column = mapping[field];
        if (column) values[field] = shown(field, r.values[column] ?? null, outcome.student);
      }
      return { row: r.rowNumber, values, errors: outcome.errors };
    });
  return {
    headerRow,
    columns: Array.from({ length: columnCount }, (_, i) => ({
      index: i + 1,
      letter: columnLetter(i + 1),
      header: headers.get(i + 1) ?? '',
    })),
    mapping,
    missing: missingRequired(mapping),
    rows,
  };
}

/**
 * Upload: the file is checked (a real .xlsx), its first rows, merged ranges
 * and size are read in a worker, the header row and the column mapping are
 * proposed, and the file is stored encrypted until the officer starts the import.
 */
export async function uploadRoster(app: FastifyInstance, actor: Actor, file: Buffer, fileName: string) {
  ensure(whyNotManageRoster(actor));
  const unitId = actor.unitId!;
  await assertXlsx(file);
  await expireUploads(app);
  const head = await readHead(file, HEADER_SEARCH_ROWS);
  const headerRow = findHeaderRow(head.rows);
  const headers = headersOf(head.rows.find((r) => r.rowNumber === headerRow)?.values ?? []);
  const columnCount = Math.min(200, Math.max(0, ...head.rows.map((r) => r.values.length - 1)));
  const { storageKey, secretSealed } = await storeEncrypted(app, file);
  const id = await insertRosterImport(app.db, {
    unit_id: unitId,
    created_by: actor.id,
    file_name: fileName,
    file_size: file.length,
    storage_key: storageKey,
    file_secret_sealed: secretSealed,
    head_sealed: app.keyring.seal(HEAD_AAD, JSON.stringify(head.rows)),
    merges: JSON.stringify(head.merges),
    column_count: columnCount,
    rows_total: head.rowCount,
    header_row: headerRow,
    mapping: JSON.stringify(proposeMapping(headers)),
  });
  const row = found(await findRosterImport(app.db, id));
  return { row, preview: buildPreview(head.rows, headerRow, undefined, columnCount, await rowContext(app, unitId)) };
}

export async function previewImport(app: FastifyInstance, actor: Actor, id: number, input: RosterPreviewInput): Promise<RosterPreview> {
  const row = await loadImport(app, actor, id);
  ensure(whyNotStartImport(actor, importTarget(row)));
  if (input.mapping) checkMapping(input.mapping, row.column_count);
  const headerRow = input.headerRow ?? row.header_row;
  // A new header row brings new column names: propose again unless the officer sent a mapping.
  const mapping =
    input.mapping ??
    (input.headerRow && input.headerRow !== row.header_row ? undefined : ((row.mapping as RosterMapping | null) ?? undefined));
  return buildPreview(headOf(app, row), headerRow, mapping, row.column_count, await rowContext(app, row.unit_id));
}

export async function startImport(
  app: FastifyInstance,
  runner: RosterImportRunner,
  actor: Actor,
  id: number,
  input: RosterStartInput,
  audit: AuditContext,
): Promise<RosterImportRow> {
  let row = await loadImport(app, actor, id);
  if (row.status === 'uploaded' && Date.now() - row.created_at.getTime() > UPLOAD_TTL_MS) {
    await expireUploads(app);
    row = found(await findRosterImport(app.db, id));
  }
  ensure(whyNotStartImport(actor, importTarget(row)));
  checkMapping(input.mapping, row.column_count);
  const missing = missingRequired(input.mapping);
  if (missing.length) {
    throw new AppError('roster_mapping_incomplete', {
      message: `还有必填的列没有对应:${missing.map((f) => rosterFieldLabels[f]).join('、')}。请在列对应中为它们各选择一列。`,
      details: { missing },
    });
  }
  const head = headOf(app, row);
  const headers = headersOf(head.find((r) => r.rowNumber === input.headerRow)?.values ?? []);
  try {
    const started = await markImportRunning(app.db, id, { header_row: input.headerRow, mapping: JSON.stringify(input.mapping) });
    if (!started) throw new AppError('roster_import_not_startable');
  } catch (error) {
    throw uniqueViolation(error, { roster_imports_one_running_key: 'roster_import_running' }) ?? error;
  }
  runner.start({
    importId: id,
    unitId: row.unit_id,
    actorId: actor.id,
    audit,
    fileName: row.file_name,
    storageKey: row.storage_key!,
    secretSealed: row.file_secret_sealed!,
    fileSize: Number(row.file_size),
    headerRow: input.headerRow,
    mapping: input.mapping,
    headers: [...headers],
    merges: row.merges,
    context: await rowContext(app, row.unit_id),
  });
  return found(await findRosterImport(app.db, id));
}

/** Asks the running import to stop after its current batch (what is written stays; a re-import completes it). */
export async function cancelImport(app: FastifyInstance, actor: Actor, id: number): Promise<RosterImportRow> {
  const row = await loadImport(app, actor, id);
  ensure(whyNotCancelImport(actor, importTarget(row)));
  await requestCancel(app.db, id);
  return found(await findRosterImport(app.db, id));
}

/** Uploads left un-imported for a day: the encrypted file and its key go. */
export async function expireUploads(app: FastifyInstance): Promise<void> {
  for (const row of await findExpiredUploads(app.db, new Date(Date.now() - UPLOAD_TTL_MS))) {
    await updateRosterImport(app.db, row.id, { status: 'expired', storage_key: null, file_secret_sealed: null, head_sealed: null });
    if (row.storage_key) await app.storage.delete(row.storage_key);
  }
}

/** Imports whose process stopped (a restart) are marked interrupted; a re-import of the same file completes them. */
export async function recoverStalledImports(app: FastifyInstance, runner: RosterImportRunner): Promise<void> {
  for (const row of await findStalledImports(app.db, new Date(Date.now() - STALL_MS))) {
    if (runner.isRunning(row.id)) continue;
    await updateRosterImport(app.db, row.id, {
      status: 'failed',
      failure_code: 'roster_import_interrupted',
      finished_at: new Date(),
      storage_key: null,
      file_secret_sealed: null,
      head_sealed: null,
    });
    if (row.storage_key) await app.storage.delete(row.storage_key);
  }
}
