import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The campaign's configuration (deadlines, quotas, form templates), the
// submissions with their versions, students, attachments and events, stored
// files, and the notification outbox and inbox.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tracks')
    .addColumn('description', 'text')
    .addColumn('opens_at', 'timestamptz')
    .addColumn('submission_closes_at', 'timestamptz')
    .addColumn('revision_closes_at', 'timestamptz')
    .addColumn('default_quota', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(2)
        .check(sql`default_quota >= 0`),
    )
    .addColumn('upward_quota', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`upward_quota >= 0`),
    )
    .addColumn('form_template', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"sections": [], "attachmentSlots": []}'::jsonb`))
    .addColumn('next_receipt_no', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('track_quota_overrides')
    .addColumn('track_id', 'integer', (c) => c.notNull().references('tracks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('quota', 'integer', (c) => c.notNull().check(sql`quota >= 0`))
    .addPrimaryKeyConstraint('track_quota_overrides_pkey', ['track_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('stored_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('campaign_files')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_files.id'))
    .addPrimaryKeyConstraint('campaign_files_pkey', ['campaign_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('track_id', 'integer', (c) => c.notNull().references('tracks.id'))
    .addColumn('subtype_id', 'integer', (c) => c.references('track_subtypes.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    // { [sectionKey]: text } following the track's form template.
    .addColumn('sections', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('implementation', 'text', (c) => c.check(sql`implementation in ('implemented', 'planned')`))
    .addColumn('is_collective', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('collective_leader_name', 'text')
    // [{ tag, justification }]
    .addColumn('priority_tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    // Bumped on every save: optimistic concurrency, and what a sign-off refers to.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('selected_at', 'timestamptz')
    .addColumn('selected_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_revision', 'integer')
    .addColumn('receipt_no', 'text', (c) => c.unique())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('returned_at', 'timestamptz')
    .addColumn('return_reasons', 'text')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('submissions_track_unit_idx').on('submissions').columns(['track_id', 'unit_id']).execute();
  await db.schema.createIndex('submissions_unit_idx').on('submissions').columns(['unit_id', 'campaign_id']).execute();

  await db.schema
    .createTable('submission_students')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('involved')
        .check(sql`role in ('involved', 'nominee')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('student_no', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('major', 'text')
    .addColumn('class_name', 'text')
    .addColumn('consent_at', 'date')
    .addColumn('consent_note', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('submission_students_submission_idx').on('submission_students').column('submission_id').execute();
  await db.schema.createIndex('submission_students_student_no_idx').on('submission_students').column('student_no').execute();

  await db.schema
    .createTable('submission_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('slot_key', 'text', (c) => c.notNull())
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_files.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('submission_attachments_submission_idx').on('submission_attachments').column('submission_id').execute();

  await db.schema
    .createTable('ambassador_activities')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('policy_talk', 'village', 'community', 'alma_mater', 'other')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('audience', 'integer', (c) => c.notNull().check(sql`audience >= 0`))
    .addColumn('description', 'text')
    // [fileId, …] of evidence files.
    .addColumn('evidence_file_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ambassador_activities_submission_idx').on('ambassador_activities').column('submission_id').execute();

  await db.schema
    .createTable('submission_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    // The whole case as it was sent: content, students, attachments, activities.
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('submission_versions_no_key', ['submission_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('submission_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('submission_events_submission_idx').on('submission_events').column('submission_id').execute();

  await db.schema
    .createTable('outbox_emails')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed', 'stored')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_emails_due_idx').on('outbox_emails').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('inbox_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('template', 'text', (c) => c.notNull())
    // Per recipient; NULLs never collide, so only keyed notifications are deduplicated.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('inbox_messages_dedupe_key', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('inbox_messages_user_idx').on('inbox_messages').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'inbox_messages',
    'outbox_emails',
    'submission_events',
    'submission_versions',
    'ambassador_activities',
    'submission_attachments',
    'submission_students',
    'submissions',
    'campaign_files',
    'stored_files',
    'track_quota_overrides',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('tracks')
    .dropColumn('description')
    .dropColumn('opens_at')
    .dropColumn('submission_closes_at')
    .dropColumn('revision_closes_at')
    .dropColumn('default_quota')
    .dropColumn('upward_quota')
    .dropColumn('form_template')
    .dropColumn('next_receipt_no')
    .execute();
}
