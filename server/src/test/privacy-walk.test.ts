import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf, semesterOf } from '../../../contracts/school-year.ts';
import type { Role } from '../../../contracts/roles.ts';
import { makeClassTeacher, makeMentor, seedStudent } from '../modules/students/test-fixtures.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';

/**
 * Privacy by construction, checked from the outside: every GET route of the
 * API (read from the OpenAPI document, so a new route is walked without anyone
 * remembering to add it) is called by every role with every plausible id, and
 * no response — JSON, text, or the XML inside an .xlsx/.docx — may carry a
 * student's sensitive value in full. Only POST /api/students/:id/reveal may.
 */

let t: TestApp;
const clients: [string, Client][] = [];
let plainValues: string[] = [];
let studentIds: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const unit = await t.unit({ name: '隐私巡检分院' });
  const other = await t.unit({ name: '隐私巡检外单位' });
  const students = [
    await seedStudent(t, unit, { className: '2021级护理1班' }),
    await seedStudent(t, unit, { className: '2021级护理2班' }),
    await seedStudent(t, other),
  ];
  studentIds = students.map((s) => s.id);
  plainValues = students.flatMap((s) => Object.values(s.sensitive));
  await seedRecords(
    unit,
    students.map((s) => s.id),
  );
  const roles: [string, Role[], number | null][] = [
    ['institute_admin', ['institute_admin'], null],
    ['unit_officer', ['unit_officer'], unit],
    ['unit_leader', ['unit_leader'], unit],
    ['mentor', ['mentor'], unit],
    ['track_coordinator', ['track_coordinator'], other],
    ['reviewer', ['reviewer'], null],
  ];
  for (const [label, roleSet, unitId] of roles) {
    const user = await t.user({ roles: roleSet, unitId });
    if (label === 'mentor') {
      await makeClassTeacher(t, unit, '2021级护理1班', user.id);
      await makeMentor(t, students[1]!.id, user.id);
    }
    clients.push([label, await t.login(user.username)]);
  }
});
afterAll(() => t.close());

/** One record of every kind about the first students, so the routes that show them have something to show. */
async function seedRecords(unit: number, [first, second]: number[]) {
  const year = schoolYearOf(new Date());
  const today = new Date().toISOString().slice(0, 10);
  const officer = await t.user({ roles: ['unit_officer'], unitId: unit });
  await sql`insert into home_visits (student_id, unit_id, visited_on, school_year, mode, findings, completed_at, created_by)
    values (${first}, ${unit}, ${today}, ${year}, 'on_site', '家访记录', now(), ${officer.id}),
           (${second}, ${unit}, ${today}, ${year}, 'video', '草稿', null, ${officer.id})`.execute(t.db);
  const ident = await sql<{
    id: number;
  }>`insert into identifications (student_id, unit_id, school_year, status, pledge_signed_on, stated_situation, home_visit_id, rechecked_at)
    values (${first}, ${unit}, ${year}, 'in_notice', ${today}, '家庭困难', 1, now()) returning id`.execute(t.db);
  const notice = await sql<{ id: number }>`insert into public_notices (unit_id, school_year, title, starts_on, ends_on)
    values (${unit}, ${year}, '认定公示', current_date - 1, current_date + 10) returning id`.execute(t.db);
  await sql`insert into public_notice_entries (notice_id, identification_id, name, unit_name, grade)
    select ${notice.rows[0]!.id}, ${ident.rows[0]!.id}, s.name, '隐私巡检分院', s.grade from students s where s.id = ${first}`.execute(
    t.db,
  );
  await sql`insert into key_target_flags (student_id, school_year, flag, department) values (${first}, ${year}, 'academic', '教务处')`.execute(
    t.db,
  );
  await sql`insert into growth_archive_entries (student_id, kind, occurred_on, aid_type, amount_fen) values (${first}, 'aid', ${today}, 'national_grant', 150000)`.execute(
    t.db,
  );
  await sql`insert into growth_archive_entries (student_id, kind, occurred_on, body) values (${first}, 'note', ${today}, '谈心记录')`.execute(
    t.db,
  );
  await sql`insert into reward_schemes (unit_id, title, adopted_on) values (${unit}, '成长奖励办法', ${today})`.execute(t.db);
  const item = await sql<{
    id: number;
  }>`insert into reward_items (unit_id, name, criteria) values (${unit}, '自强之星', '品学兼优') returning id`.execute(t.db);
  await sql`insert into reward_awards (unit_id, item_id, student_id, awarded_on, school_year) values (${unit}, ${item.rows[0]!.id}, ${first}, ${today}, ${year})`.execute(
    t.db,
  );
}

/** Values for a path parameter, by its name: ids of the seeded records and a few low ids every table has. */
function candidatesFor(param: string): string[] {
  if (/year/i.test(param)) return [schoolYearOf(new Date())];
  if (/id$/i.test(param)) return [...new Set([...studentIds, 1, 2, 3, 4].map(String))];
  return ['1'];
}

/** Query parameters several list routes require; routes that do not know them ignore them. */
const commonQuery = `schoolYear=${schoolYearOf(new Date())}&semester=${semesterOf(new Date())}&measure=visitFirst`;

function expand(path: string): string[] {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  let urls = [path, `${path}?${commonQuery}`];
  for (const p of params) urls = urls.flatMap((u) => candidatesFor(p).map((v) => u.replace(`{${p}}`, v)));
  return urls;
}

async function textOf(body: Buffer, contentType: string): Promise<string> {
  if (/zip|openxmlformats|officedocument/.test(contentType)) {
    const zip = await JSZip.loadAsync(body);
    const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))));
    return parts.join('\n');
  }
  return body.toString('utf8');
}

describe('no response carries a sensitive field in full', () => {
  it('walks every GET route as every role', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const getPaths = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p);
    expect(getPaths).toContain('/api/students/{id}');
    // Routes that show students or records about them must have answered, or the walk proves nothing.
    const mustAnswer = [
      '/api/students',
      '/api/students/{id}',
      '/api/students/{id}/archive',
      '/api/students/{id}/archive.docx',
      '/api/home-visits',
      '/api/home-visits/{id}',
      '/api/identifications',
      '/api/identifications/{id}',
      '/api/notices/{id}',
      '/api/key-targets',
      '/api/coverage/units/{id}/missing',
      '/api/registries/awards',
    ];
    const leaks: string[] = [];
    let answered = 0;
    const answeredPaths = new Set<string>();
    for (const [label, client] of clients) {
      for (const path of getPaths) {
        for (const url of expand(path)) {
          const res = await client.get(url);
          if (res.statusCode !== 200) continue;
          answered += 1;
          answeredPaths.add(path);
          const text = await textOf(res.rawPayload, String(res.headers['content-type'] ?? ''));
          for (const value of plainValues) if (text.includes(value)) leaks.push(`${label} GET ${url} → ${value.slice(0, 4)}…`);
        }
      }
    }
    expect(leaks).toEqual([]);
    if (process.env.PRIVACY_WALK_REPORT)
      console.log(answeredPaths.size, 'of', getPaths.length, 'GET routes answered 200:', [...answeredPaths].sort().join('\n'));
    expect(mustAnswer.filter((p) => !answeredPaths.has(p))).toEqual([]);
    expect(answered).toBeGreaterThan(getPaths.length);
  }, 180_000); // every GET route × six roles: minutes on a loaded machine, not seconds
});
