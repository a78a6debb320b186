import {
  coverageMeasureLabels,
  type CoverageQuery,
  type CoverageReport,
  type CoverageSettings,
  type DrillDown,
  type DrillDownQuery,
} from '../../../../contracts/coverage.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { found } from '../../errors.ts';
import { aidedStudentsWithoutEntry, archiveCoverageByUnit } from '../growth-archive/coverage.repository.ts';
import { rewardSchemeCoverage, seminarCoverage, supportCenterCoverage } from '../registries/coverage.repository.ts';
import {
  coverageSettings,
  coverageUnits,
  identifiedWithoutPriorVisit,
  keyTargetsWithoutMentor,
  mentorCoverage,
  visitFirstCoverage,
} from './coverage.repository.ts';
import { rewardSchemeCell, rowOf, seminarCell, shareCell, supportCenterCell, totalRow } from './coverage.grading.ts';

const byUnit = <T extends { unitId: number }>(rows: T[]) => new Map(rows.map((r) => [r.unitId, r]));

/** The six measures for the chosen units: six set-based queries however many units there are. */
export async function buildCoverageReport(db: DbOrTrx, query: CoverageQuery & { unitId?: number }): Promise<CoverageReport> {
  const [settings, units] = await Promise.all([coverageSettings(db), coverageUnits(db, query)]);
  const ids = units.map((u) => u.id);
  const [centers, visits, archives, rewards, mentors, seminars] = await Promise.all([
    supportCenterCoverage(db, ids),
    visitFirstCoverage(db, ids, query.schoolYear),
    archiveCoverageByUnit(db, ids, query.schoolYear),
    rewardSchemeCoverage(db, ids, query.schoolYear),
    mentorCoverage(db, ids, query.schoolYear),
    seminarCoverage(db, ids, query.schoolYear, query.semester),
  ]);
  const [c, v, a, r, m, s] = [byUnit(centers), byUnit(visits), byUnit(archives), byUnit(rewards), byUnit(mentors), byUnit(seminars)];
  const rows = units.map((unit) => {
    const visit = v.get(unit.id);
    const archive = a.get(unit.id);
    const reward = r.get(unit.id);
    const mentor = m.get(unit.id);
    return rowOf(unit, {
      supportCenter: supportCenterCell(c.get(unit.id)?.hasSupportCenter ?? false),
      visitFirst: shareCell(visit?.covered ?? 0, visit?.total ?? 0, settings),
      growthArchive: shareCell(archive?.withArchiveEntry ?? 0, archive?.aidedStudents ?? 0, settings),
      rewardScheme: rewardSchemeCell(reward?.hasRewardScheme ?? false, reward?.awardsInYear ?? 0),
      mentors: shareCell(mentor?.covered ?? 0, mentor?.total ?? 0, settings),
      seminars: seminarCell(s.get(unit.id)?.seminars ?? 0, settings),
    });
  });
  return {
    schoolYear: query.schoolYear,
    semester: query.semester,
    settings,
    rows,
    total: query.unitId === undefined && rows.length > 1 ? totalRow(rows, settings) : null,
  };
}

const DRILL_LIMIT = 200;

/** Who or what one unit still lacks for one measure. Students are named by 学号, name and class only. */
export async function drillDown(db: DbOrTrx, unitId: number, query: DrillDownQuery): Promise<DrillDown> {
  const unit = found((await coverageUnits(db, { unitId }))[0]);
  const report = await buildCoverageReport(db, { ...query, unitId });
  const cell = report.rows[0]!.cells[query.measure];
  const base = {
    measure: query.measure,
    unitId,
    unitName: unit.name,
    students: [] as DrillDown['students'],
    items: [] as string[],
    truncated: false,
  };
  const students = async (
    rows: Promise<{ id: number; student_no: string; name: string; grade: number; class_name: string | null }[]>,
    note: string,
  ) => {
    const list = await rows;
    return {
      ...base,
      students: list.map((s) => ({ id: s.id, studentNo: s.student_no, name: s.name, grade: s.grade, className: s.class_name, note })),
      truncated: cell.total - cell.covered > list.length,
    };
  };
  switch (query.measure) {
    case 'visitFirst':
      return students(identifiedWithoutPriorVisit(db, unitId, query.schoolYear, DRILL_LIMIT), '认定前无已完成的家访记录');
    case 'growthArchive':
      return students(
        aidedStudentsWithoutEntry(db, unitId, query.schoolYear, { limit: DRILL_LIMIT, offset: 0 }).then((page) => page.rows),
        '本学年受助,尚无成长档案记录',
      );
    case 'mentors':
      return students(keyTargetsWithoutMentor(db, unitId, query.schoolYear, DRILL_LIMIT), '尚未安排育人导师');
    default:
      return { ...base, items: cell.grade === 'green' ? [] : [missingItem(query.measure, cell.text, report.settings)] };
  }
}

function missingItem(measure: 'supportCenter' | 'rewardScheme' | 'seminars', text: string, s: CoverageSettings): string {
  if (measure === 'supportCenter') return `尚未登记${coverageMeasureLabels.supportCenter},请在“单位工作台账”中登记。`;
  if (measure === 'rewardScheme') return `${coverageMeasureLabels.rewardScheme}:${text}。请登记制度并记录本学年的奖励。`;
  return `本学期研讨 ${text},目标为每学期 ${s.seminarsPerSemester} 次。`;
}
