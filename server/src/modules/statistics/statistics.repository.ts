import { sql } from 'kysely';
import type { CellValue, ReportSection, StatisticsColumn, StoredOverride } from '../../../../contracts/statistics.ts';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * A campaign of year Y reports on school year (Y-1)-Y unless the institute set another
 * in the layout: see docs/decisions/013-statistics-table.md.
 */
export const schoolYearOfCampaign = (year: number, layout?: { school_year: string | null }) => layout?.school_year ?? `${year - 1}-${year}`;

/** 9月20日 23:59 Beijing time of the campaign year, or the campaign's own summary date at 23:59. */
export function defaultDeadline(campaign: { year: number; summary_due_on: string | null }): Date {
  const day = campaign.summary_due_on ?? `${campaign.year}-09-20`;
  return new Date(`${day}T23:59:00+08:00`);
}

/** The default layout: the notice's four activities (submitted, form-checked, recommended to the province), the six coverages, aid, and two entered columns. */
export function defaultColumns(): StatisticsColumn[] {
  const c = (group: string, key: string, header: string, metric: string, param?: string): StatisticsColumn => ({
    key,
    group,
    header,
    kind: 'computed',
    metric,
    ...(param ? { param } : {}),
  });
  return [
    c('发展型资助育人优秀案例', 'fz_submitted', '报送数', 'cases_submitted', 'FZ'),
    c('发展型资助育人优秀案例', 'fz_accepted', '通过形式审查', 'cases_accepted', 'FZ'),
    c('发展型资助育人优秀案例', 'fz_recommended', '推荐省级', 'cases_recommended', 'FZ'),
    c('生涯规划指导优秀案例', 'sy_submitted', '报送数', 'cases_submitted', 'SY'),
    c('生涯规划指导优秀案例', 'sy_accepted', '通过形式审查', 'cases_accepted', 'SY'),
    c('生涯规划指导优秀案例', 'sy_recommended', '推荐省级', 'cases_recommended', 'SY'),
    c('研学实践优秀案例', 'yx_submitted', '报送数', 'cases_submitted', 'YX'),
    c('研学实践优秀案例', 'yx_accepted', '通过形式审查', 'cases_accepted', 'YX'),
    c('研学实践优秀案例', 'yx_recommended', '推荐省级', 'cases_recommended', 'YX'),
    c('江苏学生资助宣传大使', 'ds_nominated', '推荐人数', 'ambassadors_nominated'),
    c('江苏学生资助宣传大使', 'ds_recommended', '推荐省级', 'cases_recommended', 'DS'),
    c('江苏学生资助宣传大使', 'ds_activities', '宣传活动场次', 'activities_held', 'all'),
    c('江苏学生资助宣传大使', 'ds_audience', '受众人次', 'activity_audience', 'all'),
    c('六个全覆盖', 'support_center', '学生发展支持中心', 'support_center'),
    c('六个全覆盖', 'visit_first_rate', '先家访后认定(%)', 'visit_first_rate'),
    c('六个全覆盖', 'archive_rate', '资助成长档案(%)', 'archive_rate'),
    c('六个全覆盖', 'reward_scheme', '成长奖励制度', 'reward_scheme'),
    c('六个全覆盖', 'mentor_rate', '育人导师(%)', 'mentor_rate'),
    c('六个全覆盖', 'seminars_held', '常态化研讨(次)', 'seminars_held'),
    c('学生资助', 'identified_all', '认定困难学生(人)', 'identified_students', 'all'),
    c('学生资助', 'aid_amount_all', '资助金额(元)', 'aid_amount', 'all'),
    { key: 'other_activities', group: '单位填报', header: '其他主题活动(场)', kind: 'number' },
    { key: 'remarks', group: '单位填报', header: '备注', kind: 'text' },
  ];
}

