import { z } from 'zod';
import { pairingKinds, regions, unitKinds, type PairingKind, type Region, type UnitKind } from './regions.ts';
import { optionalText, pageQuery } from './common.ts';

export const unitFields = {
  code: z
    .string()
    .trim()
    .min(1, '请输入单位代码')
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/, '单位代码只能包含字母、数字、下划线和连字符'),
  name: z.string().trim().min(2, '请输入单位名称').max(60),
  kind: z.enum(unitKinds),
  city: z.string().trim().min(1, '请选择所在城市'),
  address: optionalText(z.string().trim().max(200)),
};

export const createUnitInput = z.object(unitFields);
export type CreateUnitInput = z.infer<typeof createUnitInput>;
export const updateUnitInput = z.object(unitFields).partial();
export type UpdateUnitInput = z.infer<typeof updateUnitInput>;

export const listUnitsQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  region: z.enum(regions).optional(),
  kind: z.enum(unitKinds).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;

export interface UnitDto {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  city: string;
  region: Region | null;
  address: string | null;
  userCount: number;
  abilities: { update: boolean };
}

export const createPairingInput = z.object({
  kind: z.enum(pairingKinds),
  unitAId: z.number().int().positive(),
  unitBId: z.number().int().positive(),
  startedOn: optionalText(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')),
  note: optionalText(z.string().trim().max(500)),
});
export type CreatePairingInput = z.infer<typeof createPairingInput>;

export interface PairingDto {
  id: number;
  kind: PairingKind;
  unitA: { id: number; name: string; region: Region | null };
  unitB: { id: number; name: string; region: Region | null };
  startedOn: string | null;
  note: string | null;
  abilities: { delete: boolean };
}
