import type { PairingDto, UnitDto } from '../../../../contracts/units.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotManagePairings, whyNotManageUnits } from '../../policies/unit-policy.ts';
import type { PairingListRow, UnitListRow } from './units.repository.ts';

export function presentUnit(actor: Actor, row: UnitListRow): UnitDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    city: row.city,
    region: row.region,
    address: row.address,
    userCount: Number(row.user_count),
    abilities: { update: whyNotManageUnits(actor) === null },
  };
}

export function presentPairing(actor: Actor, row: PairingListRow): PairingDto {
  return {
    id: row.id,
    kind: row.kind,
    unitA: { id: row.a_id, name: row.a_name, region: row.a_region },
    unitB: { id: row.b_id, name: row.b_name, region: row.b_region },
    startedOn: row.started_on,
    note: row.note,
    abilities: { delete: whyNotManagePairings(actor) === null },
  };
}
