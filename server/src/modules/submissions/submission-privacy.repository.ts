import { sql } from 'kysely';
import type { PiiFinding, PiiKind, UncheckedReason } from '../../../../contracts/pii.ts';
import type { DbOrTrx } from '../../db/database.ts';

export function findFileScans(db: DbOrTrx, fileIds: number[]) {
  if (fileIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('stored_file_pii_scans').selectAll().where('file_id', 'in', fileIds).execute();
}

export type FileScanRow = Awaited<ReturnType<typeof findFileScans>>[number];

export interface NewFileScan {
  status: 'scanned' | 'unchecked';
  uncheckedReason: UncheckedReason | null;
  findings: PiiFinding[];
  textChars: number;
  scannerVersion: number;
}

/** Records (or replaces) a file's scan. */
export async function saveFileScan(db: DbOrTrx, fileId: number, scan: NewFileScan): Promise<FileScanRow> {
  const values = {
    status: scan.status,
    unchecked_reason: scan.uncheckedReason,
    findings: JSON.stringify(scan.findings),
    text_chars: scan.textChars,
    scanner_version: scan.scannerVersion,
    scanned_at: new Date(),
  };
  return db
    .insertInto('stored_file_pii_scans')
    .values({ file_id: fileId, ...values })
    .onConflict((oc) => oc.column('file_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listAcknowledgements(db: DbOrTrx, submissionIds: number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission_pii_acknowledgements as k')
    .leftJoin('users as u', 'u.id', 'k.acknowledged_by')
    .selectAll('k')
    .select('u.display_name as acknowledged_by_name')
    .where('k.submission_id', 'in', submissionIds)
    .orderBy('k.id')
    .execute();
}

export type AcknowledgementRow = Awaited<ReturnType<typeof listAcknowledgements>>[number];

/** Acknowledges a value for the case; acknowledging it again replaces the reason. */
export async function upsertAcknowledgement(
  db: DbOrTrx,
  values: { submissionId: number; fingerprint: string; kind: PiiKind; masked: string; reason: string; by: number },
): Promise<number> {
  const changes = {
    kind: values.kind,
    masked: values.masked,
    reason: values.reason,
    acknowledged_by: values.by,
    acknowledged_at: new Date(),
  };
  const row = await db
    .insertInto('submission_pii_acknowledgements')
    .values({ submission_id: values.submissionId, fingerprint: values.fingerprint, ...changes })
    .onConflict((oc) => oc.columns(['submission_id', 'fingerprint']).doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findAcknowledgement(db: DbOrTrx, submissionId: number, id: number) {
  return db
    .selectFrom('submission_pii_acknowledgements')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAcknowledgement(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('submission_pii_acknowledgements').where('id', '=', id).execute();
}

/** The case's files (attachments and activity evidence) without a scan by this scanner version: usually none, in one query. */
export function findUnscannedCaseFiles(db: DbOrTrx, submissionId: number, scannerVersion: number) {
  return db
    .selectFrom('stored_files as f')
    .select(['f.id', 'f.storage_key', 'f.extension'])
    .where(
      sql<boolean>`(f.id in (select file_id from submission_attachments where submission_id = ${submissionId})
        or f.id in (select x.value::int from ambassador_activities a cross join lateral jsonb_array_elements_text(a.evidence_file_ids) x
                    where a.submission_id = ${submissionId}))`,
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('stored_file_pii_scans as s')
            .select('s.file_id')
            .whereRef('s.file_id', '=', 'f.id')
            .where('s.scanner_version', '>=', scannerVersion),
        ),
      ),
    )
    .execute();
}
