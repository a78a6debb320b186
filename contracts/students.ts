import { z } from 'zod';
import { pageQuery } from './common.ts';
import { isValidIdNumber, normaliseIdNumber } from './id-number.ts';
import type { Ability } from './submissions.ts';

/**
 * The five fields national rules call sensitive: encrypted at rest, masked in
 * every response, revealed one at a time with a stated reason (audited).
 */
export const sensitiveFields = ['idNumber', 'phone', 'address', 'birthDate', 'bankCard'] as const;
export type SensitiveField = (typeof sensitiveFields)[number];

export const sensitiveFieldLabels: Record<SensitiveField, string> = {
  idNumber: '身份证号',
  phone: '联系电话',
  address: '家庭住址',
  birthDate: '出生日期',
  bankCard: '银行卡号',
};

export const genders = ['男', '女'] as const;
export const origins = ['城镇', '农村'] as const;
export const studentStatuses = ['enrolled', 'graduated', 'left'] as const;
export type StudentStatus = (typeof studentStatuses)[number];
export const studentStatusLabels: Record<StudentStatus, string> = { enrolled: '在读', graduated: '已毕业', left: '已离校' };

/** Grades of the programmes the college runs: 1–5 (五年制高职 has five). */
export const MAX_GRADE = 5;

const text = (max: number) => z.string().trim().min(1).max(max);
const nullableText = (max: number) => z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const idNumberInput = z
  .string()
  .transform(normaliseIdNumber)
  .refine(isValidIdNumber, '身份证号无效:请核对 18 位号码(末位校验码可能为 X)');

/** Plain values on the way in; they are encrypted before they reach the database. */
export const sensitiveInput = z.object({
  idNumber: z.preprocess((v) => (v === '' ? null : v), idNumberInput.nullable().optional()),
  phone: nullableText(40),
  address: nullableText(200),
  birthDate: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '出生日期格式应为 YYYY-MM-DD')
      .nullable()
      .optional(),
  ),
  bankCard: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '') : v) || null,
    z
      .string()
      .regex(/^\d{12,19}$/, '银行卡号应为 12–19 位数字')
      .nullable()
      .optional(),
  ),
});
export type SensitiveInput = z.infer<typeof sensitiveInput>;

export const studentInput = z.object({
  unitId: z.number().int().positive().optional(),
  studentNo: text(40),
  name: text(40),
  gender: z.enum(genders).nullable().optional(),
  department: nullableText(60),
  programme: text(60),
  schooling: nullableText(40),
  grade: z.number().int().min(1).max(MAX_GRADE),
  className: nullableText(60),
  origin: z.enum(origins).nullable().optional(),
  hukouCity: nullableText(40),
  sensitive: sensitiveInput.optional(),
});
export type StudentInput = z.infer<typeof studentInput>;

export const updateStudentInput = studentInput
  .omit({ unitId: true })
  .partial()
  .extend({
    status: z.enum(studentStatuses).optional(),
  });
export type UpdateStudentInput = z.infer<typeof updateStudentInput>;

export const listStudentsQuery = pageQuery.extend({
  /** 学号 (prefix) or name (contains). */
  q: z.string().trim().max(40).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  grade: z.coerce.number().int().min(1).max(MAX_GRADE).optional(),
  className: z.string().trim().max(60).optional(),
  status: z.enum(studentStatuses).optional(),
});
export type ListStudentsQuery = z.infer<typeof listStudentsQuery>;

export const revealInput = z.object({
  field: z.enum(sensitiveFields),
  reason: z.string().trim().min(4, '请说明查看原因(至少 4 个字)').max(200),
});
export type RevealInput = z.infer<typeof revealInput>;

export interface RevealResult {
  field: SensitiveField;
  value: string | null;
}

export interface StudentAbilities {
  edit: Ability;
  /** Per field: who may see it in full (with a reason). */
  reveal: Record<SensitiveField, Ability>;
}

export interface StudentDto {
  id: number;
  unitId: number;
  unitName: string;
  studentNo: string;
  name: string;
  gender: '男' | '女' | null;
  department: string | null;
  programme: string;
  schooling: string | null;
  grade: number;
  className: string | null;
  origin: '城镇' | '农村' | null;
  hukouCity: string | null;
  status: StudentStatus;
  /** Masked values only (e.g. 3201**********1234); null when not recorded. */
  masked: Record<SensitiveField, string | null>;
  updatedAt: string;
  abilities: StudentAbilities;
}
