import {
  countWorkingDays,
  type NoticeDto,
  type NoticeEntryDto,
  type NoticeState,
  type NoticeSummaryDto,
  type ObjectionDto,
} from '../../../../contracts/identifications.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotArchiveNotice,
  whyNotManageNotice,
  whyNotObject,
  whyNotResolveObjection,
  type NoticeViewer,
} from '../../policies/identification-policy.ts';
import { noticeTarget } from './notices.commands.ts';
import type { NoticeRow, ObjectionRow, listNoticeEntries } from './notices.repository.ts';

export function noticeStateOf(row: NoticeRow, today: string): NoticeState {
  if (row.archived_at) return 'archived';
  if (today < row.starts_on) return 'scheduled';
  return today > row.ends_on ? 'ended' : 'running';
}

export function presentNoticeSummary(actor: Actor, row: NoticeRow, viewer: NoticeViewer, today: string): NoticeSummaryDto {
  const target = noticeTarget(row);
  const manager = whyNotManageNotice(actor, row.unit_id) === null;
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    schoolYear: row.school_year,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    workingDays: countWorkingDays(row.starts_on, row.ends_on),
    state: noticeStateOf(row, today),
    entryCount: Number(row.entry_count),
    openObjections: manager ? target.openObjections : null,
    abilities: {
      object: ability(whyNotObject(actor, target, viewer, today)),
      archive: ability(whyNotArchiveNotice(actor, target, today)),
      manage: ability(whyNotManageNotice(actor, row.unit_id)),
    },
  };
}

/** A row of the public list: these six fields and nothing else (no level, no 学号, no ID). */
export function presentNoticeEntry(e: Awaited<ReturnType<typeof listNoticeEntries>>[number]): NoticeEntryDto {
  return {
    name: e.name,
    unitName: e.unit_name,
    department: e.department,
    programme: e.programme,
    grade: e.grade,
    className: e.class_name,
  };
}

export function presentNotice(
  actor: Actor,
  row: NoticeRow,
  viewer: NoticeViewer,
  today: string,
  entries: Awaited<ReturnType<typeof listNoticeEntries>>,
): NoticeDto {
  return { ...presentNoticeSummary(actor, row, viewer, today), entries: entries.map(presentNoticeEntry) };
}

export function presentObjection(actor: Actor, notice: NoticeRow, o: ObjectionRow): ObjectionDto {
  return {
    id: o.id,
    text: o.text,
    entry: o.entry_no !== null && o.entry_name ? { no: o.entry_no, name: o.entry_name, className: o.entry_class_name } : null,
    lodgedBy: o.lodged_by !== null && o.lodged_by_name ? { id: o.lodged_by, displayName: o.lodged_by_name } : null,
    lodgedAt: o.lodged_at.toISOString(),
    resolution:
      o.resolved_at && o.outcome && o.resolution_note
        ? {
            outcome: o.outcome,
            note: o.resolution_note,
            by: o.resolved_by !== null && o.resolved_by_name ? { id: o.resolved_by, displayName: o.resolved_by_name } : null,
            at: o.resolved_at.toISOString(),
          }
        : null,
    abilities: { resolve: ability(whyNotResolveObjection(actor, noticeTarget(notice), { resolved: o.resolved_at !== null })) },
  };
}
