import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import type { Keyring } from './keyring.ts';
import { sealedColumnsByTable } from './sensitive-columns.ts';

/**
 * Re-seals every value that is not under the keyring's current key, table by
 * table in batches, each batch in its own statement so a stopped run resumes
 * where it left off. Returns how many values moved per table.
 */
export async function resealStaleValues(db: DbOrTrx, keyring: Keyring, batchSize = 500): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const current = `v1:${keyring.currentId}:%`;
  for (const [table, columns] of Object.entries(sealedColumnsByTable)) {
    moved[table] = 0;
    const stale = sql.join(
      columns.map((c) => sql`(${sql.ref(c.column)} is not null and ${sql.ref(c.column)} not like ${current})`),
      sql` or `,
    );
    for (;;) {
      const rows = await sql<Record<string, string | null> & { id: number }>`
        select id, ${sql.join(columns.map((c) => sql.ref(c.column)))} from ${sql.table(table)}
        where ${stale} order by id limit ${batchSize}`.execute(db);
      if (rows.rows.length === 0) break;
      for (const row of rows.rows) {
        const sets = columns
          .filter((c) => row[c.column] && keyring.isStale(row[c.column]!))
          .map((c) => sql`${sql.ref(c.column)} = ${keyring.seal(c.aad, keyring.open(c.aad, row[c.column]!))}`);
        await sql`update ${sql.table(table)} set ${sql.join(sets)} where id = ${row.id}`.execute(db);
        moved[table] += sets.length;
      }
    }
  }
  return moved;
}
