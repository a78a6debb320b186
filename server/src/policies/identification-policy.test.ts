import { describe, expect, it } from 'vitest';
import type { IdentificationStatus } from '../../../contracts/identifications.ts';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from './actor.ts';
import { whyNotCreateHomeVisit, whyNotEditHomeVisit, whyNotViewHomeVisit } from './home-visit-policy.ts';
import {
  whyNotAdjustLevel,
  whyNotAppraise,
  whyNotArchiveNotice,
  whyNotConfirmIdentification,
  whyNotProposeLevel,
  whyNotReadNotice,
  whyNotRejectIdentification,
  type IdentificationTarget,
  type NoticeTarget,
} from './identification-policy.ts';

const UNIT = 10;
function actor(roles: Role[], unitId: number | null = UNIT, id = 1): Actor {
  return { id, username: `u${id}`, displayName: `用户${id}`, unitId, roles: new Set(roles), mustChangePassword: false };
}
function identification(fields: Partial<IdentificationTarget> = {}): IdentificationTarget {
  return {
    student: { unitId: UNIT, ownStudent: false },
    unitId: UNIT,
    status: 'appraised',
    hasCompletedVisit: true,
    appraised: true,
    ...fields,
  };
}
const own = { student: { unitId: UNIT, ownStudent: true } };

describe('先家访后认定 in the policies', () => {
  const officer = actor(['unit_officer']);
  const admin = actor(['institute_admin'], 1);

  it.each<[string, Partial<IdentificationTarget>, string | null]>([
    ['appraised, visited', {}, null],
    ['no completed visit', { hasCompletedVisit: false }, 'home_visit_required'],
    [
      'no visit and no appraisal: the visit first',
      { hasCompletedVisit: false, appraised: false, status: 'applied' },
      'home_visit_required',
    ],
    ['visited, not appraised', { appraised: false, status: 'applied' }, 'appraisal_missing'],
    ['already proposed', { status: 'proposed' }, 'identification_step_invalid'],
    ['rejected', { status: 'rejected' }, 'identification_step_invalid'],
    ['another unit', { unitId: 11, student: { unitId: 11, ownStudent: false } }, 'not_own_unit'],
  ])('unit review, propose: %s', (_, fields, reason) => {
    expect(whyNotProposeLevel(officer, identification(fields))).toBe(reason);
  });

  it('lets the unit reject without a visit', () => {
    expect(whyNotRejectIdentification(officer, identification({ hasCompletedVisit: false, status: 'applied' }))).toBeNull();
  });

  it.each<[string, Partial<IdentificationTarget>, string | null]>([
    ['proposed, visited', { status: 'proposed' }, null],
    ['proposed, visit gone', { status: 'proposed', hasCompletedVisit: false }, 'home_visit_required'],
    ['not yet proposed', { status: 'appraised' }, 'identification_step_invalid'],
  ])('institute re-check, confirm: %s', (_, fields, reason) => {
    expect(whyNotConfirmIdentification(admin, identification(fields))).toBe(reason);
  });

  it('gives the re-check to the institute admin only', () => {
    expect(whyNotConfirmIdentification(officer, identification({ status: 'proposed' }))).toBe('not_institute_admin');
  });
});

