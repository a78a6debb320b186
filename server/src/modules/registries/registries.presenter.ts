import { fenToYuan } from '../../../../contracts/growth-archive.ts';
import type { ReasonCode } from '../../../../contracts/reasons.ts';
import type { AwardDto, RegistryFileDto, RewardItemDto, SeminarDto, SupportCenterDto } from '../../../../contracts/registries.ts';
import { schoolYearOf, semesterOf } from '../../../../contracts/school-year.ts';
import { ability } from '../../policies/ability.ts';
import { fileKindOf } from '../files/files.service.ts';
import type { AwardRow, RegistryFileRow, RewardItemRow, SeminarRow, SupportCenterRow } from './registries.repository.ts';

const person = (id: number | null, name: string | null) => (id === null ? null : { id, displayName: name ?? '' });

/** `editReason`: why the user may not change the unit's registries (null: they may). */
export function presentRegistryFile(row: RegistryFileRow, editReason: ReasonCode | null): RegistryFileDto {
  return {
    id: row.file_id,
    name: row.original_name,
    kind: fileKindOf(row.extension),
    sizeBytes: Number(row.size_bytes),
    uploadedAt: row.created_at.toISOString(),
    url: `/api/registries/files/${row.file_id}`,
    abilities: { delete: ability(editReason) },
  };
}

export function presentSupportCenter(row: SupportCenterRow): SupportCenterDto {
  return {
    unitId: row.unit_id,
    name: row.name,
    establishedOn: row.established_on,
    place: row.place,
    staff: row.staff,
    services: row.services,
    note: row.note,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: person(row.updated_by, row.updated_by_name),
  };
}

export function presentRewardItem(row: RewardItemRow, editReason: ReasonCode | null): RewardItemDto {
  const awardCount = Number(row.award_count ?? 0);
  return {
    id: row.id,
    name: row.name,
    criteria: row.criteria,
    amountFen: row.amount_fen,
    amount: row.amount_fen === null ? null : fenToYuan(row.amount_fen),
    awardCount,
    abilities: {
      edit: ability(editReason),
      delete: ability(editReason ?? (awardCount > 0 ? 'reward_item_in_use' : null)),
    },
  };
}

export function presentAward(row: AwardRow, editReason: ReasonCode | null): AwardDto {
  return {
    id: row.id,
    item: { id: row.item_id, name: row.item_name },
    student: { id: row.student_id, name: row.student_name, studentNo: row.student_no, className: row.class_name },
    awardedOn: row.awarded_on,
    schoolYear: row.school_year,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    abilities: { delete: ability(editReason) },
  };
}

export function presentSeminar(row: SeminarRow, files: RegistryFileRow[], editReason: ReasonCode | null): SeminarDto {
  return {
    id: row.id,
    unitId: row.unit_id,
    heldOn: row.held_on,
    schoolYear: schoolYearOf(row.held_on),
    semester: semesterOf(row.held_on),
    topic: row.topic,
    participantCount: row.participant_count,
    participantNames: row.participant_names,
    minutes: row.minutes,
    files: files.map((f) => presentRegistryFile(f, editReason)),
    createdBy: person(row.created_by, row.created_by_name),
    updatedAt: row.updated_at.toISOString(),
    abilities: { edit: ability(editReason), delete: ability(editReason) },
  };
}
