import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// 重点帮扶对象: risk flags on identified students, per school year, each with the responsible department;
// the settings of the six-coverage dashboard.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_target_flags')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('flag', 'text', (c) =>
      c.notNull().check(sql`flag in ('family_education', 'mental_health', 'behaviour', 'special_needs', 'academic', 'progression')`),
    )
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('flagged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('flagged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cleared_at', 'timestamptz')
    .addColumn('cleared_by', 'integer', (c) => c.references('users.id'))
    .addColumn('clear_reason', 'text')
    .execute();
  await sql`create unique index key_target_flags_active_key on key_target_flags (student_id, school_year, flag) where cleared_at is null`.execute(
    db,
  );
  await sql`create index key_target_flags_year_idx on key_target_flags (school_year, student_id) where cleared_at is null`.execute(db);
  await db.schema.alterTable('mentor_assignments').addColumn('end_reason', 'text').execute();

  // One row: the targets the six-coverage dashboard grades against.
  await db.schema
    .createTable('coverage_settings')
    .addColumn('id', 'integer', (c) =>
      c
        .primaryKey()
        .defaultTo(1)
        .check(sql`id = 1`),
    )
    .addColumn('seminars_per_semester', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(2)
        .check(sql`seminars_per_semester between 1 and 20`),
    )
    .addColumn('amber_from_percent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(80)
        .check(sql`amber_from_percent between 1 and 99`),
    )
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('coverage_settings').values({ id: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coverage_settings').execute();
  await db.schema.alterTable('mentor_assignments').dropColumn('end_reason').execute();
  await db.schema.dropTable('key_target_flags').execute();
}