describe('who records and reviews', () => {
  const statuses: IdentificationStatus[] = ['applied', 'appraised'];
  it.each<[string, Actor, Partial<IdentificationTarget>, string | null]>([
    ['class teacher, own student', actor(['mentor']), own, null],
    ['teacher, another class', actor(['mentor']), {}, 'not_own_student'],
    ['officer, any student of the unit', actor(['unit_officer']), {}, null],
    ['leader', actor(['unit_leader']), {}, 'not_identification_recorder'],
    ['reviewer', actor(['reviewer']), {}, 'student_records_forbidden'],
    ['admin', actor(['institute_admin'], 1), {}, 'not_identification_recorder'],
    ['other unit officer', actor(['unit_officer'], 11), {}, 'not_own_unit'],
  ])('appraisal: %s', (_, who, fields, reason) => {
    for (const status of statuses) expect(whyNotAppraise(who, identification({ ...fields, status }))).toBe(reason);
  });

  it('adjusts only archived identifications, by the officer', () => {
    expect(whyNotAdjustLevel(actor(['unit_officer']), identification({ status: 'archived' }))).toBeNull();
    expect(whyNotAdjustLevel(actor(['unit_officer']), identification({ status: 'in_notice' }))).toBe('identification_step_invalid');
    expect(whyNotAdjustLevel(actor(['mentor']), identification({ ...own, status: 'archived' }))).toBe('not_identification_reviewer');
  });
});

describe('home visits', () => {
  const visit = (fields: Partial<Parameters<typeof whyNotEditHomeVisit>[1]> = {}) => ({
    student: { unitId: UNIT, ownStudent: true },
    createdBy: 1,
    completed: false,
    ...fields,
  });
  it('keeps a draft to its author and locks a completed visit', () => {
    const teacher = actor(['mentor']);
    expect(whyNotEditHomeVisit(teacher, visit())).toBeNull();
    expect(whyNotEditHomeVisit(teacher, visit({ completed: true }))).toBe('home_visit_completed');
    expect(whyNotViewHomeVisit(actor(['unit_officer'], UNIT, 2), visit())).toBe('home_visit_not_author');
    expect(whyNotViewHomeVisit(actor(['unit_officer'], UNIT, 2), visit({ completed: true }))).toBeNull();
  });
  it('lets class teachers, mentors and the officer record, not the leader', () => {
    expect(whyNotCreateHomeVisit(actor(['mentor']), { unitId: UNIT, ownStudent: true })).toBeNull();
    expect(whyNotCreateHomeVisit(actor(['unit_officer']), { unitId: UNIT, ownStudent: false })).toBeNull();
    expect(whyNotCreateHomeVisit(actor(['unit_leader']), { unitId: UNIT, ownStudent: false })).toBe('not_visit_recorder');
  });
});

describe('公示', () => {
  const notice = (fields: Partial<NoticeTarget> = {}): NoticeTarget => ({
    unitId: UNIT,
    startsOn: '2024-09-23',
    endsOn: '2024-09-27',
    archived: false,
    openObjections: 0,
    ...fields,
  });
  const staff = { instituteStaff: false };
  it.each<[string, string, string | null]>([
    ['before the start', '2024-09-22', 'notice_not_started'],
    ['on the first day', '2024-09-23', null],
    ['on the last day', '2024-09-27', null],
    ['the day after', '2024-09-28', 'notice_expired'],
  ])('is read %s', (_, today, reason) => {
    expect(whyNotReadNotice(actor(['mentor']), notice(), staff, today)).toBe(reason);
  });
  it('is for the unit and the institute', () => {
    expect(whyNotReadNotice(actor(['mentor'], 11), notice(), staff, '2024-09-24')).toBe('not_notice_viewer');
    expect(whyNotReadNotice(actor(['reviewer'], 1), notice(), { instituteStaff: true }, '2024-09-24')).toBeNull();
    expect(whyNotReadNotice(actor([], UNIT), notice(), staff, '2024-09-24')).toBe('not_notice_viewer');
  });
  it('archives after the period with no objection open', () => {
    const officer = actor(['unit_officer']);
    expect(whyNotArchiveNotice(officer, notice(), '2024-09-27')).toBe('notice_not_finished');
    expect(whyNotArchiveNotice(officer, notice({ openObjections: 1 }), '2024-09-30')).toBe('objection_open');
    expect(whyNotArchiveNotice(officer, notice(), '2024-09-30')).toBeNull();
    expect(whyNotArchiveNotice(officer, notice({ archived: true }), '2024-09-30')).toBe('notice_archived');
  });
});
