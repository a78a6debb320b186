import { z } from 'zod';
import { pageQuery } from './common.ts';
import type { PiiFinding } from './pii.ts';
import { schoolYear } from './school-year.ts';
import type { Ability } from './submissions.ts';

/**
 * 家访 records: a teacher fills one in on a phone, often over several sittings
 * (a draft, autosaved), then marks it 完成. Only completed visits count for the
 * difficulty identification (先家访后认定).
 */

export const visitModes = ['on_site', 'video'] as const;
export type VisitMode = (typeof visitModes)[number];
export const visitModeLabels: Record<VisitMode, string> = { on_site: '实地家访', video: '视频家访' };

/** Where the household's money comes from (several may apply). */
export const incomeSources = ['wages', 'farming', 'business', 'pension', 'social_assistance', 'relatives', 'other'] as const;
export type IncomeSource = (typeof incomeSources)[number];
export const incomeSourceLabels: Record<IncomeSource, string> = {
  wages: '务工收入',
  farming: '务农收入',
  business: '个体经营',
  pension: '退休金/养老金',
  social_assistance: '低保/救助金',
  relatives: '亲友资助',
  other: '其他',
};

/** The circumstances identification guidance asks about (several may apply). */
export const specialCircumstances = [
  'poverty_alleviation',
  'minimum_living',
  'extreme_poverty',
  'orphan',
  'disability',
  'martyr_family',
  'single_parent',
  'serious_illness',
  'disaster',
  'unemployment',
] as const;
export type SpecialCircumstance = (typeof specialCircumstances)[number];
export const specialCircumstanceLabels: Record<SpecialCircumstance, string> = {
  poverty_alleviation: '脱贫家庭/防返贫监测对象',
  minimum_living: '最低生活保障家庭',
  extreme_poverty: '特困供养',
  orphan: '孤儿/事实无人抚养',
  disability: '本人或家庭成员残疾',
  martyr_family: '烈士子女/优抚对象',
  single_parent: '单亲家庭',
  serious_illness: '家庭成员患重大疾病',
  disaster: '遭受自然灾害或突发意外',
  unemployment: '父母失业或丧失劳动能力',
};

export const MAX_VISIT_PHOTOS = 12;
export const MAX_VISIT_PHOTO_BYTES = 10 * 1024 * 1024;

const plainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const household = z.object({
  /** 家庭人口 */
  size: z.number().int().min(1, '家庭人口至少 1 人').max(30, '家庭人口请核对').nullable(),
  incomeSources: z.array(z.enum(incomeSources)).max(incomeSources.length),
  specialCircumstances: z.array(z.enum(specialCircumstances)).max(specialCircumstances.length),
  /** 家庭情况补充说明 */
  note: z.string().max(1000, '补充说明最多 1000 字'),
});
export type Household = z.infer<typeof household>;
export const emptyHousehold: Household = { size: null, incomeSources: [], specialCircumstances: [], note: '' };

const visitorName = z.string().trim().min(1, '请填写走访人员姓名').max(40, '姓名最多 40 字');

/** The content a draft holds; each field may be sent alone (autosave). */
export const visitContent = z.object({
  visitedOn: plainDate.nullable(),
  mode: z.enum(visitModes).nullable(),
  visitors: z.array(visitorName).max(10, '走访人员最多 10 人'),
  household,
  findings: z.string().max(5000, '家访情况最多 5000 字'),
});
export type VisitContent = z.infer<typeof visitContent>;

export const createHomeVisitInput = visitContent.partial().extend({ studentId: z.number().int().positive() });
export type CreateHomeVisitInput = z.infer<typeof createHomeVisitInput>;

/** Autosave: the changed fields and the revision the client last saw (a stale one is a 409). */
export const updateHomeVisitInput = visitContent.partial().extend({ revision: z.number().int().min(1) });
export type UpdateHomeVisitInput = z.infer<typeof updateHomeVisitInput>;

export const visitStatuses = ['draft', 'completed'] as const;
export type VisitStatus = (typeof visitStatuses)[number];
export const visitStatusLabels: Record<VisitStatus, string> = { draft: '草稿', completed: '已完成' };

export const listHomeVisitsQuery = pageQuery.extend({
  studentId: z.coerce.number().int().positive().optional(),
  schoolYear: schoolYear.optional(),
  status: z.enum(visitStatuses).optional(),
  /** 学号 prefix or name. */
  q: z.string().trim().max(40).optional(),
  className: z.string().trim().max(60).optional(),
});
export type ListHomeVisitsQuery = z.infer<typeof listHomeVisitsQuery>;

/** A student as visit and identification records show them: never a sensitive field. */
export interface StudentBrief {
  id: number;
  name: string;
  studentNo: string;
  unitId: number;
  unitName: string;
  department: string | null;
  programme: string;
  grade: number;
  className: string | null;
}

export interface VisitPhotoDto {
  id: number;
  name: string;
  sizeBytes: number;
  uploadedAt: string;
  /** Served only to who may see the student. */
  url: string;
}

/** A PII finding in one of the visit's free-text fields: shown as a warning, never blocking. */
export interface VisitPrivacyWarning {
  field: 'findings' | 'household.note';
  finding: PiiFinding;
}

export interface HomeVisitAbilities {
  edit: Ability;
  complete: Ability;
  delete: Ability;
}

export interface HomeVisitListItem {
  id: number;
  student: StudentBrief;
  status: VisitStatus;
  visitedOn: string | null;
  schoolYear: string | null;
  mode: VisitMode | null;
  visitors: string[];
  photoCount: number;
  createdBy: { id: number; displayName: string };
  completedAt: string | null;
  updatedAt: string;
}

export interface HomeVisitPage {
  items: HomeVisitListItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Whether the user may start a visit (for some student of their own). */
  abilities: { create: Ability };
}

export interface HomeVisitDto extends HomeVisitListItem, VisitContent {
  revision: number;
  photos: VisitPhotoDto[];
  privacyWarnings: VisitPrivacyWarning[];
  abilities: HomeVisitAbilities;
}
