import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Students with their sensitive fields encrypted, class teachers and mentors (the scope of who sees whom).

/** Each sensitive field is kept twice: sealed (AES-256-GCM, decision 008) and masked for display. */
const sensitiveColumns = ['id_number', 'phone', 'address', 'birth_date', 'bank_card'];

export async function up(db: Kysely<any>): Promise<void> {
  let students = db.schema
    .createTable('students')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('student_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('男', '女')`))
    .addColumn('department', 'text')
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('schooling', 'text')
    .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade between 1 and 5`))
    .addColumn('class_name', 'text')
    .addColumn('origin', 'text', (c) => c.check(sql`origin in ('城镇', '农村')`))
    .addColumn('hukou_city', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('enrolled')
        .check(sql`status in ('enrolled', 'graduated', 'left')`),
    );
  for (const column of sensitiveColumns) {
    students = students.addColumn(`${column}_sealed`, 'text').addColumn(`${column}_masked`, 'text');
  }
  await students
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('students_unit_student_no_key', ['unit_id', 'student_no'])
    .execute();
  await db.schema.createIndex('students_unit_name_idx').on('students').columns(['unit_id', 'name']).execute();
  await db.schema.createIndex('students_unit_class_idx').on('students').columns(['unit_id', 'class_name']).execute();
  await sql`create index students_student_no_pattern_idx on students (student_no text_pattern_ops)`.execute(db);

  // 班主任: a teacher sees the students of the classes they head.
  await db.schema
    .createTable('class_teachers')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('class_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('class_teachers_pkey', ['unit_id', 'class_name', 'user_id'])
    .execute();
  await db.schema.createIndex('class_teachers_user_idx').on('class_teachers').column('user_id').execute();

  // 育人导师: one lead mentor per student, possibly a team; ended assignments stay as history.
  await db.schema
    .createTable('mentor_assignments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id'))
    .addColumn('mentor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('is_lead', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('note', 'text')
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await sql`create unique index mentor_assignments_active_key on mentor_assignments (student_id, mentor_id) where ended_at is null`.execute(
    db,
  );
  await sql`create unique index mentor_assignments_one_lead_key on mentor_assignments (student_id) where ended_at is null and is_lead`.execute(
    db,
  );
  await sql`create index mentor_assignments_mentor_idx on mentor_assignments (mentor_id) where ended_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mentor_assignments').execute();
  await db.schema.dropTable('class_teachers').execute();
  await db.schema.dropTable('students').execute();
}
