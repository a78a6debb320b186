import { reasons, type ReasonCode } from '../../../../contracts/reasons.ts';
import type { RosterImportDto, RosterMapping } from '../../../../contracts/roster.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotCancelImport, whyNotStartImport, whyNotViewImport } from '../../policies/roster-policy.ts';
import type { RosterImportRow } from './roster.repository.ts';

export const importTarget = (row: Pick<RosterImportRow, 'unit_id' | 'status'>) => ({ unitId: row.unit_id, status: row.status });

export function presentImport(actor: Actor, row: RosterImportRow): RosterImportDto {
  const target = importTarget(row);
  const code = row.failure_code as ReasonCode | null;
  return {
    id: row.id,
    unitId: row.unit_id,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name ? { id: row.created_by, displayName: row.created_by_name } : null,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    headerRow: row.header_row,
    mapping: (row.mapping as RosterMapping | null) ?? null,
    // rows_total counts every row of the sheet; the title and header rows are not data.
    rowsTotal: Math.max(0, row.rows_total - (row.header_row ?? 0)),
    rowsRead: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failed,
    errorsTruncated: row.errors_truncated,
    failure: code && code in reasons ? { code, message: reasons[code].message } : null,
    abilities: {
      start: ability(whyNotStartImport(actor, target)),
      cancel: ability(whyNotCancelImport(actor, target)),
      errorReport: ability(whyNotViewImport(actor, target)),
    },
  };
}
