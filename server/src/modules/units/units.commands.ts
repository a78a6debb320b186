import { regionOfCity } from '../../../../contracts/regions.ts';
import type { CreatePairingInput, CreateUnitInput, UpdateUnitInput } from '../../../../contracts/units.ts';
import type { Db } from '../../db/database.ts';
import { AppError, ensure, found, uniqueViolation } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotManagePairings, whyNotManageUnits } from '../../policies/unit-policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repository.ts';
import { deletePairing, findPairingById, findUnitById, insertPairing, insertUnit, updateUnit } from './units.repository.ts';

const uniqueReasons = { units_code_key: 'unit_code_taken', units_name_key: 'unit_name_taken' } as const;

function checkCity(city: string | undefined): void {
  if (city !== undefined && regionOfCity(city) === null) throw new AppError('unknown_city');
}

export async function createUnit(db: Db, actor: Actor, input: CreateUnitInput, audit: AuditContext) {
  ensure(whyNotManageUnits(actor));
  checkCity(input.city);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertUnit(trx, {
        code: input.code,
        name: input.name,
        kind: input.kind,
        city: input.city,
        address: input.address ?? null,
      });
      await recordAudit(trx, audit, { action: 'unit.created', entityType: 'unit', entityId: id, summary: { after: { ...input } } });
      return id;
    });
    return found(await findUnitById(db, id));
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
}

export async function updateUnitDetails(db: Db, actor: Actor, id: number, input: UpdateUnitInput, audit: AuditContext) {
  ensure(whyNotManageUnits(actor));
  const before = found(await findUnitById(db, id));
  checkCity(input.city);
  try {
    await db.transaction().execute(async (trx) => {
      await updateUnit(trx, id, { ...input });
      await recordAudit(trx, audit, {
        action: 'unit.updated',
        entityType: 'unit',
        entityId: id,
        summary: {
          before: { code: before.code, name: before.name, kind: before.kind, city: before.city, address: before.address },
          after: { ...input },
        },
      });
    });
  } catch (error) {
    throw uniqueViolation(error, uniqueReasons) ?? error;
  }
  return found(await findUnitById(db, id));
}

export async function createPairing(db: Db, actor: Actor, input: CreatePairingInput, audit: AuditContext) {
  ensure(whyNotManagePairings(actor));
  if (input.unitAId === input.unitBId) throw new AppError('pairing_same_unit');
  const a = found(await findUnitById(db, input.unitAId));
  const b = found(await findUnitById(db, input.unitBId));
  if (input.kind === 'north_south') {
    const pair = new Set([a.region, b.region]);
    if (!(pair.has('south') && pair.has('north'))) throw new AppError('pairing_not_north_south');
  }
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertPairing(trx, {
        kind: input.kind,
        unit_a_id: a.id,
        unit_b_id: b.id,
        started_on: input.startedOn ?? null,
        note: input.note ?? null,
      });
      await recordAudit(trx, audit, {
        action: 'pairing.created',
        entityType: 'pairing',
        entityId: id,
        summary: { after: { kind: input.kind, unitA: a.name, unitB: b.name } },
      });
      return id;
    });
    return found(await findPairingById(db, id));
  } catch (error) {
    throw uniqueViolation(error, { unit_pairings_pair_key: 'pairing_exists' }) ?? error;
  }
}

export async function removePairing(db: Db, actor: Actor, id: number, audit: AuditContext): Promise<void> {
  ensure(whyNotManagePairings(actor));
  const pairing = found(await findPairingById(db, id));
  await db.transaction().execute(async (trx) => {
    await deletePairing(trx, id);
    await recordAudit(trx, audit, {
      action: 'pairing.deleted',
      entityType: 'pairing',
      entityId: id,
      summary: { before: { kind: pairing.kind, unitA: pairing.a_name, unitB: pairing.b_name } },
    });
  });
}