export function findCampaign(db: DbOrTrx, id: number) {
  return db.selectFrom('campaigns').select(['id', 'year', 'title', 'summary_due_on']).where('id', '=', id).executeTakeFirst();
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export function findLayout(db: DbOrTrx, campaignId: number) {
  return db.selectFrom('statistics_layouts').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

export type LayoutRow = NonNullable<Awaited<ReturnType<typeof findLayout>>>;

/** The layout, created with the defaults on first open (race-free: on conflict do nothing). */
export async function ensureLayout(db: DbOrTrx, campaign: CampaignRow): Promise<LayoutRow> {
  const existing = await findLayout(db, campaign.id);
  if (existing) return existing;
  await db
    .insertInto('statistics_layouts')
    .values({ campaign_id: campaign.id, columns: JSON.stringify(defaultColumns()), deadline_at: defaultDeadline(campaign) })
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .execute();
  return (await findLayout(db, campaign.id))!;
}

export function saveLayout(
  db: DbOrTrx,
  campaignId: number,
  layout: { columns: StatisticsColumn[]; deadlineAt: Date; schoolYear?: string },
  userId: number,
) {
  return db
    .updateTable('statistics_layouts')
    .set({
      columns: JSON.stringify(layout.columns),
      deadline_at: layout.deadlineAt,
      ...(layout.schoolYear ? { school_year: layout.schoolYear } : {}),
      updated_by: userId,
      updated_at: sql`now()`,
    })
    .where('campaign_id', '=', campaignId)
    .execute();
}

/** Units that file: branches and sites, in code order. */
export function filingUnits(db: DbOrTrx, filter: { region?: string; unitId?: number } = {}) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'region'])
    .where('kind', '<>', 'institute')
    .$if(filter.region !== undefined, (qb) => qb.where('region', '=', filter.region as 'south'))
    .$if(filter.unitId !== undefined, (qb) => qb.where('id', '=', filter.unitId!))
    .orderBy('code')
    .execute();
}

export type UnitRow = Awaited<ReturnType<typeof filingUnits>>[number];

export function findFiling(db: DbOrTrx, campaignId: number, unitId: number) {
  return db
    .selectFrom('statistics_filings')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export type FilingRow = NonNullable<Awaited<ReturnType<typeof findFiling>>>;

export function listFilings(db: DbOrTrx, campaignId: number) {
  return db.selectFrom('statistics_filings').selectAll().where('campaign_id', '=', campaignId).execute();
}

/** The unit's filing row, created empty on the first change; locked for update inside the caller's transaction. */
export async function lockFiling(db: DbOrTrx, campaignId: number, unitId: number): Promise<FilingRow> {
  await db
    .insertInto('statistics_filings')
    .values({ campaign_id: campaignId, unit_id: unitId })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
    .execute();
  return db
    .selectFrom('statistics_filings')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** What a version row keeps: the table and report exactly as submitted (see commands.submit). */
export interface VersionSnapshot {
  columns: StatisticsColumn[];
  values: Record<string, CellValue>;
  computed: Record<string, number | null>;
  overrides: Record<string, StoredOverride>;
  reportSections: ReportSection[];
  reportFileId: number | null;
  signedOffBy: number | null;
  signedOffAt: string | null;
}

export function listVersions(db: DbOrTrx, filingId: number) {
  return db
    .selectFrom('statistics_filing_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.created_at', 'v.snapshot', 'u.display_name as created_by_name'])
    .where('v.filing_id', '=', filingId)
    .orderBy('v.version')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, snapshot: r.snapshot as unknown as VersionSnapshot })));
}

export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

/** Display names of the given users (for who signed a kept version). */
export async function userNames(db: DbOrTrx, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function findFileRow(db: DbOrTrx, id: number) {
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stored files by id (the reports of many units at once). */
export async function findFileRows(db: DbOrTrx, ids: readonly (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map<number, FileRow>();
  const rows = await db.selectFrom('stored_files').selectAll().where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export type FileRow = NonNullable<Awaited<ReturnType<typeof findFileRow>>>;

export function userName(db: DbOrTrx, id: number | null) {
  if (id === null) return Promise.resolve(null);
  return db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((r) => r?.display_name ?? null);
}

/** Active users of one unit holding any of the given roles. */
export function staffOf(db: DbOrTrx, unitId: number, roles: ('unit_officer' | 'unit_leader')[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('r.role', 'in', roles)
    .where('u.disabled_at', 'is', null)
    .where('u.unit_id', '=', unitId)
    .execute();
}

/** Active unit aid officers of the given units. */
export function officersOf(db: DbOrTrx, unitIds: readonly number[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.unit_id'])
    .where('r.role', '=', 'unit_officer')
    .where('u.disabled_at', 'is', null)
    .where('u.unit_id', 'in', unitIds)
    .execute();
}

/** Which of the given notification dedupe keys have already been delivered to an inbox. */
export async function remindedKeys(db: DbOrTrx, userIds: readonly number[], keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('inbox_messages')
    .select('dedupe_key')
    .where('user_id', 'in', userIds)
    .where('dedupe_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.dedupe_key!));
}
