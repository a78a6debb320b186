import type { DbOrTrx } from '../../db/database.ts';
import type { ConflictFacts } from '../../policies/review-conflict.ts';

/** What conflictOf() needs to know of one person in one campaign. */
export async function conflictFactsOf(db: DbOrTrx, campaignId: number, userId: number): Promise<ConflictFacts> {
  const [user, declared] = await Promise.all([
    db.selectFrom('users').select('unit_id').where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('review_conflicts').select('unit_id').where('campaign_id', '=', campaignId).where('user_id', '=', userId).execute(),
  ]);
  return { userUnitId: user?.unit_id ?? null, declaredUnitIds: new Set(declared.map((d) => d.unit_id)) };
}
