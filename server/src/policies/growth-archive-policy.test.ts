import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../../contracts/reasons.ts';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import { whyNotEditArchiveEntry, whyNotWriteArchive } from './growth-archive-policy.ts';
import { whyNotEditRegistries, whyNotViewRegistries } from './registry-policy.ts';

const UNIT = 10;
const ME = 1;
function actor(roles: Role[], unitId: number | null = UNIT): Actor {
  return { id: ME, username: 'u', displayName: '用户', unitId, roles: new Set(roles), mustChangePassword: false };
}
const own = { unitId: UNIT, ownStudent: true };
const notOwn = { unitId: UNIT, ownStudent: false };
const otherUnit = { unitId: 20, ownStudent: false };

describe('whyNotWriteArchive', () => {
  const cases: [string, Actor, typeof own, 'aid' | 'note', ReasonCode | null][] = [
    ['officer, aid', actor(['unit_officer']), notOwn, 'aid', null],
    ['officer, other unit', actor(['unit_officer']), otherUnit, 'note', 'not_own_unit'],
    ['teacher, own student, note', actor(['mentor']), own, 'note', null],
    ['teacher, own student, aid', actor(['mentor']), own, 'aid', 'archive_kind_officer_only'],
    ['teacher, other class', actor(['mentor']), notOwn, 'note', 'not_own_student'],
    ['leader', actor(['unit_leader']), notOwn, 'note', 'not_archive_writer'],
    ['leader who also teaches the class', actor(['unit_leader', 'mentor']), own, 'note', null],
    ['institute admin', actor(['institute_admin'], null), notOwn, 'note', 'not_archive_writer'],
    ['reviewer', actor(['reviewer'], null), own, 'note', 'student_records_forbidden'],
    ['coordinator', actor(['track_coordinator']), own, 'note', 'student_records_forbidden'],
  ];
  it.each(cases)('%s', (_, a, s, kind, expected) => expect(whyNotWriteArchive(a, s, kind)).toBe(expected));
});

describe('whyNotEditArchiveEntry', () => {
  it('lets a teacher change only their own entries, the officer any, and nobody an award’s entry', () => {
    const mine = { kind: 'note' as const, createdBy: ME, fromAward: false };
    const theirs = { ...mine, createdBy: 99 };
    expect(whyNotEditArchiveEntry(actor(['mentor']), own, mine)).toBeNull();
    expect(whyNotEditArchiveEntry(actor(['mentor']), own, theirs)).toBe('not_own_archive_entry');
    expect(whyNotEditArchiveEntry(actor(['unit_officer']), notOwn, theirs)).toBeNull();
    expect(whyNotEditArchiveEntry(actor(['unit_officer']), notOwn, { kind: 'reward', createdBy: ME, fromAward: true })).toBe(
      'archive_entry_from_award',
    );
  });
});

describe('registries', () => {
  const cases: [string, Actor, number | null, ReasonCode | null, ReasonCode | null][] = [
    ['officer, own unit', actor(['unit_officer']), UNIT, null, null],
    ['officer, other unit', actor(['unit_officer']), 20, 'not_own_unit', 'not_own_unit'],
    ['leader', actor(['unit_leader']), UNIT, null, 'not_registry_keeper'],
    ['teacher', actor(['mentor']), UNIT, null, 'not_registry_keeper'],
    ['institute admin', actor(['institute_admin'], null), UNIT, null, 'not_registry_keeper'],
    ['coordinator', actor(['track_coordinator']), UNIT, 'registries_forbidden', 'registries_forbidden'],
    ['reviewer', actor(['reviewer'], null), UNIT, 'registries_forbidden', 'registries_forbidden'],
  ];
  it.each(cases)('%s', (_, a, unit, view, edit) => {
    expect(whyNotViewRegistries(a, unit)).toBe(view);
    expect(whyNotEditRegistries(a, unit)).toBe(edit);
  });
});
