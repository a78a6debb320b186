import { countWords, type FormTemplate } from '../../../../contracts/form-template.ts';
import { piiKindLabels, type PiiKind } from '../../../../contracts/pii.ts';
import { priorityTagLabels, type PriorityTag } from '../../../../contracts/priorities.ts';
import { reasons, type ReasonCode } from '../../../../contracts/reasons.ts';
import type { SubmitProblem } from '../../../../contracts/submissions.ts';
import { formatShanghai } from '../../lib/shanghai-time.ts';
import { submitGateReasons, type SubmissionTarget } from '../../policies/submission-policy.ts';

/** Everything the submit check looks at, loaded beforehand (inside the submit transaction when it counts). */
export interface SubmitFacts {
  target: SubmissionTarget;
  trackKind: 'case' | 'ambassador';
  subtypeCount: number;
  subtypeId: number | null;
  template: FormTemplate;
  title: string;
  sections: Record<string, string>;
  implementation: 'implemented' | 'planned' | null;
  isCollective: boolean;
  collectiveLeaderName: string | null;
  priorityTags: { tag: string; justification: string }[];
  contactName: string | null;
  contactPhone: string | null;
  students: { name: string; studentNo: string; programme: string; grade: number; consentAt: string | null }[];
  /** Files per template slot key. */
  slotCounts: Record<string, number>;
  eligibility: { programme: string; grades: number[] } | null;
  /** Student numbers of this nomination already sent in by another submission of the campaign. */
  nomineeTakenElsewhere: string[];
  /** Null when the quota does not apply (a returned case keeps its place). */
  quota: { quota: number; usedByOthers: number } | null;
  /** The privacy check's findings nobody has acknowledged, where they are (masked). */
  pii: { field: string; where: string; kind: PiiKind; masked: string; inFile: boolean }[];
  /** Files whose privacy scan has not been recorded yet: never passed unchecked. */
  piiPending: { field: string; where: string }[];
}

const problem = (code: ReasonCode, field?: string, message?: string): SubmitProblem => ({
  code,
  message: message ?? reasons[code].message,
  ...(field ? { field } : {}),
});

/** The campaign setting `eligibility: { programme, grades }`, if well-formed. */
export function eligibilityOf(settings: unknown): { programme: string; grades: number[] } | null {
  const e = (settings as { eligibility?: { programme?: unknown; grades?: unknown } } | null)?.eligibility;
  if (!e || typeof e.programme !== 'string' || !Array.isArray(e.grades)) return null;
  return { programme: e.programme, grades: e.grades.filter((g): g is number => typeof g === 'number') };
}

