import { z } from 'zod';

/**
 * A track's form is data, not code: the notice's attachments 1–4 (which fix
 * sections, word limits and required files) are not available, so the
 * institute admin edits these; the defaults below are a sensible start.
 */
export const templateSection = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/, '栏目代码只能包含小写字母、数字和下划线'),
    title: z.string().trim().min(1, '请填写栏目标题').max(40),
    guidance: z.string().trim().max(500).default(''),
    required: z.boolean().default(true),
    minWords: z.number().int().min(0).max(20_000).default(0),
    maxWords: z.number().int().min(1).max(50_000).nullable().default(null),
  })
  .refine((s) => s.maxWords === null || s.maxWords >= s.minWords, { message: '字数上限不能小于下限', path: ['maxWords'] });
export type TemplateSection = z.infer<typeof templateSection>;

/** File kinds a slot may accept, decided by content sniffing on upload. */
export const fileKinds = ['docx', 'pdf', 'xlsx', 'jpg', 'png', 'mp4', 'zip'] as const;
export type FileKind = (typeof fileKinds)[number];
export const fileKindLabels: Record<FileKind, string> = {
  docx: 'Word(.docx)',
  pdf: 'PDF',
  xlsx: 'Excel(.xlsx)',
  jpg: 'JPEG 图片',
  png: 'PNG 图片',
  mp4: 'MP4 视频',
  zip: 'ZIP 压缩包',
};

export const attachmentSlot = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, '附件代码只能包含小写字母、数字和下划线'),
  label: z.string().trim().min(1, '请填写附件名称').max(40),
  guidance: z.string().trim().max(300).default(''),
  required: z.boolean().default(false),
  /** Required only when the case is marked 尚待实施 (the 可行性论证). */
  requiredWhenPlanned: z.boolean().default(false),
  accept: z.array(z.enum(fileKinds)).min(1, '请至少选择一种文件类型'),
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024),
  maxFiles: z.number().int().min(1).max(20).default(1),
});
export type AttachmentSlot = z.infer<typeof attachmentSlot>;

export const formTemplate = z.object({
  sections: z.array(templateSection).max(20),
  attachmentSlots: z.array(attachmentSlot).max(20),
});
export type FormTemplate = z.infer<typeof formTemplate>;

const MB = 1024 * 1024;

/** Counts words the way Chinese forms do: each CJK character is a word, each Latin word or number is one. */
export function countWords(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const latin = text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, ' ').match(/[A-Za-z0-9]+(?:[.'-][A-Za-z0-9]+)*/g)?.length ?? 0;
  return cjk + latin;
}

const caseSections = (practiceGuidance: string): TemplateSection[] => [
  {
    key: 'background',
    title: '案例背景',
    guidance: '学生或项目面临的现实困境、工作起点与目标。',
    required: true,
    minWords: 300,
    maxWords: 1500,
  },
  { key: 'practice', title: '主要做法', guidance: practiceGuidance, required: true, minWords: 800, maxWords: 4000 },
  {
    key: 'outcomes',
    title: '实施成效',
    guidance: '可量化的成效与典型事例;尚待实施的案例写预期成效。',
    required: true,
    minWords: 300,
    maxWords: 2000,
  },
  { key: 'lessons', title: '经验与启示', guidance: '可推广、可借鉴之处。', required: true, minWords: 200, maxWords: 1500 },
];

const caseSlots: AttachmentSlot[] = [
  {
    key: 'case_document',
    label: '案例全文',
    guidance: '按报送要求排版的案例 Word 或 PDF 文件。',
    required: true,
    requiredWhenPlanned: false,
    accept: ['docx', 'pdf'],
    maxBytes: 20 * MB,
    maxFiles: 1,
  },
  {
    key: 'feasibility',
    label: '可行性论证',
    guidance: '尚待实施的案例必须提供。',
    required: false,
    requiredWhenPlanned: true,
    accept: ['docx', 'pdf'],
    maxBytes: 20 * MB,
    maxFiles: 1,
  },
  {
    key: 'evidence',
    label: '佐证材料',
    guidance: '照片、制度文件、报道等。',
    required: false,
    requiredWhenPlanned: false,
    accept: ['docx', 'pdf', 'jpg', 'png', 'zip'],
    maxBytes: 50 * MB,
    maxFiles: 10,
  },
];

/** Default templates by track code (FZ, SY, YX, DS as in the 2024 notice). */
export const defaultFormTemplates: Record<string, FormTemplate> = {
  FZ: {
    sections: caseSections('制度、项目或导师团队的具体做法,体现发展型资助(心理、学业、社团、就业等结合)。'),
    attachmentSlots: caseSlots,
  },
  SY: { sections: caseSections('帮助学生认识自我、认识社会、形成合理生涯发展意向的做法。'), attachmentSlots: caseSlots },
  YX: { sections: caseSections('综合实践、研究性学习、勤工助学、社会服务、研学旅行等活动的组织与实施。'), attachmentSlots: caseSlots },
  DS: {
    sections: [
      { key: 'profile', title: '个人简介', guidance: '学习、生活与成长概况。', required: true, minWords: 200, maxWords: 800 },
      {
        key: 'growth',
        title: '受助经历与成长',
        guidance: '受资助经历及自强成长的故事(须本人同意公开)。',
        required: true,
        minWords: 500,
        maxWords: 2000,
      },
      {
        key: 'publicity',
        title: '宣传活动计划/记录',
        guidance: '已开展或计划开展的“资助政策我来说/乡村行/进社区/母校行”等活动。',
        required: true,
        minWords: 200,
        maxWords: 2000,
      },
    ],
    attachmentSlots: [
      {
        key: 'photo',
        label: '个人照片',
        guidance: '近期正面照片。',
        required: true,
        requiredWhenPlanned: false,
        accept: ['jpg', 'png'],
        maxBytes: 10 * MB,
        maxFiles: 1,
      },
      {
        key: 'recommendation',
        label: '推荐表',
        guidance: '',
        required: true,
        requiredWhenPlanned: false,
        accept: ['docx', 'pdf'],
        maxBytes: 20 * MB,
        maxFiles: 1,
      },
      {
        key: 'evidence',
        label: '宣传活动佐证',
        guidance: '活动照片、新闻报道等。',
        required: false,
        requiredWhenPlanned: false,
        accept: ['jpg', 'png', 'pdf', 'docx', 'mp4', 'zip'],
        maxBytes: 100 * MB,
        maxFiles: 10,
      },
    ],
  },
};

export function defaultFormTemplate(trackCode: string, kind: 'case' | 'ambassador'): FormTemplate {
  return defaultFormTemplates[trackCode] ?? (kind === 'ambassador' ? defaultFormTemplates.DS! : defaultFormTemplates.FZ!);
}
