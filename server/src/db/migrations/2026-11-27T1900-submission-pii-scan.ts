import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// The PII scan of a submission before it is sent: findings and their acknowledgements.

export async function up(db: Kysely<any>): Promise<void> {
  // One scan per stored file, made when it is uploaded (a file's bytes never change).
  await db.schema
    .createTable('stored_file_pii_scans')
    .addColumn('file_id', 'integer', (c) => c.primaryKey().references('stored_files.id').onDelete('cascade'))
    // 'scanned': text was read and scanned; 'unchecked': no text to read (reason says why).
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scanned', 'unchecked')`))
    .addColumn('unchecked_reason', 'text', (c) =>
      c.check(sql`unchecked_reason in ('image', 'no_text', 'unsupported', 'unreadable', 'too_large')`),
    )
    // PiiFinding[]: masked excerpts and fingerprints only, never the values.
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('text_chars', 'integer', (c) => c.notNull().defaultTo(0))
    // Files scanned by an older scanner are scanned again when next looked at.
    .addColumn('scanner_version', 'integer', (c) => c.notNull())
    .addColumn('scanned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('stored_file_pii_scans_reason', sql`(status = 'unchecked') = (unchecked_reason is not null)`)
    .execute();

  // A finding the unit keeps on purpose, with its reason; keyed by fingerprint so that it holds
  // wherever the same value appears in the case and survives edits elsewhere.
  await db.schema
    .createTable('submission_pii_acknowledgements')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('id_number', 'mobile', 'bank_card', 'birth_date', 'address')`))
    .addColumn('masked', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('submission_pii_acknowledgements_unique', ['submission_id', 'fingerprint'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_pii_acknowledgements').execute();
  await db.schema.dropTable('stored_file_pii_scans').execute();
}
