import { sensitiveFields, type SensitiveField } from '../../../contracts/students.ts';
import type { Keyring } from './keyring.ts';
import { maskers } from './masking.ts';

/** Column stem of each sensitive field: `<stem>_sealed` holds the ciphertext, `<stem>_masked` the display form. */
export const sensitiveColumn = {
  idNumber: 'id_number',
  phone: 'phone',
  address: 'address',
  birthDate: 'birth_date',
  bankCard: 'bank_card',
} as const satisfies Record<SensitiveField, string>;

type Stem = (typeof sensitiveColumn)[SensitiveField];
export type SealedColumns = { [K in `${Stem}_sealed` | `${Stem}_masked`]?: string | null };
export type MaskedColumns = { [K in `${Stem}_masked`]: string | null };

/** The additional authenticated data of a field: a value sealed for one column never opens in another. */
const aad = (field: SensitiveField) => `students.${sensitiveColumn[field]}`;

/**
 * Sealed + masked columns for the fields given: undefined leaves a field as it
 * is, null or '' clears it. Plain values never reach the database.
 */
export function sealSensitive(keyring: Keyring, values: Partial<Record<SensitiveField, string | null | undefined>>): SealedColumns {
  const columns: SealedColumns = {};
  for (const field of sensitiveFields) {
    const value = values[field];
    if (value === undefined) continue;
    const stem = sensitiveColumn[field];
    const plain = value?.trim() || null;
    columns[`${stem}_sealed`] = plain === null ? null : keyring.seal(aad(field), plain);
    columns[`${stem}_masked`] = plain === null ? null : maskers[field](plain);
  }
  return columns;
}

export function maskedOf(row: MaskedColumns): Record<SensitiveField, string | null> {
  return {
    idNumber: row.id_number_masked,
    phone: row.phone_masked,
    address: row.address_masked,
    birthDate: row.birth_date_masked,
    bankCard: row.bank_card_masked,
  };
}

export function openSensitive(keyring: Keyring, field: SensitiveField, sealed: string | null): string | null {
  return sealed === null ? null : keyring.open(aad(field), sealed);
}

/** Every sealed column in the database, for key rotation. Add new ones here. */
export const sealedColumnsByTable = {
  students: sensitiveFields.map((field) => ({ field, column: `${sensitiveColumn[field]}_sealed` as const, aad: aad(field) })),
  // A roster upload's file key and its first rows, kept only until the import ends (modules/roster).
  roster_imports: [
    { column: 'file_secret_sealed', aad: 'roster_imports.file_secret' },
    { column: 'head_sealed', aad: 'roster_imports.head' },
  ],
};
