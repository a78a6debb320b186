import { piiKindLabels } from '../../../../contracts/pii.ts';
import { AppError } from '../../errors.ts';
import { scanText } from '../../lib/pii/scan.ts';

/**
 * Free text of archive entries and registries (notes, goals, minutes…) is kept
 * in plain text, so it may not hold an ID number, a phone or bank-card number, a
 * birth date or a home address: those live encrypted on the student's record.
 * Refuses the whole write, naming each field and what was found (masked).
 */
export function ensureNoPii(fields: Record<string, string | null | undefined>): void {
  const issues: { path: string; message: string }[] = [];
  const findings: { field: string; kind: string; masked: string; excerpt: string }[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    for (const f of scanText(value)) {
      findings.push({ field, kind: f.kind, masked: f.masked, excerpt: f.excerpt });
      issues.push({ path: field, message: `含有${piiKindLabels[f.kind]}(${f.masked}),请删除后再保存` });
    }
  }
  if (findings.length) throw new AppError('text_contains_pii', { issues, details: { findings } });
}
