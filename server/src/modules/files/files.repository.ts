import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

export interface NewStoredFile {
  storageKey: string;
  originalName: string;
  mimeType: string;
  extension: string;
  sizeBytes: number;
  sha256: string;
  unitId: number | null;
  uploadedBy: number;
}

export async function insertStoredFile(db: DbOrTrx, f: NewStoredFile) {
  return db
    .insertInto('stored_files')
    .values({
      storage_key: f.storageKey,
      original_name: f.originalName,
      mime_type: f.mimeType,
      extension: f.extension,
      size_bytes: f.sizeBytes,
      sha256: f.sha256,
      unit_id: f.unitId,
      uploaded_by: f.uploadedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type StoredFileRow = Awaited<ReturnType<typeof insertStoredFile>>;

export function findStoredFile(db: DbOrTrx, id: number) {
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findStoredFiles(db: DbOrTrx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as StoredFileRow[]);
  return db.selectFrom('stored_files').selectAll().where('id', 'in', ids).execute();
}

export async function deleteStoredFileRow(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', id).execute();
}

/** Everything that refers to a file: it may be downloaded by whoever may see one of these. */
export async function findFileReferences(db: DbOrTrx, fileId: number) {
  const [campaign, submissions] = await Promise.all([
    db.selectFrom('campaign_files').select('campaign_id').where('file_id', '=', fileId).executeTakeFirst(),
    db
      .selectFrom('submissions')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('id', 'in', eb.selectFrom('submission_attachments').select('submission_id').where('file_id', '=', fileId)),
          eb(
            'id',
            'in',
            eb
              .selectFrom('ambassador_activities')
              .select('submission_id')
              .where(sql<boolean>`evidence_file_ids @> ${JSON.stringify([fileId])}::jsonb`),
          ),
          // Files replaced after a submission stay readable through the version that holds them.
          eb(
            'id',
            'in',
            eb
              .selectFrom('submission_versions')
              .select('submission_id')
              .where(sql<boolean>`snapshot -> 'fileIds' @> ${JSON.stringify([fileId])}::jsonb`),
          ),
        ]),
      )
      .execute(),
  ]);
  return { campaignLinked: campaign !== undefined, submissionIds: submissions.map((s) => s.id) };
}

/** True if any submission version still holds the file: then it is history, not garbage. */
export async function isFileInHistory(db: DbOrTrx, fileId: number): Promise<boolean> {
  const row = await db
    .selectFrom('submission_versions')
    .select('id')
    .where(sql<boolean>`snapshot -> 'fileIds' @> ${JSON.stringify([fileId])}::jsonb`)
    .executeTakeFirst();
  return row !== undefined;
}
