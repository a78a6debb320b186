import type { CoverageCell, CoverageMeasure, CoverageRow, CoverageSettings } from '../../../../contracts/coverage.ts';
import { coverageMeasures } from '../../../../contracts/coverage.ts';

const percent = (covered: number, total: number) => Math.floor((covered / total) * 100);

/** A share of students: all covered is green, from the amber threshold amber, below it red; nobody to cover is "none". */
export function shareCell(covered: number, total: number, s: CoverageSettings): CoverageCell {
  if (total === 0) return { grade: 'none', covered: 0, total: 0, text: '无对象' };
  const p = percent(covered, total);
  const grade = covered >= total ? 'green' : p >= s.amberFromPercent ? 'amber' : 'red';
  return { grade, covered, total, text: `${covered}/${total}(${p}%)` };
}

export function supportCenterCell(exists: boolean): CoverageCell {
  return exists ? { grade: 'green', covered: 1, total: 1, text: '已建立' } : { grade: 'red', covered: 0, total: 1, text: '未登记' };
}

/** A scheme with awards this school year is green; a scheme without awards amber; no scheme red. */
export function rewardSchemeCell(hasScheme: boolean, awards: number): CoverageCell {
  if (!hasScheme) return { grade: 'red', covered: 0, total: 1, text: '未登记制度' };
  return awards > 0
    ? { grade: 'green', covered: 1, total: 1, text: `本学年奖励 ${awards} 人次` }
    : { grade: 'amber', covered: 0, total: 1, text: '已有制度,本学年未奖励' };
}

/** Seminars against the target: met is green, at least one amber, none red. */
export function seminarCell(held: number, s: CoverageSettings): CoverageCell {
  const grade = held >= s.seminarsPerSemester ? 'green' : held > 0 ? 'amber' : 'red';
  return {
    grade,
    covered: Math.min(held, s.seminarsPerSemester),
    total: s.seminarsPerSemester,
    text: `${held}/${s.seminarsPerSemester} 次`,
  };
}

export function rowOf(
  unit: { id: number; name: string; region: CoverageRow['region'] },
  cells: Record<CoverageMeasure, CoverageCell>,
): CoverageRow {
  return {
    unitId: unit.id,
    unitName: unit.name,
    region: unit.region,
    cells,
    greenCount: coverageMeasures.filter((m) => cells[m].grade === 'green').length,
  };
}

/**
 * The institute as a whole: shares are summed over units (students, not
 * averages of percentages); unit-level measures count units covered.
 */
export function totalRow(rows: CoverageRow[], s: CoverageSettings): CoverageRow {
  const sum = (m: CoverageMeasure, f: (c: CoverageCell) => number) => rows.reduce((n, r) => n + f(r.cells[m]), 0);
  const unitsCell = (m: CoverageMeasure): CoverageCell => {
    const covered = rows.filter((r) => r.cells[m].grade === 'green').length;
    const cell = shareCell(covered, rows.length, s);
    return { ...cell, text: `${covered}/${rows.length} 个单位` };
  };
  return rowOf(
    { id: 0, name: '全院合计', region: null },
    {
      supportCenter: unitsCell('supportCenter'),
      visitFirst: shareCell(
        sum('visitFirst', (c) => c.covered),
        sum('visitFirst', (c) => c.total),
        s,
      ),
      growthArchive: shareCell(
        sum('growthArchive', (c) => c.covered),
        sum('growthArchive', (c) => c.total),
        s,
      ),
      rewardScheme: unitsCell('rewardScheme'),
      mentors: shareCell(
        sum('mentors', (c) => c.covered),
        sum('mentors', (c) => c.total),
        s,
      ),
      seminars: unitsCell('seminars'),
    },
  );
}
