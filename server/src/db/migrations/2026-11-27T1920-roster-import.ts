import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Roster imports: batches, progress and their row errors; grade promotions per school year.

export async function up(db: Kysely<any>): Promise<void> {
  // One upload of a roster workbook and the import that follows it. The file
  // itself is kept encrypted (a per-file key, sealed with the PII keyring) only
  // until the import ends; the counts are the progress the web polls.
  await db.schema
    .createTable('roster_imports')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text')
    .addColumn('file_secret_sealed', 'text')
    .addColumn('head_sealed', 'text')
    .addColumn('merges', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('column_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('header_row', 'integer')
    .addColumn('mapping', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('uploaded')
        .check(sql`status in ('uploaded', 'running', 'finished', 'failed', 'cancelled', 'expired')`),
    )
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors_truncated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('failure_code', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('cancel_requested_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('roster_imports_unit_idx').on('roster_imports').columns(['unit_id', 'id']).execute();
  // One running import per unit: two at once would race on the same 学号.
  await sql`create unique index roster_imports_one_running_key on roster_imports (unit_id) where status = 'running'`.execute(db);

  // Rows that were not imported, with where and why (never a sensitive value).
  await db.schema
    .createTable('roster_import_errors')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('roster_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('student_no', 'text')
    .addColumn('name', 'text')
    .addColumn('column_label', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_import_errors_import_idx').on('roster_import_errors').columns(['import_id', 'row_number']).execute();

  // Student search by name (students.repository.ts listStudents): a GIN index on the name's
  // characters lets "name contains 王芳" use an index (the name holds 王 and 芳), without pg_trgm,
  // which the embedded PGlite does not load.
  // A small pending list: imports add names in batches cheaply, and a search scans at most 256 kB
  // of not-yet-merged entries (the embedded PGlite has no autovacuum to merge them).
  await sql`create index students_name_chars_idx on students using gin (string_to_array(name, null))
    with (fastupdate = on, gin_pending_list_limit = 256)`.execute(db);

  // 年级升级: once per unit and school year.
  await db.schema
    .createTable('grade_promotions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('promoted', 'integer', (c) => c.notNull())
    .addColumn('graduated', 'integer', (c) => c.notNull())
    .addColumn('run_by', 'integer', (c) => c.references('users.id'))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('grade_promotions_unit_year_key', ['unit_id', 'school_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('students_name_chars_idx').execute();
  await db.schema.dropTable('grade_promotions').execute();
  await db.schema.dropTable('roster_import_errors').execute();
  await db.schema.dropTable('roster_imports').execute();
}
