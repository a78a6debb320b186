import { z } from 'zod';
import { regions, type Region } from './regions.ts';
import { schoolYear, type Semester } from './school-year.ts';

/** The notice's six requirements (六个全覆盖), in its order. */
export const coverageMeasures = ['supportCenter', 'visitFirst', 'growthArchive', 'rewardScheme', 'mentors', 'seminars'] as const;
export type CoverageMeasure = (typeof coverageMeasures)[number];

export const coverageMeasureLabels: Record<CoverageMeasure, string> = {
  supportCenter: '学生发展支持中心',
  visitFirst: '先家访后认定',
  growthArchive: '资助成长档案',
  rewardScheme: '成长奖励制度',
  mentors: '重点帮扶对象育人导师',
  seminars: '常态化研讨',
};

/** What each measure counts, shown beside the figures. */
export const coverageMeasureHints: Record<CoverageMeasure, string> = {
  supportCenter: '已登记学生发展支持中心',
  visitFirst: '本学年已认定学生中,认定前有已完成家访记录的比例',
  growthArchive: '本学年受助学生中,本学年有成长档案记录(活动、奖励、导师记录或目标)的比例',
  rewardScheme: '已登记成长奖励制度,且本学年有获奖记录',
  mentors: '本学年重点帮扶对象中,已安排育人导师的比例',
  seminars: '本学期开展研讨的次数(目标次数可设置)',
};

/** green: covered; amber: partly; red: not covered; none: nothing to cover (e.g. no identified students yet). */
export const coverageGrades = ['green', 'amber', 'red', 'none'] as const;
export type CoverageGrade = (typeof coverageGrades)[number];

export interface CoverageCell {
  grade: CoverageGrade;
  /** covered / total for shares and counts; for yes/no measures 1/1 or 0/1. */
  covered: number;
  total: number;
  /** One line for the cell: "12/15(80%)", "已登记", "1/2 次". */
  text: string;
}

export interface CoverageRow {
  unitId: number;
  unitName: string;
  region: Region | null;
  cells: Record<CoverageMeasure, CoverageCell>;
  /** How many of the six are green. */
  greenCount: number;
}

export interface CoverageReport {
  schoolYear: string;
  semester: Semester;
  settings: CoverageSettings;
  rows: CoverageRow[];
  /** The institute as a whole (sums of the rows), present when more than one unit is shown. */
  total: CoverageRow | null;
}

export const coverageQuery = z.object({
  schoolYear,
  semester: z.enum(['first', 'second']),
  region: z.enum(regions).optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

export const drillDownQuery = coverageQuery.omit({ region: true }).extend({
  measure: z.enum(coverageMeasures),
});
export type DrillDownQuery = z.infer<typeof drillDownQuery>;

/** Who or what is missing for one unit and measure. */
export interface DrillDown {
  measure: CoverageMeasure;
  unitId: number;
  unitName: string;
  /** Students still to cover (学号, name, class only: never a sensitive field). */
  students: { id: number; studentNo: string; name: string; grade: number; className: string | null; note: string | null }[];
  /** For unit-level measures: what the unit still lacks. */
  items: string[];
  /** More students than listed. */
  truncated: boolean;
}

export const coverageSettingsInput = z.object({
  seminarsPerSemester: z.number().int().min(1).max(20),
  amberFromPercent: z.number().int().min(1).max(99),
});
export type CoverageSettings = z.infer<typeof coverageSettingsInput>;
