import { sql } from 'kysely';
import { aidTypeLabels, aidTypes } from '../../../../contracts/growth-archive.ts';
import { ambassadorActivityKinds, ambassadorActivityLabels } from '../../../../contracts/priorities.ts';
import { schoolYearRange } from '../../../../contracts/school-year.ts';
import type { MetricDto } from '../../../../contracts/statistics.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { mentorCoverage, visitFirstCoverage } from '../coverage/coverage.repository.ts';
import { archiveCoverageByUnit, unitsWhere } from '../growth-archive/coverage.repository.ts';
import { IDENTIFIED_STATUSES } from '../key-targets/key-targets.repository.ts';
import { rewardSchemeCoverage, seminarCoverage, supportCenterCoverage } from '../registries/coverage.repository.ts';

/**
 * The metric catalogue of the statistics table (附件5). Each metric is defined
 * once here: its key, Chinese label, unit, exactly what it counts, and the one
 * set-based query that computes it for every unit of a campaign at once.
 *
 * Scope: campaign records (cases, nominations, ambassador activities) by the
 * campaign; year-round records (identifications, visits, archives, key targets,
 * registries) by the campaign's school year — a campaign of year Y reports on
 * school year (Y-1)-Y (see docs/decisions/013-statistics-table.md).
 * The unit is the submitting unit for campaign records and the student's unit
 * (or the registry's unit) for year-round records.
 */

export interface MetricContext {
  campaignId: number;
  schoolYear: string;
  unitIds: readonly number[];
  /** Shared results within one computation (several metrics read one coverage query). */
  memo: Map<string, Promise<unknown>>;
}

export type MetricFormat = 'count' | 'yuan' | 'percent' | 'yesno';
export type PerUnit = Map<number, number | null>;

export interface MetricParamSource {
  /** Static choices, or the campaign's tracks / the configured levels. */
  kind: 'none' | 'tracks' | 'case_tracks' | 'activity_kinds' | 'levels' | 'aid_types';
}

export interface Metric {
  key: string;
  label: string;
  /** What a cell shows after the figure: 项, 人, 次, 元, %, 是/否. */
  unit: string;
  format: MetricFormat;
  /** Exactly what is counted (shown to admins in the layout editor and in the decision record). */
  description: string;
  params: MetricParamSource['kind'];
  /** How the totals row adds up this column: a sum, or nothing (rates). */
  total: 'sum' | 'none';
  note?: string;
  compute(db: DbOrTrx, ctx: MetricContext, param: string | undefined): Promise<PerUnit>;
}

function memo<T>(ctx: MetricContext, key: string, run: () => Promise<T>): Promise<T> {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = run();
    ctx.memo.set(key, p);
  }
  return p;
}

function toMap(rows: { unit_id: number; n: string | number | null }[]): PerUnit {
  return new Map(rows.map((r) => [r.unit_id, r.n === null ? 0 : Number(r.n)]));
}

const rate = (covered: number, total: number) => (total === 0 ? null : Math.round((covered / total) * 1000) / 10);
const identified = sql.join(IDENTIFIED_STATUSES.map((s) => sql.lit(s)));
const all = (param: string | undefined) => !param || param === 'all';

/** Live (submitted, not withdrawn, not deleted) submissions of the campaign, optionally of one track code or of a track kind. */
function liveSubmissions(ctx: MetricContext, trackCode: string | undefined, kind: 'case' | 'ambassador' | null) {
  return sql`select s.* from submissions s join tracks t on t.id = s.track_id
    where s.campaign_id = ${ctx.campaignId} and s.submitted_at is not null and s.withdrawn_at is null and s.deleted_at is null
      and ${unitsWhere(ctx.unitIds, 's.unit_id')}
      and ${all(trackCode) ? sql`true` : sql`t.code = ${trackCode}`}
      and ${kind ? sql`t.kind = ${kind}` : sql`true`}`;
}

async function countSubmissions(db: DbOrTrx, ctx: MetricContext, param: string | undefined, acceptedOnly: boolean) {
  const { rows } = await sql<{ unit_id: number; n: string }>`
    select l.unit_id, count(*) as n from (${liveSubmissions(ctx, param, all(param) ? 'case' : null)}) l
    where ${acceptedOnly ? sql`l.accepted_at is not null` : sql`true`}
    group by l.unit_id`.execute(db);
  return toMap(rows);
}

