import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Growth archives and the units' registries: support centre, reward scheme and awards, seminars.

/** Who wrote a row and when; every registry row and archive entry carries them. */
const timestamps = <TB extends string>(table: CreateTableBuilder<TB, any>) =>
  table
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`));

export async function up(db: Kysely<any>): Promise<void> {
  // 学生发展支持中心: at most one per unit; its existence is one of the six coverages.
  await timestamps(
    db.schema
      .createTable('support_centers')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('established_on', 'date', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      // [{ name, role }]
      .addColumn('staff', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      // ['心理辅导', '生涯咨询', …]
      .addColumn('services', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('note', 'text'),
  ).execute();

  // 成长奖励制度: the unit's current scheme, its reward items and the awards given under it.
  await timestamps(
    db.schema
      .createTable('reward_schemes')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('adopted_on', 'date', (c) => c.notNull())
      .addColumn('note', 'text'),
  ).execute();

  await timestamps(
    db.schema
      .createTable('reward_items')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('reward_schemes.unit_id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('criteria', 'text', (c) => c.notNull())
      // Yuan × 100; null when the reward is not money (a certificate, a title).
      .addColumn('amount_fen', 'integer', (c) => c.check(sql`amount_fen > 0`))
      .addUniqueConstraint('reward_items_unit_name_key', ['unit_id', 'name']),
  ).execute();

  await db.schema
    .createTable('reward_awards')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('reward_items.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('awarded_on', 'date', (c) => c.notNull())
    // Stated, not derived: the awards of 2024-2025 may be handed out in September 2025.
    .addColumn('school_year', 'text', (c) => c.notNull().check(sql`school_year ~ '^[0-9]{4}-[0-9]{4}$'`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reward_awards_item_student_day_key', ['item_id', 'student_id', 'awarded_on'])
    .execute();
  await db.schema.createIndex('reward_awards_unit_year_idx').on('reward_awards').columns(['unit_id', 'school_year']).execute();
  await db.schema.createIndex('reward_awards_student_idx').on('reward_awards').column('student_id').execute();

  // 资助成长档案: one timeline per student; the columns a kind does not use stay null.
  await timestamps(
    db.schema
      .createTable('growth_archive_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('aid', 'activity', 'reward', 'note', 'goal')`))
      // The day it happened (a goal: the day it was set); the school year follows from it.
      .addColumn('occurred_on', 'date', (c) => c.notNull())
      .addColumn('aid_type', 'text', (c) =>
        c.check(
          sql`aid_type in ('national_grant', 'tuition_waiver', 'national_scholarship', 'national_encouragement', 'school_scholarship', 'work_study', 'hardship_allowance', 'social_aid', 'other')`,
        ),
      )
      // Yuan × 100, exact.
      .addColumn('amount_fen', 'integer', (c) => c.check(sql`amount_fen > 0`))
      .addColumn('funder', 'text')
      .addColumn('activity_type', 'text', (c) =>
        c.check(sql`activity_type in ('career_planning', 'study_practice', 'work_study', 'social_service', 'skills_competition', 'other')`),
      )
      .addColumn('title', 'text')
      .addColumn('hours', sql`numeric(5, 1)`, (c) => c.check(sql`hours >= 0`))
      .addColumn('body', 'text')
      .addColumn('note', 'text')
      .addColumn('target_on', 'date')
      .addColumn('goal_status', 'text', (c) => c.check(sql`goal_status in ('in_progress', 'achieved', 'adjusted')`))
      // A reward given under the unit's scheme: the award owns the entry.
      .addColumn('award_id', 'integer', (c) => c.unique().references('reward_awards.id').onDelete('cascade'))
      .addCheckConstraint(
        'growth_archive_entries_kind_fields',
        sql`(kind <> 'aid' or (aid_type is not null and amount_fen is not null))
          and (kind <> 'activity' or (activity_type is not null and title is not null))
          and (kind <> 'reward' or title is not null)
          and (kind <> 'note' or body is not null)
          and (kind <> 'goal' or (body is not null and goal_status is not null))
          and (award_id is null or kind = 'reward')`,
      ),
  ).execute();
  await db.schema
    .createIndex('growth_archive_entries_student_idx')
    .on('growth_archive_entries')
    .columns(['student_id', 'occurred_on'])
    .execute();
  // Coverage: who was aided, and who has a development entry, in a school year.
  await db.schema
    .createIndex('growth_archive_entries_kind_day_idx')
    .on('growth_archive_entries')
    .columns(['kind', 'occurred_on', 'student_id'])
    .execute();

  // 常态化研讨
  await timestamps(
    db.schema
      .createTable('seminars')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('held_on', 'date', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('participant_count', 'integer', (c) => c.notNull().check(sql`participant_count >= 1`))
      // ['张老师', …]
      .addColumn('participant_names', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('minutes', 'text'),
  ).execute();
  await db.schema.createIndex('seminars_unit_day_idx').on('seminars').columns(['unit_id', 'held_on']).execute();

  // Documents and photos of the registries: stored like every upload (stored_files), owned here.
  await db.schema
    .createTable('registry_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('owner_kind', 'text', (c) => c.notNull().check(sql`owner_kind in ('support_center', 'reward_scheme', 'seminar')`))
    .addColumn('seminar_id', 'integer', (c) => c.references('seminars.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().unique().references('stored_files.id').onDelete('cascade'))
    .addColumn('added_by', 'integer', (c) => c.references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('registry_files_seminar_owner', sql`(owner_kind = 'seminar') = (seminar_id is not null)`)
    .execute();
  await db.schema.createIndex('registry_files_unit_idx').on('registry_files').columns(['unit_id', 'owner_kind']).execute();
  await db.schema.createIndex('registry_files_seminar_idx').on('registry_files').column('seminar_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_files').execute();
  await db.schema.dropTable('seminars').execute();
  await db.schema.dropTable('growth_archive_entries').execute();
  await db.schema.dropTable('reward_awards').execute();
  await db.schema.dropTable('reward_items').execute();
  await db.schema.dropTable('reward_schemes').execute();
  await db.schema.dropTable('support_centers').execute();
}
