import { sql, type Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Six-coverage speed (issue 5): what the institute dashboard reads, kept cheap to read.

export async function up(db: Kysely<any>): Promise<void> {
  // 资助成长档案全覆盖 counts, per unit and school year, the aided students with another
  // entry. Reading the unit from students meant joining all 200 000 students to the
  // year's entries (the slowest of the six measures); each entry now carries both.
  //
  // The school year follows from the day (1 September starts a year, as in
  // contracts/school-year.ts): a generated column, so no writer can get it wrong.
  await sql`alter table growth_archive_entries add column school_year text generated always as (
      (extract(year from occurred_on)::int - (extract(month from occurred_on) < 9)::int)::text
      || '-' || (extract(year from occurred_on)::int - (extract(month from occurred_on) < 9)::int + 1)::text
    ) stored`.execute(db);

  // The unit is the student's: copied on insert (and if the entry is moved to another
  // student) by a trigger, so every writer — the archive, awards, imports, tests' raw
  // SQL — keeps it; and moved along if a student ever changes unit.
  await sql`alter table growth_archive_entries add column unit_id integer references units (id)`.execute(db);
  await sql`update growth_archive_entries e set unit_id = s.unit_id from students s where s.id = e.student_id`.execute(db);
  await sql`alter table growth_archive_entries alter column unit_id set not null`.execute(db);
  await sql`create function growth_archive_entry_unit() returns trigger language plpgsql as $$
    begin
      select s.unit_id into new.unit_id from students s where s.id = new.student_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger growth_archive_entries_unit before insert or update of student_id on growth_archive_entries
    for each row execute function growth_archive_entry_unit()`.execute(db);
  await sql`create function students_unit_to_archive() returns trigger language plpgsql as $$
    begin
      update growth_archive_entries set unit_id = new.unit_id where student_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger students_unit_to_archive after update of unit_id on students
    for each row when (old.unit_id is distinct from new.unit_id) execute function students_unit_to_archive()`.execute(db);

  // The coverage reads one school year in (unit, student) order from the index alone.
  await sql`create index growth_archive_entries_year_unit_idx
    on growth_archive_entries (school_year, unit_id, student_id, kind)`.execute(db);

  // 先家访后认定 asks, per identified student, for a completed visit of the year dated before
  // the confirmation: with the day in the index, one unit's check reads the index alone.
  // Same key and condition as the index it replaces, so every other use is served as before.
  await sql`create index home_visits_completed_day_idx on home_visits (student_id, school_year)
    include (visited_on) where completed_at is not null`.execute(db);
  await sql`drop index home_visits_completed_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index home_visits_completed_idx on home_visits (student_id, school_year) where completed_at is not null`.execute(db);
  await sql`drop index home_visits_completed_day_idx`.execute(db);
  await sql`drop trigger students_unit_to_archive on students`.execute(db);
  await sql`drop function students_unit_to_archive()`.execute(db);
  await sql`drop trigger growth_archive_entries_unit on growth_archive_entries`.execute(db);
  await sql`drop function growth_archive_entry_unit()`.execute(db);
  await sql`alter table growth_archive_entries drop column unit_id, drop column school_year`.execute(db);
}
