import type { DbOrTrx } from '../../db/database.ts';

export function listCampaignRows(db: DbOrTrx) {
  return db.selectFrom('campaigns').selectAll().orderBy('year', 'desc').execute();
}

export function listTrackRows(db: DbOrTrx, campaignIds: number[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tracks as t')
    .leftJoin('units as h', 'h.id', 't.host_unit_id')
    .leftJoin('users as c', 'c.id', 't.coordinator_user_id')
    .select([
      't.id',
      't.campaign_id',
      't.code',
      't.name',
      't.kind',
      't.host_unit_id',
      'h.name as host_unit_name',
      't.coordinator_user_id',
      'c.display_name as coordinator_name',
      't.contact_name',
      't.contact_email',
      't.contact_phone',
    ])
    .where('t.campaign_id', 'in', campaignIds)
    .orderBy('t.sort_order')
    .execute();
}

export function listSubtypeRows(db: DbOrTrx, trackIds: number[]) {
  if (trackIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('track_subtypes')
    .select(['id', 'track_id', 'code', 'name'])
    .where('track_id', 'in', trackIds)
    .orderBy('sort_order')
    .execute();
}
