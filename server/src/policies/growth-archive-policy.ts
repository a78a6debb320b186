import type { ArchiveEntryKind } from '../../../contracts/growth-archive.ts';
import type { ReasonCode } from '../../../contracts/reasons.ts';
import { hasRole, type Actor } from './actor.ts';
import { whyNotViewStudent, type StudentTarget } from './student-policy.ts';

/**
 * Who writes a student's growth archive (资助成长档案). Reading it is seeing the
 * student (whyNotViewStudent). Writing:
 * - the unit's aid officer: every kind, for any student of the unit;
 * - a class teacher or mentor: development activities, notes and goals for their own
 *   students. Aid received and rewards are the aid officer's: they decide who counts as
 *   aided, and the statistics table sums their amounts.
 * Nobody else writes: not the unit leader, not the institute.
 */
export const teacherArchiveKinds: readonly ArchiveEntryKind[] = ['activity', 'note', 'goal'];

const isOfficerOf = (actor: Actor, unitId: number) => actor.unitId === unitId && hasRole(actor, 'unit_officer');

export function whyNotWriteArchive(actor: Actor, s: StudentTarget, kind: ArchiveEntryKind): ReasonCode | null {
  const view = whyNotViewStudent(actor, s);
  if (view) return view;
  if (isOfficerOf(actor, s.unitId)) return null;
  if (hasRole(actor, 'mentor') && s.ownStudent && actor.unitId === s.unitId) {
    return teacherArchiveKinds.includes(kind) ? null : 'archive_kind_officer_only';
  }
  return 'not_archive_writer';
}

/** The facts about one entry the rules look at. */
export interface ArchiveEntryTarget {
  kind: ArchiveEntryKind;
  createdBy: number | null;
  /** Given under the unit's reward scheme: changed there, not here. */
  fromAward: boolean;
}

/** Changing or removing an entry: a teacher only their own; the officer any; awards only through the registry. */
export function whyNotEditArchiveEntry(actor: Actor, s: StudentTarget, e: ArchiveEntryTarget): ReasonCode | null {
  const write = whyNotWriteArchive(actor, s, e.kind);
  if (write) return write;
  if (e.fromAward) return 'archive_entry_from_award';
  if (isOfficerOf(actor, s.unitId)) return null;
  return e.createdBy === actor.id ? null : 'not_own_archive_entry';
}

/** The printable archive: whoever may see the student (the document masks the sensitive fields). */
export function whyNotExportArchive(actor: Actor, s: StudentTarget): ReasonCode | null {
  return whyNotViewStudent(actor, s);
}