async function semesterSeminars(db: DbOrTrx, ctx: MetricContext) {
  return memo(ctx, 'seminars', async () => {
    const [first, second] = await Promise.all([
      seminarCoverage(db, ctx.unitIds, ctx.schoolYear, 'first'),
      seminarCoverage(db, ctx.unitIds, ctx.schoolYear, 'second'),
    ]);
    const m: PerUnit = new Map();
    for (const r of [...first, ...second]) m.set(r.unitId, (m.get(r.unitId) ?? 0)! + r.seminars);
    return m;
  });
}

const visitFirst = (db: DbOrTrx, ctx: MetricContext) => memo(ctx, 'visitFirst', () => visitFirstCoverage(db, ctx.unitIds, ctx.schoolYear));
const mentors = (db: DbOrTrx, ctx: MetricContext) => memo(ctx, 'mentors', () => mentorCoverage(db, ctx.unitIds, ctx.schoolYear));
const archives = (db: DbOrTrx, ctx: MetricContext) => memo(ctx, 'archives', () => archiveCoverageByUnit(db, ctx.unitIds, ctx.schoolYear));
const rewards = (db: DbOrTrx, ctx: MetricContext) => memo(ctx, 'rewards', () => rewardSchemeCoverage(db, ctx.unitIds, ctx.schoolYear));