/** Every reason the case cannot be submitted now, in the order the user should fix them. */
export function submitProblems(f: SubmitFacts, now: Date): SubmitProblem[] {
  const problems: SubmitProblem[] = [];
  const t = f.target;

  for (const code of submitGateReasons(t, now)) {
    if (code === 'deadline_passed' && t.submissionClosesAt) {
      problems.push(problem(code, undefined, `该类别的申报截止时间(${formatShanghai(t.submissionClosesAt)})已过,不能再提交。`));
    } else if (code === 'revision_deadline_passed') {
      const closes = t.revisionClosesAt ?? t.submissionClosesAt;
      problems.push(
        problem(code, undefined, `修改后重新提交的截止时间${closes ? `(${formatShanghai(closes)})` : ''}已过,请联系类别牵头人。`),
      );
    } else if (code === 'track_not_open' && t.opensAt && now < t.opensAt) {
      problems.push(problem(code, undefined, `该类别将于 ${formatShanghai(t.opensAt)} 开放申报,请届时再提交。`));
    } else {
      problems.push(problem(code));
    }
  }

  if (!f.title.trim()) problems.push(problem('title_missing', 'title'));
  if (f.trackKind === 'case' && f.subtypeCount > 0 && f.subtypeId === null) problems.push(problem('subtype_missing', 'subtypeId'));
  if (!f.contactName?.trim() || !f.contactPhone?.trim()) problems.push(problem('contact_missing', 'contact'));

  for (const section of f.template.sections) {
    const text = f.sections[section.key] ?? '';
    const words = countWords(text);
    if (!text.trim()) {
      if (section.required) problems.push(problem('section_missing', `sections.${section.key}`, `请填写“${section.title}”栏目。`));
      continue;
    }
    if (words < section.minWords) {
      problems.push(
        problem('word_limit', `sections.${section.key}`, `“${section.title}”至少 ${section.minWords} 字,现有 ${words} 字,请补充。`),
      );
    } else if (section.maxWords !== null && words > section.maxWords) {
      problems.push(
        problem('word_limit', `sections.${section.key}`, `“${section.title}”最多 ${section.maxWords} 字,现有 ${words} 字,请精简。`),
      );
    }
  }

  if (f.trackKind === 'case' && f.implementation === null) problems.push(problem('implementation_missing', 'implementation'));

  for (const slot of f.template.attachmentSlots) {
    if ((f.slotCounts[slot.key] ?? 0) > 0) continue;
    if (slot.required) {
      problems.push(problem('attachment_missing', `attachments.${slot.key}`, `请上传“${slot.label}”。`));
    } else if (slot.requiredWhenPlanned && f.implementation === 'planned') {
      problems.push(problem('feasibility_missing', `attachments.${slot.key}`, `尚待实施的案例须上传“${slot.label}”。`));
    }
  }

  if (f.trackKind === 'case') {
    if (f.isCollective && !f.collectiveLeaderName?.trim()) problems.push(problem('collective_leader_missing', 'collectiveLeaderName'));
    f.priorityTags.forEach((t, i) => {
      if (!t.justification.trim()) {
        const label = priorityTagLabels[t.tag as PriorityTag] ?? t.tag;
        problems.push(problem('tag_justification_missing', `priorityTags.${i}.justification`, `请为重点方向“${label}”填写简要说明。`));
      }
    });
  }

  if (f.trackKind === 'ambassador' && f.students.length !== 1) problems.push(problem('nominee_missing', 'students'));
  f.students.forEach((s, i) => {
    const e = f.eligibility;
    if (e && (s.programme !== e.programme || !e.grades.includes(s.grade))) {
      problems.push(
        problem(
          'student_ineligible',
          `students.${i}`,
          `学生“${s.name}”(${s.programme}${s.grade}年级)不在活动对象范围内:须为${e.programme}${e.grades.join('、')}年级学生。`,
        ),
      );
    }
    if (!s.consentAt) {
      problems.push(
        problem('consent_missing', `students.${i}.consentAt`, `学生“${s.name}”尚未记录同意公开宣传的日期,请取得本人同意后填写。`),
      );
    }
  });
  for (const p of f.pii) {
    const fix = p.inFile ? '请修改文件后重新上传(先删除原文件)' : '请删除或改写';
    problems.push(
      problem(
        'pii_found',
        p.field,
        `${p.where}中有${piiKindLabels[p.kind]}“${p.masked}”:${fix};如确需保留,请在“隐私检查”中说明原因并确认无误。`,
      ),
    );
  }
  for (const p of f.piiPending) {
    problems.push(
      problem('pii_scan_pending', p.field, `${p.where}的隐私检查尚未完成,请稍候几秒再提交;如一直未完成,请删除该附件后重新上传。`),
    );
  }
  for (const no of f.nomineeTakenElsewhere) {
    const s = f.students.find((x) => x.studentNo === no);
    problems.push(
      problem('nominee_duplicate', 'students', `学生“${s?.name ?? no}”(学号 ${no})已在本次活动中被推荐为宣传大使,同一学生只能推荐一次。`),
    );
  }

  if (f.quota && f.quota.usedByOthers >= f.quota.quota) {
    problems.push(
      problem(
        'quota_full',
        undefined,
        `本单位在该类别的推荐名额(${f.quota.quota} 项)已用完。请撤回一项已提交的申报腾出名额,或取消本项推荐。`,
      ),
    );
  }
  return problems;
}
