import type { Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// The school year a statistics table counts the year-round records of: null = the
// campaign year's (Y-1)-Y; set by the institute when the activity spans another year.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('statistics_layouts').addColumn('school_year', 'text').execute();
}
