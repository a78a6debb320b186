import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Chinese mainland mobile number. */
export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

/** Optional text field: empty string from a form means "not given". */
export function optionalText<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? null : v), schema.nullable().optional());
}
