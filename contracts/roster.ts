import { z } from 'zod';
import { pageQuery } from './common.ts';
import type { ReasonCode } from './reasons.ts';
import { schoolYear } from './school-year.ts';
import type { Ability } from './submissions.ts';

/**
 * The columns a roster workbook may have (product.md: 学号、姓名、身份证号、性别、单位、
 * 专业、班级、学制、年级、生源地城乡、户籍地市, and 院系、联系电话、家庭住址、出生日期、
 * 银行卡号 when present). The server proposes which sheet column holds which
 * field from the header names; the officer can change it before the import runs.
 */
export const rosterFields = [
  'studentNo',
  'name',
  'idNumber',
  'gender',
  'unit',
  'department',
  'programme',
  'className',
  'schooling',
  'grade',
  'origin',
  'hukouCity',
  'phone',
  'address',
  'birthDate',
  'bankCard',
] as const;
export type RosterField = (typeof rosterFields)[number];

export const rosterFieldLabels: Record<RosterField, string> = {
  studentNo: '学号',
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  unit: '单位',
  department: '院系',
  programme: '专业',
  className: '班级',
  schooling: '学制',
  grade: '年级',
  origin: '生源地城乡',
  hukouCity: '户籍地市',
  phone: '联系电话',
  address: '家庭住址',
  birthDate: '出生日期',
  bankCard: '银行卡号',
};

/** Without these a row cannot become a student. */
export const requiredRosterFields: readonly RosterField[] = ['studentNo', 'name', 'programme', 'grade'];

/** Field → sheet column (1 = A); null or absent = not imported. */
export const rosterMapping = z.partialRecord(z.enum(rosterFields), z.number().int().min(1).max(200).nullable());
export type RosterMapping = z.infer<typeof rosterMapping>;

export const rosterPreviewInput = z.object({
  /** The row holding the column names (1-based), when the guess was wrong. */
  headerRow: z.number().int().min(1).max(30).optional(),
  mapping: rosterMapping.optional(),
});
export type RosterPreviewInput = z.infer<typeof rosterPreviewInput>;

export const rosterStartInput = z.object({
  headerRow: z.number().int().min(1).max(30),
  mapping: rosterMapping,
});
export type RosterStartInput = z.infer<typeof rosterStartInput>;

export const rosterImportStatuses = ['uploaded', 'running', 'finished', 'failed', 'cancelled', 'expired'] as const;
export type RosterImportStatus = (typeof rosterImportStatuses)[number];
export const rosterImportStatusLabels: Record<RosterImportStatus, string> = {
  uploaded: '待确认',
  running: '导入中',
  finished: '已完成',
  failed: '失败',
  cancelled: '已取消',
  expired: '已过期',
};

export interface RosterColumn {
  /** 1 = column A. */
  index: number;
  letter: string;
  header: string;
}

export interface RosterRowError {
  /** Row number as Excel shows it. */
  row: number;
  studentNo: string | null;
  name: string | null;
  /** The column's header as in the file (or the field's name). */
  column: string;
  message: string;
}

export interface RosterPreviewRow {
  row: number;
  /** Values as they will be stored; sensitive fields masked. */
  values: Partial<Record<RosterField, string>>;
  errors: { column: string; message: string }[];
}

export interface RosterPreview {
  headerRow: number | null;
  columns: RosterColumn[];
  mapping: RosterMapping;
  /** Required fields with no column yet. */
  missing: RosterField[];
  rows: RosterPreviewRow[];
}

export interface RosterImportDto {
  id: number;
  unitId: number;
  fileName: string;
  fileSize: number;
  status: RosterImportStatus;
  createdAt: string;
  createdBy: { id: number; displayName: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  headerRow: number | null;
  mapping: RosterMapping | null;
  /** Data rows in the file (from the sheet; known once uploaded). */
  rowsTotal: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** More errors than are kept: the error report lists the first ones. */
  errorsTruncated: boolean;
  failure: { code: ReasonCode; message: string } | null;
  abilities: { start: Ability; cancel: Ability; errorReport: Ability };
}

export const listRosterImportsQuery = pageQuery;
export const rosterErrorsQuery = pageQuery;

// ---- classes and their 班主任

export interface RosterClassDto {
  className: string;
  /** Enrolled students. */
  students: number;
  grades: number[];
  teachers: { id: number; displayName: string }[];
  abilities: { assignTeachers: Ability };
}

export const listClassesQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
});

export const setClassTeachersInput = z.object({
  className: z.string().trim().min(1).max(60),
  userIds: z.array(z.number().int().positive()).max(10),
});
export type SetClassTeachersInput = z.infer<typeof setClassTeachersInput>;

export interface TeacherCandidateDto {
  id: number;
  displayName: string;
  username: string;
}

// ---- grade promotion at the start of a school year

export interface PromotionPreviewDto {
  schoolYear: string;
  /** Enrolled students who move up one grade. */
  promote: number;
  /** Enrolled students in their last grade (学制; five years when not given) who become 已毕业. */
  graduate: number;
  byGrade: { grade: number; promote: number; graduate: number }[];
  done: { at: string; by: string | null; promoted: number; graduated: number } | null;
  abilities: { run: Ability };
}

export const runPromotionInput = z.object({ schoolYear });
export type RunPromotionInput = z.infer<typeof runPromotionInput>;

export interface PromotionResultDto {
  schoolYear: string;
  promoted: number;
  graduated: number;
}
