import { z } from 'zod';
import { schoolYear } from './school-year.ts';
import type { Ability } from './submissions.ts';

/** The notice's six risk kinds that make an identified student a 重点帮扶对象. */
export const keyTargetFlags = ['family_education', 'mental_health', 'behaviour', 'special_needs', 'academic', 'progression'] as const;
export type KeyTargetFlag = (typeof keyTargetFlags)[number];

export const keyTargetFlagLabels: Record<KeyTargetFlag, string> = {
  family_education: '家庭教育缺失',
  mental_health: '心理健康隐患危机',
  behaviour: '品质或行为偏差',
  special_needs: '特殊教育需要',
  academic: '学业严重落后',
  progression: '升学或就业突出困难',
};

/** The department usually responsible, proposed in the form (editable). */
export const defaultDepartments: Record<KeyTargetFlag, string> = {
  family_education: '学生工作处',
  mental_health: '心理健康教育中心',
  behaviour: '学生工作处',
  special_needs: '教务处',
  academic: '教务处',
  progression: '招生就业处',
};

export const flagStudentInput = z.object({
  schoolYear,
  flag: z.enum(keyTargetFlags),
  department: z.string().trim().min(1, '请填写责任部门').max(60),
  note: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(500).nullable().optional()),
});
export type FlagStudentInput = z.infer<typeof flagStudentInput>;

export const reasonInput = z.object({ reason: z.string().trim().min(2, '请填写原因').max(300) });

export const assignMentorInput = z.object({
  mentorId: z.number().int().positive(),
  /** The lead mentor (one per student); others form the team. */
  isLead: z.boolean().default(true),
  note: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(300).nullable().optional()),
});
export type AssignMentorInput = z.infer<typeof assignMentorInput>;

export const listKeyTargetsQuery = z.object({
  schoolYear,
  unitId: z.coerce.number().int().positive().optional(),
  flag: z.enum(keyTargetFlags).optional(),
  /** Only key targets without an active mentor: the list the officer works through. */
  withoutMentor: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListKeyTargetsQuery = z.infer<typeof listKeyTargetsQuery>;

export interface KeyTargetFlagDto {
  id: number;
  flag: KeyTargetFlag;
  department: string;
  note: string | null;
  flaggedAt: string;
  abilities: { clear: Ability };
}

export interface MentorAssignmentDto {
  id: number;
  mentorId: number;
  mentorName: string;
  isLead: boolean;
  note: string | null;
  assignedAt: string;
  endedAt: string | null;
  endReason: string | null;
  abilities: { end: Ability };
}

export interface KeyTargetDto {
  studentId: number;
  studentNo: string;
  name: string;
  unitId: number;
  unitName: string;
  grade: number;
  className: string | null;
  schoolYear: string;
  /** The identification level in force this school year. */
  levelName: string | null;
  flags: KeyTargetFlagDto[];
  mentors: MentorAssignmentDto[];
  abilities: { flag: Ability; assignMentor: Ability };
}

export interface MentorCandidateDto {
  id: number;
  displayName: string;
  /** Active key-target mentees this school year: to spread the load. */
  menteeCount: number;
}
