import type { IdentificationDetail, IdentificationDto, LevelDto } from '../../../../contracts/identifications.ts';
import { scanText } from '../../lib/pii/scan.ts';
import { ability } from '../../policies/ability.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  whyNotAdjustLevel,
  whyNotAppraise,
  whyNotConfirmIdentification,
  whyNotLinkVisit,
  whyNotProposeLevel,
  whyNotRejectIdentification,
  whyNotReturnIdentification,
} from '../../policies/identification-policy.ts';
import { presentStudentBrief } from '../home-visits/student-brief.ts';
import { identificationTarget } from './identifications.commands.ts';
import type { IdentificationRow, LevelRow, listIdentificationEvents } from './identifications.repository.ts';

const level = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

export function presentIdentification(actor: Actor, row: IdentificationRow): IdentificationDto {
  const target = identificationTarget(row);
  return {
    id: row.id,
    student: presentStudentBrief(row),
    schoolYear: row.school_year,
    status: row.status,
    application: {
      pledgeSignedOn: row.pledge_signed_on,
      statedSituation: row.stated_situation,
      requestedLevel: level(row.requested_level_id, row.requested_level_name),
      appliedBy: row.applied_by !== null && row.applied_by_name ? { id: row.applied_by, displayName: row.applied_by_name } : null,
      appliedAt: row.applied_at.toISOString(),
    },
    visit:
      row.home_visit_id !== null && row.visit_visited_on && row.visit_mode
        ? { id: row.home_visit_id, visitedOn: row.visit_visited_on, mode: row.visit_mode, visitors: row.visit_visitors ?? [] }
        : null,
    hasCompletedVisit: target.hasCompletedVisit,
    appraisal:
      row.appraisal_result && row.appraised_on
        ? {
            result: row.appraisal_result,
            suggestedLevel: level(row.appraisal_level_id, row.appraisal_level_name),
            appraisedOn: row.appraised_on,
            note: row.appraisal_note,
          }
        : null,
    review: row.reviewed_at
      ? {
          proposedLevel: level(row.proposed_level_id, row.proposed_level_name),
          reason: row.review_reason,
          at: row.reviewed_at.toISOString(),
        }
      : null,
    recheck: row.rechecked_at ? { at: row.rechecked_at.toISOString() } : null,
    returned:
      row.status === 'appraised' && row.returned_at && row.return_reason
        ? { at: row.returned_at.toISOString(), reason: row.return_reason }
        : null,
    level: level(row.level_id, row.level_name),
    notice:
      row.notice_id !== null && row.notice_starts_on && row.notice_ends_on
        ? { id: row.notice_id, startsOn: row.notice_starts_on, endsOn: row.notice_ends_on }
        : null,
    archivedAt: row.archived_at?.toISOString() ?? null,
    revoked: row.revoked_at ? { at: row.revoked_at.toISOString(), reason: row.revoke_reason } : null,
    updatedAt: row.updated_at.toISOString(),
    abilities: {
      linkVisit: ability(whyNotLinkVisit(actor, target)),
      appraise: ability(whyNotAppraise(actor, target)),
      propose: ability(whyNotProposeLevel(actor, target)),
      reject: ability(whyNotRejectIdentification(actor, target)),
      confirm: ability(whyNotConfirmIdentification(actor, target)),
      return: ability(whyNotReturnIdentification(actor, target)),
      adjust: ability(whyNotAdjustLevel(actor, target)),
    },
  };
}

export function presentIdentificationDetail(
  actor: Actor,
  row: IdentificationRow,
  events: Awaited<ReturnType<typeof listIdentificationEvents>>,
): IdentificationDetail {
  return {
    ...presentIdentification(actor, row),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: e.actor_user_id !== null && e.display_name ? { id: e.actor_user_id, displayName: e.display_name } : null,
      note: e.note,
      details: e.details,
      at: e.at.toISOString(),
    })),
    privacyWarnings: scanText(row.stated_situation),
  };
}

export function presentLevel(row: LevelRow): LevelDto {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, active: row.active, usage: Number(row.usage) };
}
