import type { Kysely } from 'kysely';

// Frozen once landed: never edit after that; add a new migration instead.
// Statistics table follow-up (issue 6).

export async function up(db: Kysely<any>): Promise<void> {
  void db;
}
