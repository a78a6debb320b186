/**
 * Review and decision (issue 4), shared by server and web: the rubric a track is
 * scored on, the decision outcomes, and the weighted total every review reduces to.
 * Endpoint shapes live beside their features (contracts/review-*.ts).
 */
import { z } from 'zod';
import { priorityTagLabels } from './priorities.ts';

/** One criterion of a rubric: scored 0…scale, counting `weight` of 100 in the total. */
export const rubricCriterion = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, '标识只能由小写字母、数字和下划线组成'),
  label: z.string().trim().min(1, '请填写评分项名称').max(60),
  weight: z.number().int().min(1, '权重至少为 1').max(100),
  scale: z.number().int().min(1).max(100),
  guidance: z.string().trim().max(500).default(''),
});
export type RubricCriterion = z.infer<typeof rubricCriterion>;

export const rubric = z
  .object({ criteria: z.array(rubricCriterion).min(1, '至少需要一个评分项').max(12) })
  .refine((r) => r.criteria.reduce((s, c) => s + c.weight, 0) === 100, { message: '各评分项权重之和必须为 100', path: ['criteria'] })
  .refine((r) => new Set(r.criteria.map((c) => c.key)).size === r.criteria.length, { message: '评分项标识不能重复', path: ['criteria'] });
export type Rubric = z.infer<typeof rubric>;

/** The notice's priorities (四、(三)) as the default rubric of every case track. */
export const defaultCaseRubric: Rubric = {
  criteria: [
    {
      key: 'real_hardship',
      label: priorityTagLabels.real_hardship,
      weight: 25,
      scale: 10,
      guidance: '是否切实帮助学生解决实际困难、摆脱现实困境，成效可见。',
    },
    {
      key: 'common_prosperity',
      label: priorityTagLabels.common_prosperity,
      weight: 15,
      scale: 10,
      guidance: '是否有助于营造共同富裕的校园文化氛围。',
    },
    {
      key: 'institution_building',
      label: priorityTagLabels.institution_building,
      weight: 15,
      scale: 10,
      guidance: '是否形成可持续、可推广的制度与机制。',
    },
    {
      key: 'social_resources',
      label: priorityTagLabels.social_resources,
      weight: 15,
      scale: 10,
      guidance: '是否统筹政府、企业、社会等资源协同育人。',
    },
    { key: 'pairing', label: '南北结对/城乡结对', weight: 10, scale: 10, guidance: '是否体现南北结对、城乡结对的帮扶协作。' },
    {
      key: 'implemented',
      label: '已实施并取得成效',
      weight: 20,
      scale: 10,
      guidance: '已实施的案例优先；尚待实施的看可行性论证是否充分。',
    },
  ],
};

/** The ambassador track is scored on the person and the publicity, not on a case. */
export const defaultAmbassadorRubric: Rubric = {
  criteria: [
    { key: 'growth', label: '受助经历与成长', weight: 30, scale: 10, guidance: '受助后的成长与自强事迹是否真实、感人。' },
    { key: 'publicity', label: '宣传活动开展情况', weight: 40, scale: 10, guidance: '资助政策宣传活动的次数、覆盖面与受众人数。' },
    { key: 'influence', label: '示范带动作用', weight: 30, scale: 10, guidance: '在校内外的示范引领与带动效果。' },
  ],
};

export function defaultRubric(kind: 'case' | 'ambassador'): Rubric {
  return kind === 'ambassador' ? defaultAmbassadorRubric : defaultCaseRubric;
}

/** A track's rubric: its own, or the default for its kind. */
export function rubricOf(track: { kind: 'case' | 'ambassador'; rubric: Rubric | null }): Rubric {
  return track.rubric ?? defaultRubric(track.kind);
}

/** The weighted total on 0–100 (two decimals); null while any criterion is unscored. */
export function weightedTotal(r: Rubric, scores: Record<string, number | null | undefined>): number | null {
  let total = 0;
  for (const c of r.criteria) {
    const s = scores[c.key];
    if (s === null || s === undefined) return null;
    total += (s / c.scale) * c.weight;
  }
  return Math.round(total * 100) / 100;
}

export const decisionOutcomes = ['provincial', 'excellent', 'not_selected'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const decisionOutcomeLabels: Record<DecisionOutcome, string> = {
  provincial: '推荐省级',
  excellent: '学院优秀',
  not_selected: '未入选',
};

export const reviewerKinds = ['staff', 'external'] as const;
export type ReviewerKind = (typeof reviewerKinds)[number];
export const reviewerKindLabels: Record<ReviewerKind, string> = { staff: '学院专家', external: '校外专家' };

export const assignmentMethods = ['manual', 'xlsx', 'auto'] as const;
export type AssignmentMethod = (typeof assignmentMethods)[number];
export const assignmentMethodLabels: Record<AssignmentMethod, string> = { manual: '手工分配', xlsx: '表格导入', auto: '自动分配' };
