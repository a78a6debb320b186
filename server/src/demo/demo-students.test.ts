import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../../../contracts/id-number.ts';
import type { IdentificationPage } from '../../../contracts/identifications.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import type { StudentDto } from '../../../contracts/students.ts';
import { openSensitive } from '../privacy/sensitive-columns.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { DEMO_CLASS } from './demo-students.ts';
import { prepareInitialData } from './initial-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoData: true });
  await prepareInitialData(t.db, t.config, t.app.log);
});
afterAll(() => t.close());

describe('demo students of 南京工程分院', () => {
  it('gives the demo mentor a class of their own, masked, with valid made-up ID numbers', async () => {
    const mentor = await t.login('mentor', DEMO_PASSWORD);
    const page = (await mentor.get('/api/students?pageSize=100')).json() as { items: StudentDto[] };
    expect(page.items.length).toBe(4);
    expect(new Set(page.items.map((s) => s.className))).toEqual(new Set([DEMO_CLASS]));
    for (const s of page.items) expect(s.masked.idNumber).toMatch(/^32\d{2}\*{10}\d{3}[\dX]$/);
    const sealed = await t.db.selectFrom('students').select(['id_number_sealed', 'phone_sealed']).execute();
    expect(sealed.length).toBe(6);
    for (const row of sealed) {
      expect(isValidIdNumber(openSensitive(t.app.keyring, 'idNumber', row.id_number_sealed)!)).toBe(true);
      expect(row.phone_sealed).toBeNull();
    }
  });

  it('has two applications of this school year awaiting their home visit, and one confirmed after a visit', async () => {
    const officer = await t.login('officer', DEMO_PASSWORD);
    const page = (await officer.get(`/api/identifications?schoolYear=${schoolYearOf(new Date())}`)).json() as IdentificationPage;
    expect(page.items.map((i) => [i.student.name, i.status, i.abilities.propose.whyNot])).toEqual([
      ['陈思远', 'applied', 'home_visit_required'],
      ['刘雨桐', 'appraised', 'home_visit_required'],
      ['吴佳怡', 'confirmed', 'identification_step_invalid'],
    ]);
  });
});
