import { idNumberCheckChar } from '../../../../contracts/id-number.ts';
import type { SensitiveField } from '../../../../contracts/students.ts';
import { sealSensitive } from '../../privacy/sensitive-columns.ts';
import type { TestApp } from '../../test/test-app.ts';
import { insertStudent } from './students.repository.ts';

let serial = 0;

/** A valid 18-digit ID number (checksum right) born on the given date, different for each n. */
export function validIdNumber(n: number, birth = '20060315', region = '320102'): string {
  const first17 = `${region}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Sensitive values a test can look for in every response: none may appear unmasked. */
export function sensitiveValuesOf(n: number): Record<SensitiveField, string> {
  return {
    idNumber: validIdNumber(n),
    phone: `139${String(10_000_000 + n).slice(-8)}`,
    address: `江苏省南京市秦淮区测试路${100 + n}号${n}幢${n}01室`,
    birthDate: '2006-03-15',
    bankCard: `62220210${String(10_000_000 + n).slice(-8)}`,
  };
}

/** A student written straight to the database (sealed like the real path), for tests about something else. */
export async function seedStudent(
  t: TestApp,
  unitId: number,
  fields: Partial<{ studentNo: string; name: string; grade: number; className: string; programme: string }> = {},
) {
  serial += 1;
  const sensitive = sensitiveValuesOf(serial);
  const id = await insertStudent(t.db, {
    unit_id: unitId,
    student_no: fields.studentNo ?? `2021${String(serial).padStart(6, '0')}`,
    name: fields.name ?? `测试学生${serial}`,
    gender: '女',
    programme: fields.programme ?? '五年制高职',
    grade: fields.grade ?? 4,
    class_name: fields.className ?? '2021级护理1班',
    ...sealSensitive(t.app.keyring, sensitive),
    created_by: null,
    updated_by: null,
  });
  return { id, sensitive };
}

export async function makeClassTeacher(t: TestApp, unitId: number, className: string, userId: number) {
  await t.db.insertInto('class_teachers').values({ unit_id: unitId, class_name: className, user_id: userId, assigned_by: null }).execute();
}

export async function makeMentor(t: TestApp, studentId: number, mentorId: number) {
  await t.db
    .insertInto('mentor_assignments')
    .values({ student_id: studentId, mentor_id: mentorId, note: null, assigned_by: null })
    .execute();
}
