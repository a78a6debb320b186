import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// The statistics table (附件5) and summary reports: layouts, unit filings, overrides, versions.

export async function up(db: Kysely<any>): Promise<void> {
  // One layout per campaign: the ordered columns (JSON, validated by contracts/statistics.ts) and the filing deadline.
  await db.schema
    .createTable('statistics_layouts')
    .addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('statistics_filings')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // column key → entered value (number | string | boolean | null)
    .addColumn('entered', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // column key → { computed, value, reason, by, at }: the computed figure at override time and the unit's own
    .addColumn('overrides', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // [{ title, body }]: the 总结报告 as text with sections
    .addColumn('report_sections', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('report_file_id', 'integer', (c) => c.references('stored_files.id'))
    // Every change bumps the version; the leader signs one exact version.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('signed_off_version', 'integer')
    .addColumn('signed_off_at', 'timestamptz')
    .addColumn('signed_off_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    // column key → value as submitted (computed or overridden or entered): what the filing says from then on
    .addColumn('submitted_values', 'jsonb')
    .addColumn('reopened_at', 'timestamptz')
    .addColumn('reopened_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reopen_reason', 'text')
    .addColumn('reopen_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('statistics_filings_campaign_unit_key', ['campaign_id', 'unit_id'])
    .execute();

  // One row per submission: the exact table and report as submitted (and signed).
  await db.schema
    .createTable('statistics_filing_versions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('filing_id', 'integer', (c) => c.notNull().references('statistics_filings.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('statistics_filing_versions_key', ['filing_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('statistics_filing_versions').execute();
  await db.schema.dropTable('statistics_filings').execute();
  await db.schema.dropTable('statistics_layouts').execute();
}