export const metrics: readonly Metric[] = [
  {
    key: 'cases_submitted',
    label: '报送案例数',
    unit: '项',
    format: 'count',
    params: 'tracks',
    total: 'sum',
    description: '本次活动中本单位已提交(未撤回、未删除)的申报数;参数为类别,"全部案例类别"不含宣传大使。',
    compute: (db, ctx, param) => countSubmissions(db, ctx, param, false),
  },
  {
    key: 'cases_accepted',
    label: '通过形式审查数',
    unit: '项',
    format: 'count',
    params: 'tracks',
    total: 'sum',
    description: '上述已提交的申报中,类别牵头人已通过形式审查的数量。',
    compute: (db, ctx, param) => countSubmissions(db, ctx, param, true),
  },
  {
    key: 'cases_recommended',
    label: '推荐省级数',
    unit: '项',
    format: 'count',
    params: 'tracks',
    total: 'sum',
    description:
      '上述已提交的申报中,学院评审决定为"推荐省级"且已公布结果的数量(尚未公布的决定不计);参数为类别,"全部案例类别"不含宣传大使。',
    compute: async (db, ctx, param) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select l.unit_id, count(*) as n
        from (${liveSubmissions(ctx, param, all(param) ? 'case' : null)}) l
        join review_decisions d on d.submission_id = l.id
        where d.outcome = 'provincial' and d.released_at is not null
        group by l.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'students_named',
    label: '案例涉及学生数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '本单位已提交的案例类申报中列明的学生人数,同一学号在多个案例中只计一次。',
    compute: async (db, ctx) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select l.unit_id, count(distinct ss.student_no) as n
        from (${liveSubmissions(ctx, undefined, 'case')}) l join submission_students ss on ss.submission_id = l.id
        group by l.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'ambassadors_nominated',
    label: '推荐宣传大使数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '本单位在"宣传大使"类别已提交(未撤回、未删除)的推荐数。',
    compute: async (db, ctx) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select l.unit_id, count(*) as n from (${liveSubmissions(ctx, undefined, 'ambassador')}) l group by l.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'activities_held',
    label: '宣传活动场次',
    unit: '场',
    format: 'count',
    params: 'activity_kinds',
    total: 'sum',
    description: '本单位已提交的宣传大使推荐中登记的宣传活动场次;参数为活动类型(资助政策我来说/乡村行/进社区/母校行/其他)或全部活动。',
    compute: async (db, ctx, param) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select l.unit_id, count(*) as n
        from (${liveSubmissions(ctx, undefined, 'ambassador')}) l join ambassador_activities a on a.submission_id = l.id
        where ${all(param) ? sql`true` : sql`a.kind = ${param}`}
        group by l.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'activity_audience',
    label: '宣传活动受众人次',
    unit: '人次',
    format: 'count',
    params: 'activity_kinds',
    total: 'sum',
    description: '上述宣传活动登记的受众人数之和;参数同"宣传活动场次"。',
    compute: async (db, ctx, param) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select l.unit_id, sum(a.audience) as n
        from (${liveSubmissions(ctx, undefined, 'ambassador')}) l join ambassador_activities a on a.submission_id = l.id
        where ${all(param) ? sql`true` : sql`a.kind = ${param}`}
        group by l.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'identified_students',
    label: '认定家庭经济困难学生数',
    unit: '人',
    format: 'count',
    params: 'levels',
    total: 'sum',
    description: '该学年本单位经学院复核确认(已确认/公示中/已归档)的困难认定人数;参数为困难等级或全部等级。',
    compute: async (db, ctx, param) => {
      const { rows } = await sql<{ unit_id: number; n: string }>`
        select i.unit_id, count(*) as n from identifications i
        where i.school_year = ${ctx.schoolYear} and i.status in (${identified}) and ${unitsWhere(ctx.unitIds, 'i.unit_id')}
          and ${all(param) ? sql`true` : sql`i.level_id = ${Number(param)}`}
        group by i.unit_id`.execute(db);
      return toMap(rows);
    },
  },
  {
    key: 'visit_first_covered',
    label: '先家访后认定人数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '该学年已认定学生中,在学院确认当日或之前已完成家访的人数(六个全覆盖"先家访后认定",同覆盖率看板)。',
    compute: async (db, ctx) => new Map((await visitFirst(db, ctx)).map((r) => [r.unitId, r.covered])),
  },
  {
    key: 'visit_first_rate',
    label: '先家访后认定覆盖率',
    unit: '%',
    format: 'percent',
    params: 'none',
    total: 'none',
    description: '先家访后认定人数 ÷ 该学年已认定人数,保留一位小数;无认定学生时为空。',
    compute: async (db, ctx) => new Map((await visitFirst(db, ctx)).map((r) => [r.unitId, rate(r.covered, r.total)])),
  },
  {
    key: 'archive_aided',
    label: '受助学生数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '该学年资助成长档案中有受助记录的本单位学生人数。',
    compute: async (db, ctx) => new Map((await archives(db, ctx)).map((r) => [r.unitId, r.aidedStudents])),
  },
  {
    key: 'archive_rate',
    label: '成长档案覆盖率',
    unit: '%',
    format: 'percent',
    params: 'none',
    total: 'none',
    description: '受助学生中该学年另有发展活动、成长奖励、导师记录或成长目标的比例(资助成长档案全覆盖),保留一位小数;无受助学生时为空。',
    compute: async (db, ctx) => new Map((await archives(db, ctx)).map((r) => [r.unitId, rate(r.withArchiveEntry, r.aidedStudents)])),
  },
  {
    key: 'key_targets',
    label: '重点帮扶对象数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '该学年有未解除的重点帮扶标记的本单位学生人数。',
    compute: async (db, ctx) => new Map((await mentors(db, ctx)).map((r) => [r.unitId, r.total])),
  },
  {
    key: 'key_targets_mentored',
    label: '已配育人导师数',
    unit: '人',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '上述重点帮扶对象中当前有育人导师的人数。',
    compute: async (db, ctx) => new Map((await mentors(db, ctx)).map((r) => [r.unitId, r.covered])),
  },
  {
    key: 'mentor_rate',
    label: '育人导师覆盖率',
    unit: '%',
    format: 'percent',
    params: 'none',
    total: 'none',
    description: '已配育人导师数 ÷ 重点帮扶对象数,保留一位小数;无重点帮扶对象时为空。',
    compute: async (db, ctx) => new Map((await mentors(db, ctx)).map((r) => [r.unitId, rate(r.covered, r.total)])),
  },
  {
    key: 'seminars_held',
    label: '常态化研讨次数',
    unit: '次',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '该学年(两个学期)本单位登记的研讨次数,按研讨日期计。',
    compute: (db, ctx) => semesterSeminars(db, ctx),
  },
  {
    key: 'support_center',
    label: '学生发展支持中心',
    unit: '是/否',
    format: 'yesno',
    params: 'none',
    total: 'sum',
    description: '本单位是否已登记学生发展支持中心(1 为是,合计为"是"的单位数)。',
    compute: async (db, ctx) => new Map((await supportCenterCoverage(db, ctx.unitIds)).map((r) => [r.unitId, r.hasSupportCenter ? 1 : 0])),
  },
  {
    key: 'reward_scheme',
    label: '成长奖励制度',
    unit: '是/否',
    format: 'yesno',
    params: 'none',
    total: 'sum',
    description: '本单位是否已登记成长奖励制度(1 为是,合计为"是"的单位数)。',
    compute: async (db, ctx) => new Map((await rewards(db, ctx)).map((r) => [r.unitId, r.hasRewardScheme ? 1 : 0])),
  },
  {
    key: 'awards_given',
    label: '成长奖励发放人次',
    unit: '人次',
    format: 'count',
    params: 'none',
    total: 'sum',
    description: '本单位成长奖励制度中该学年发放的奖励次数。',
    compute: async (db, ctx) => new Map((await rewards(db, ctx)).map((r) => [r.unitId, r.awardsInYear])),
  },
  {
    key: 'aid_amount',
    label: '资助金额',
    unit: '元',
    format: 'yuan',
    params: 'aid_types',
    total: 'sum',
    description: '资助成长档案中该学年(9月1日至次年8月31日)受助记录的金额之和,按学生所在单位计,单位为元;参数为资助类型或全部类型。',
    compute: async (db, ctx, param) => {
      const [from, to] = schoolYearRange(ctx.schoolYear);
      const { rows } = await sql<{ unit_id: number; n: string | null }>`
        select s.unit_id, sum(e.amount_fen) / 100.0 as n
        from growth_archive_entries e join students s on s.id = e.student_id
        where e.kind = 'aid' and e.occurred_on between ${from} and ${to} and ${unitsWhere(ctx.unitIds, 's.unit_id')}
          and ${all(param) ? sql`true` : sql`e.aid_type = ${param}`}
        group by s.unit_id`.execute(db);
      return toMap(rows);
    },
  },
];

