import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Home visits and the yearly difficulty identification with its public notice.

export async function up(db: Kysely<any>): Promise<void> {
  // 家访: a draft until completed (completed_at); only completed visits count for identification.
  await db.schema
    .createTable('home_visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('visited_on', 'date')
    // Derived from visited_on (1 September starts a school year); kept for the "visit in that school year" rule.
    .addColumn('school_year', 'text')
    .addColumn('mode', 'text', (c) => c.check(sql`mode in ('on_site', 'video')`))
    .addColumn('visitors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('household', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'home_visits_completed_complete',
      sql`completed_at is null or (visited_on is not null and school_year is not null and mode is not null)`,
    )
    .execute();
  await sql`create index home_visits_completed_idx on home_visits (student_id, school_year) where completed_at is not null`.execute(db);
  await sql`create index home_visits_unit_idx on home_visits (unit_id, school_year)`.execute(db);
  await sql`create index home_visits_drafts_idx on home_visits (created_by) where completed_at is null`.execute(db);

  await db.schema
    .createTable('home_visit_photos')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('home_visits.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().unique().references('stored_files.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('home_visit_photos_visit_idx').on('home_visit_photos').column('visit_id').execute();

  // 困难等级: configurable data; retired levels stay for the records that use them.
  await db.schema
    .createTable('identification_levels')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('identification_levels_name_key', ['name'])
    .execute();
  await db
    .insertInto('identification_levels')
    .values([
      { name: '特别困难', sort_order: 1 },
      { name: '比较困难', sort_order: 2 },
      { name: '一般困难', sort_order: 3 },
    ])
    .execute();

  // 公示: one published list per unit and batch, its rows copied at publication (only the allowed fields).
  await db.schema
    .createTable('public_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('archived_by', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('public_notices_dates_order', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('public_notices_unit_idx').on('public_notices').columns(['unit_id', 'school_year']).execute();

  await db.schema
    .createTable('identifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('applied', 'appraised', 'rejected', 'proposed', 'confirmed', 'in_notice', 'archived', 'revoked')`),
    )
    // 申请 with 诚信承诺
    .addColumn('requested_level_id', 'integer', (c) => c.references('identification_levels.id'))
    .addColumn('pledge_signed_on', 'date', (c) => c.notNull())
    .addColumn('stated_situation', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // 家访 (a completed visit of the same student and school year)
    .addColumn('home_visit_id', 'integer', (c) => c.references('home_visits.id'))
    .addColumn('visit_linked_at', 'timestamptz')
    // 民主评议
    .addColumn('appraisal_result', 'text', (c) => c.check(sql`appraisal_result in ('supported', 'not_supported')`))
    .addColumn('appraisal_level_id', 'integer', (c) => c.references('identification_levels.id'))
    .addColumn('appraised_on', 'date')
    .addColumn('appraisal_note', 'text')
    .addColumn('appraised_by', 'integer', (c) => c.references('users.id'))
    .addColumn('appraised_at', 'timestamptz')
    // 单位审核
    .addColumn('proposed_level_id', 'integer', (c) => c.references('identification_levels.id'))
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    // 学院复核: confirmed, or the latest send-back
    .addColumn('rechecked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rechecked_at', 'timestamptz')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('return_reason', 'text')
    // the level in force (confirmed, then changed by semester adjustments)
    .addColumn('level_id', 'integer', (c) => c.references('identification_levels.id'))
    .addColumn('notice_id', 'integer', (c) => c.references('public_notices.id'))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('archived_by', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoke_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('identifications_student_year_key', ['student_id', 'school_year'])
    .execute();
  await db.schema
    .createIndex('identifications_unit_year_idx')
    .on('identifications')
    .columns(['unit_id', 'school_year', 'status'])
    .execute();
  await db.schema.createIndex('identifications_notice_idx').on('identifications').column('notice_id').execute();

  // The history of each identification: every step, send-back and semester adjustment.
  await db.schema
    .createTable('identification_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('identification_id', 'integer', (c) => c.notNull().references('identifications.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('identification_events_identification_idx').on('identification_events').column('identification_id').execute();

  await db.schema
    .createTable('public_notice_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('public_notices.id').onDelete('cascade'))
    .addColumn('identification_id', 'integer', (c) => c.notNull().unique().references('identifications.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('programme', 'text')
    .addColumn('grade', 'integer')
    .addColumn('class_name', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('public_notice_entries_notice_idx').on('public_notice_entries').column('notice_id').execute();

  // 异议: lodged by anyone who sees the notice; resolved by the unit's aid officer.
  await db.schema
    .createTable('notice_objections')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('public_notices.id').onDelete('cascade'))
    .addColumn('entry_id', 'integer', (c) => c.references('public_notice_entries.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lodged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('lodged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('dismissed', 'upheld')`))
    .addColumn('resolution_note', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await sql`create index notice_objections_open_idx on notice_objections (notice_id) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_objections').execute();
  await db.schema.dropTable('public_notice_entries').execute();
  await db.schema.dropTable('identification_events').execute();
  await db.schema.dropTable('identifications').execute();
  await db.schema.dropTable('public_notices').execute();
  await db.schema.dropTable('identification_levels').execute();
  await db.schema.dropTable('home_visit_photos').execute();
  await db.schema.dropTable('home_visits').execute();
}
