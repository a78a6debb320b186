import { expect } from 'vitest';
import type { IdentificationDetail, LevelDto } from '../../../../contracts/identifications.ts';
import type { Client } from '../../test/test-app.ts';

/** The application as a teacher records it (the pledge signed today). */
export function application(studentId: number, schoolYear: string, pledgeSignedOn: string) {
  return {
    studentId,
    schoolYear,
    pledgeConfirmed: true,
    pledgeSignedOn,
    statedSituation: '父亲务农收入微薄,母亲常年患病需要长期服药,家中还有一个弟弟在读初中。',
  };
}

export async function apply(client: Client, studentId: number, schoolYear: string, pledgeSignedOn: string): Promise<IdentificationDetail> {
  const res = await client.post('/api/identifications', application(studentId, schoolYear, pledgeSignedOn));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function levels(client: Client): Promise<Record<string, number>> {
  const list = (await client.get('/api/identification-levels')).json() as LevelDto[];
  return Object.fromEntries(list.map((l) => [l.name, l.id]));
}

/** A step that must succeed; answers with the identification as it now is. */
export async function ok(promise: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<IdentificationDetail> {
  const res = await promise;
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as IdentificationDetail;
}