export const metricByKey = new Map(metrics.map((m) => [m.key, m]));

/** The choices of a metric's parameter, for the layout editor. */
export async function metricParams(
  db: DbOrTrx,
  campaignId: number,
): Promise<Record<MetricParamSource['kind'], { value: string; label: string }[]>> {
  const [tracks, levels] = await Promise.all([
    db.selectFrom('tracks').select(['code', 'name', 'kind']).where('campaign_id', '=', campaignId).orderBy('sort_order').execute(),
    db.selectFrom('identification_levels').select(['id', 'name']).where('active', '=', true).orderBy('sort_order').execute(),
  ]);
  const allOf = (label: string) => ({ value: 'all', label });
  return {
    none: [],
    tracks: [allOf('全部案例类别'), ...tracks.map((t) => ({ value: t.code, label: t.name }))],
    case_tracks: [allOf('全部案例类别'), ...tracks.filter((t) => t.kind === 'case').map((t) => ({ value: t.code, label: t.name }))],
    activity_kinds: [allOf('全部活动'), ...ambassadorActivityKinds.map((k) => ({ value: k, label: ambassadorActivityLabels[k] }))],
    levels: [allOf('全部等级'), ...levels.map((l) => ({ value: String(l.id), label: l.name }))],
    aid_types: [allOf('全部类型'), ...aidTypes.map((k) => ({ value: k, label: aidTypeLabels[k] }))],
  };
}

export async function metricDtos(db: DbOrTrx, campaignId: number): Promise<MetricDto[]> {
  const params = await metricParams(db, campaignId);
  return metrics.map((m) => ({
    key: m.key,
    label: m.label,
    unit: m.unit,
    description: m.description,
    params: params[m.params],
    note: m.note ?? null,
  }));
}

/**
 * Computes the given (metric, param) columns for every unit at once. Returns
 * column key → unit id → value; a unit with no records gets 0 (null for a rate
 * without a denominator).
 */
export async function computeColumns(
  db: DbOrTrx,
  base: Omit<MetricContext, 'memo'>,
  columns: readonly { key: string; metric?: string; param?: string }[],
): Promise<Map<string, PerUnit>> {
  const ctx: MetricContext = { ...base, memo: new Map() };
  const out = new Map<string, PerUnit>();
  await Promise.all(
    columns.map(async (c) => {
      const metric = c.metric ? metricByKey.get(c.metric) : undefined;
      if (!metric) return;
      const values = ctx.unitIds.length === 0 ? new Map() : await metric.compute(db, ctx, c.param);
      const full: PerUnit = new Map();
      for (const unitId of ctx.unitIds) {
        const v = values.get(unitId);
        full.set(unitId, v === undefined ? (metric.format === 'percent' ? null : 0) : v);
      }
      out.set(c.key, full);
    }),
  );
  return out;
}
