import { idNumberCheckChar } from '../../../contracts/id-number.ts';
import { shanghaiToday } from '../../../contracts/identifications.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import type { DbOrTrx } from '../db/database.ts';
import {
  advanceIdentification,
  insertIdentification,
  insertIdentificationEvent,
} from '../modules/identifications/identifications.repository.ts';
import { insertHomeVisit } from '../modules/home-visits/home-visits.repository.ts';
import { insertStudent } from '../modules/students/students.repository.ts';
import type { Keyring } from '../privacy/keyring.ts';
import { sealSensitive } from '../privacy/sensitive-columns.ts';

/**
 * A few students of 南京工程分院 for trying home visits and the difficulty
 * identification: fictitious people with made-up but valid ID numbers (GB 11643
 * checksum) from Jiangsu region codes, addresses on made-up streets, no phone
 * numbers. Sensitive fields are sealed and masked like real ones.
 * The demo `mentor` is 班主任 of 机电2021级1班.
 */
export const DEMO_CLASS = '机电2021级1班';

const demoStudents = [
  { no: 'NJGC2021001', name: '陈思远', gender: '男', cls: DEMO_CLASS, region: '320102', birth: '20060314', seq: 113, origin: '农村' },
  { no: 'NJGC2021002', name: '刘雨桐', gender: '女', cls: DEMO_CLASS, region: '320311', birth: '20060522', seq: 224, origin: '农村' },
  { no: 'NJGC2021003', name: '王浩然', gender: '男', cls: DEMO_CLASS, region: '321302', birth: '20051109', seq: 315, origin: '城镇' },
  { no: 'NJGC2021004', name: '赵子涵', gender: '女', cls: DEMO_CLASS, region: '320829', birth: '20060730', seq: 426, origin: '农村' },
  { no: 'NJGC2021031', name: '周明轩', gender: '男', cls: '机电2021级2班', region: '320706', birth: '20060203', seq: 517, origin: '城镇' },
  { no: 'NJGC2021032', name: '吴佳怡', gender: '女', cls: '机电2021级2班', region: '320902', birth: '20060918', seq: 628, origin: '农村' },
] as const;

/** The 17th digit decides the gender (odd: 男); the sequence is nudged to match. */
function demoIdNumber(region: string, birth: string, seq: number, gender: '男' | '女'): string {
  const odd = gender === '男';
  const s = seq % 2 === (odd ? 1 : 0) ? seq : seq + 1;
  const first17 = `${region}${birth}${String(s).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Runs after seedDemoData: finds 南京工程分院 and the demo mentor and officer by their codes. */
export async function seedDemoStudents(db: DbOrTrx, keyring: Keyring): Promise<void> {
  const unit = await db.selectFrom('units').select('id').where('code', '=', 'NJGC').executeTakeFirst();
  const users = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['mentor', 'officer']).execute();
  const mentorId = users.find((u) => u.username === 'mentor')?.id;
  const officerId = users.find((u) => u.username === 'officer')?.id;
  if (!unit || !mentorId || !officerId) return;
  const ids = { unitId: unit.id, mentorId, officerId };
  const studentIds = new Map<string, number>();
  for (const [i, s] of demoStudents.entries()) {
    const id = await insertStudent(db, {
      unit_id: ids.unitId,
      student_no: s.no,
      name: s.name,
      gender: s.gender,
      department: '机电工程系',
      programme: '机电一体化技术',
      schooling: '五年制高职',
      grade: 4,
      class_name: s.cls,
      origin: s.origin,
      hukou_city: null,
      ...sealSensitive(keyring, {
        idNumber: demoIdNumber(s.region, s.birth, s.seq, s.gender),
        address: `江苏省示例市示例区示例路${101 + i}号`,
        birthDate: `${s.birth.slice(0, 4)}-${s.birth.slice(4, 6)}-${s.birth.slice(6, 8)}`,
      }),
      created_by: ids.officerId,
      updated_by: ids.officerId,
    });
    studentIds.set(s.no, id);
  }
  await db
    .insertInto('class_teachers')
    .values({ unit_id: ids.unitId, class_name: DEMO_CLASS, user_id: ids.mentorId, assigned_by: ids.officerId })
    .execute();

  // Two applications of this school year awaiting their home visit: one fresh, one already appraised by the class.
  const today = shanghaiToday();
  const year = schoolYearOf(today);
  for (const [no, appraised] of [
    ['NJGC2021001', false],
    ['NJGC2021002', true],
  ] as const) {
    const studentId = studentIds.get(no)!;
    const id = await insertIdentification(db, {
      student_id: studentId,
      unit_id: ids.unitId,
      school_year: year,
      requested_level_id: null,
      pledge_signed_on: today,
      stated_situation: '父母务农,收入不稳定;家中有一名弟弟在读初中,母亲常年患病需服药。',
      applied_by: ids.mentorId,
    });
    await insertIdentificationEvent(db, {
      identificationId: id,
      action: 'applied',
      actorId: ids.mentorId,
      details: { pledgeSignedOn: today },
    });
    if (appraised) {
      await advanceIdentification(db, id, ['applied'], {
        status: 'appraised',
        appraisal_result: 'supported',
        appraised_on: today,
        appraised_by: ids.mentorId,
        appraised_at: new Date(),
      });
      await insertIdentificationEvent(db, {
        identificationId: id,
        action: 'appraised',
        actorId: ids.mentorId,
        details: { result: 'supported' },
      });
    }
  }
  // One identification already through the institute's re-check, after a completed home visit:
  // 吴佳怡 is identified for this school year (the key-target and six-coverage pages start from her).
  const wuId = studentIds.get('NJGC2021032')!;
  const level = await db.selectFrom('identification_levels').select('id').where('name', '=', '比较困难').executeTakeFirstOrThrow();
  const visitId = await insertHomeVisit(db, {
    student_id: wuId,
    unit_id: ids.unitId,
    visited_on: today,
    school_year: year,
    mode: 'on_site',
    visitors: JSON.stringify(['孙导师', '李资助']),
    household: JSON.stringify({ size: 4, incomeSources: ['farming'], specialCircumstances: [], note: '父母务农,家中两个孩子上学。' }),
    findings: '家中住房简陋,主要收入来自务农,母亲长期服药;学生懂事,课余帮家里干农活。',
    created_by: ids.mentorId,
  });
  await db.updateTable('home_visits').set({ completed_at: new Date(), completed_by: ids.mentorId }).where('id', '=', visitId).execute();
  const confirmedId = await insertIdentification(db, {
    student_id: wuId,
    unit_id: ids.unitId,
    school_year: year,
    requested_level_id: level.id,
    pledge_signed_on: today,
    stated_situation: '父母务农,收入不稳定,母亲长期患病。',
    applied_by: ids.mentorId,
  });
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  const now = new Date();
  await advanceIdentification(db, confirmedId, ['applied'], {
    status: 'confirmed',
    home_visit_id: visitId,
    visit_linked_at: now,
    appraisal_result: 'supported',
    appraisal_level_id: level.id,
    appraised_on: today,
    appraised_by: ids.mentorId,
    appraised_at: now,
    proposed_level_id: level.id,
    reviewed_by: ids.officerId,
    reviewed_at: now,
    rechecked_by: admin?.id ?? null,
    rechecked_at: now,
    level_id: level.id,
  });
  for (const action of ['applied', 'visit_linked', 'appraised', 'proposed', 'confirmed']) {
    await insertIdentificationEvent(db, { identificationId: confirmedId, action, actorId: ids.officerId });
  }
}
