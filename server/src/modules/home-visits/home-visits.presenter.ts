import type { HomeVisitDto, HomeVisitListItem, VisitPrivacyWarning } from '../../../../contracts/home-visits.ts';
import { scanText } from '../../lib/pii/scan.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import { whyNotCompleteHomeVisit, whyNotDeleteHomeVisit, whyNotEditHomeVisit } from '../../policies/home-visit-policy.ts';
import { visitTarget } from './home-visits.commands.ts';
import type { HomeVisitRow, VisitPhotoRow } from './home-visits.repository.ts';
import { presentStudentBrief } from './student-brief.ts';

export function presentHomeVisitListItem(row: HomeVisitRow): HomeVisitListItem {
  return {
    id: row.id,
    student: presentStudentBrief(row),
    status: row.completed_at ? 'completed' : 'draft',
    visitedOn: row.visited_on,
    schoolYear: row.school_year,
    mode: row.mode,
    visitors: row.visitors,
    photoCount: Number(row.photo_count),
    createdBy: { id: row.created_by, displayName: row.created_by_name },
    completedAt: row.completed_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Free text is scanned for ID numbers, phones, bank cards…: findings come back masked, as a warning. */
function privacyWarnings(row: HomeVisitRow): VisitPrivacyWarning[] {
  return [
    ...scanText(row.findings).map((finding) => ({ field: 'findings' as const, finding })),
    ...scanText(row.household.note ?? '').map((finding) => ({ field: 'household.note' as const, finding })),
  ];
}

export function presentHomeVisit(actor: Actor, row: HomeVisitRow, photos: VisitPhotoRow[]): HomeVisitDto {
  const target = visitTarget(row);
  return {
    ...presentHomeVisitListItem(row),
    household: row.household,
    findings: row.findings,
    revision: row.revision,
    photos: photos.map((p) => ({
      id: p.id,
      name: p.original_name,
      sizeBytes: Number(p.size_bytes),
      uploadedAt: p.created_at.toISOString(),
      url: `/api/home-visits/${row.id}/photos/${p.id}`,
    })),
    privacyWarnings: privacyWarnings(row),
    abilities: {
      edit: ability(whyNotEditHomeVisit(actor, target)),
      complete: ability(whyNotCompleteHomeVisit(actor, target)),
      delete: ability(whyNotDeleteHomeVisit(actor, target)),
    },
  };
}
