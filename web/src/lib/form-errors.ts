import type { FormInstance } from 'antd';
import type { ZodType } from 'zod';
import { isApiError } from './api-client.ts';

/**
 * Puts the server's field issues onto the open form. Returns true when at
 * least one issue matched a field of the form.
 */
export function applyIssuesToForm(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || error.issues.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (!known.has(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}

/**
 * Shows a server refusal on the open form: field issues on their fields, and a
 * refusal whose reason belongs to one field (e.g. username_taken) under that
 * field. Returns false when nothing on the form could show it.
 */
export function applyErrorToForm(form: FormInstance, error: unknown, fieldOfCode: Partial<Record<string, string>> = {}): boolean {
  if (applyIssuesToForm(form, error)) return true;
  const field = isApiError(error) ? fieldOfCode[error.code] : undefined;
  if (!field || !isApiError(error)) return false;
  form.setFields([{ name: field, errors: [error.message] }]);
  return true;
}

/**
 * An antd Form rule that validates one field with a zod schema (the same
 * schema the server uses), so messages are identical on both sides.
 */
export function zodRule(schema: ZodType) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写的内容有误');
    },
  };
}
