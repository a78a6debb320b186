import { z } from 'zod';

/**
 * What the PII scanner looks for in free text and attachment text (product.md,
 * "Privacy rules"): before anything goes upward, findings must be fixed or
 * explicitly acknowledged with a reason.
 */
export const piiKinds = ['id_number', 'mobile', 'bank_card', 'birth_date', 'address'] as const;
export type PiiKind = (typeof piiKinds)[number];
export const piiKindLabels: Record<PiiKind, string> = {
  id_number: '身份证号',
  mobile: '手机号码',
  bank_card: '银行卡号',
  birth_date: '出生日期',
  address: '住址',
};

/** A fingerprint: hex of SHA-256 over kind + normalised value (first 32 characters). */
export const piiFingerprint = z.string().regex(/^[a-f0-9]{32}$/, '无效的检测结果标识');

/** One thing the scanner found; never carries the value in clear. */
export const piiFinding = z.object({
  kind: z.enum(piiKinds),
  /** The match masked (3201**********1234), with a few characters of the text around it. */
  excerpt: z.string(),
  /** The match alone, masked. */
  masked: z.string(),
  /** UTF-16 offsets of the match in the scanned text. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** Stable across re-scans and edits elsewhere: an acknowledgement is keyed by it. */
  fingerprint: piiFingerprint,
});
export type PiiFinding = z.infer<typeof piiFinding>;

// ---- on a submission ----

export const acknowledgePiiInput = z.object({
  fingerprint: piiFingerprint,
  reason: z.string().trim().min(2, '请说明保留的原因(至少 2 个字)').max(200, '原因最多 200 字'),
});
export type AcknowledgePiiInput = z.infer<typeof acknowledgePiiInput>;

/** Why an attachment's text could not be checked automatically: a person has to look. */
export const uncheckedReasons = ['image', 'no_text', 'unsupported', 'unreadable', 'too_large'] as const;
export type UncheckedReason = (typeof uncheckedReasons)[number];
export const uncheckedReasonLabels: Record<UncheckedReason, string> = {
  image: '图片无法自动检测,请人工确认',
  no_text: '文件中没有可识别的文字(可能是扫描件),无法自动检测,请人工确认',
  unsupported: '该类型文件无法自动检测,请人工确认',
  unreadable: '文件内容无法读取,无法自动检测,请人工确认',
  too_large: '文件过大,未自动检测,请人工确认',
};

export interface PiiAcknowledgementDto {
  id: number;
  reason: string;
  by: { id: number; displayName: string } | null;
  at: string;
}

/** A finding where it is in the case: a field of the form or an attachment. */
export interface SubmissionPiiFindingDto {
  fingerprint: string;
  kind: PiiKind;
  excerpt: string;
  masked: string;
  /** Where, in words: “主要做法”栏目, 附件“案例全文.docx”. */
  where: string;
  /** The form field it belongs to: 'title', 'sections.practice', 'priorityTags.0.justification', 'attachments.case_document', 'activities.12'. */
  field: string;
  /** For an attachment finding: the stored file. */
  fileId: number | null;
  acknowledgement: PiiAcknowledgementDto | null;
}

/** The case's privacy check: what the scanner found, and which files a person must check by hand. */
export interface SubmissionPrivacyDto {
  findings: SubmissionPiiFindingDto[];
  unchecked: { fileId: number; name: string; where: string; field: string; reason: UncheckedReason }[];
}
