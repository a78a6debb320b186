/**
 * The records of a big college, generated in set-based SQL straight into a
 * migrated, empty database: units with an officer and five teachers each, an
 * institute admin (bench-admin), students with sealed-looking sensitive
 * columns, one in five identified in the school year (95 % after a completed
 * home visit), about one in seven of those a key target (90 % with a mentor),
 * growth-archive aid and activity entries, support centres, reward schemes
 * with awards, and seminars. Shared by the benchmarks that need it.
 */
import { sql } from 'kysely';
import { cities } from '../contracts/regions.ts';
import type { Db } from '../server/src/db/database.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { BENCH_PASSWORD } from './support.ts';

/** Everything in set-based SQL: a few statements, whatever the size. */
export async function generateCollege(
  db: Db,
  { units: unitCount, students: studentCount, schoolYear: year }: { units: number; students: number; schoolYear: string },
): Promise<Record<string, number>> {
  const y0 = Number(year.slice(0, 4));
  const hash = await hashPassword(BENCH_PASSWORD);
  const cityList = sql.join(cities.map((c) => sql.lit(c)));
  await sql`insert into units (code, name, kind, city)
    select 'B' || lpad(i::text, 2, '0'), '压测分院' || lpad(i::text, 2, '0'), 'branch', (array[${cityList}])[1 + i % ${cities.length}]
    from generate_series(1, ${unitCount}) i`.execute(db);
  // Per unit: an officer and five teachers; one institute admin.
  await sql`insert into users (username, display_name, unit_id, password_hash)
    select lower(u.code) || '-' || r.name, u.name || r.name, u.id, ${hash}
    from units u cross join (values ('officer'), ('t1'), ('t2'), ('t3'), ('t4'), ('t5')) r(name)`.execute(db);
  await sql`insert into users (username, display_name, password_hash) values ('bench-admin', '学院管理员', ${hash})`.execute(db);
  await sql`insert into user_roles (user_id, role)
    select id, case when username like '%-officer' then 'unit_officer' when username = 'bench-admin' then 'institute_admin' else 'mentor' end
    from users`.execute(db);

  const sealed = `v1:k1:${'A'.repeat(60)}`;
  await sql`insert into students (unit_id, student_no, name, gender, programme, grade, class_name, status,
      id_number_sealed, id_number_masked, phone_sealed, phone_masked, address_sealed, address_masked,
      birth_date_sealed, birth_date_masked, bank_card_sealed, bank_card_masked)
    select 1 + i % ${unitCount}, (2020 + i % 5)::text || lpad(i::text, 7, '0'),
      (array['王','李','张','刘','陈','杨','黄','赵','周','吴'])[1 + i % 10] || (array['子涵','欣怡','浩然','梓萱','宇轩','思远','雨桐','俊杰'])[1 + (i / 10) % 8],
      case when i % 2 = 0 then '男' else '女' end, '五年制高职', 1 + i % 5,
      (2020 + i % 5)::text || '级' || (array['护理','机电','会计','电商'])[1 + i % 4] || (1 + (i / 80) % 6)::text || '班', 'enrolled',
      ${sealed}, '3201**********1234', ${sealed}, '139****5678', ${sealed}, '江苏省南京市****', ${sealed}, '2006-**-**', ${sealed}, '6222********1234'
    from generate_series(1, ${studentCount}) i`.execute(db);

  const level = await db.selectFrom('identification_levels').select('id').orderBy('sort_order').executeTakeFirstOrThrow();
  // Every fifth student is identified; 95 % of them had a completed visit before the re-check.
  await sql`insert into identifications (student_id, unit_id, school_year, status, pledge_signed_on, stated_situation, level_id, rechecked_at)
    select s.id, s.unit_id, ${year}, case when s.id % 3 = 0 then 'archived' else 'confirmed' end, ${`${y0}-09-05`}, '家庭经济困难', ${level.id},
      ${`${y0}-10-20T02:00:00Z`}::timestamptz
    from students s where s.id % 5 = 0`.execute(db);
  await sql`insert into home_visits (student_id, unit_id, visited_on, school_year, mode, findings, completed_at, created_by)
    select s.id, s.unit_id, ${`${y0}-10-01`}::date + (s.id % 15), ${year}, 'on_site', '家访记录', now(),
      (select id from users where unit_id = s.unit_id order by id limit 1)
    from students s where s.id % 5 = 0 and s.id % 100 <> 0`.execute(db);
  // Key targets: about one identified student in seven; 90 % with a mentor.
  await sql`insert into key_target_flags (student_id, school_year, flag, department)
    select s.id, ${year}, (array['family_education','mental_health','behaviour','special_needs','academic','progression'])[1 + s.id % 6], '学生工作处'
    from students s where s.id % 35 = 0`.execute(db);
  await sql`insert into mentor_assignments (student_id, mentor_id, is_lead)
    select f.student_id, (select u.id from users u join students s on s.id = f.student_id
      where u.unit_id = s.unit_id and u.username not like '%-officer' order by u.id offset (f.student_id % 5) limit 1), true
    from key_target_flags f where (f.student_id / 35) % 10 <> 0`.execute(db);
  // Growth archive: an aid entry for every identified student, a development entry for 80 % of them.
  await sql`insert into growth_archive_entries (student_id, kind, occurred_on, aid_type, amount_fen)
    select s.id, 'aid', ${`${y0}-10-15`}, 'national_grant', 150000 from students s where s.id % 5 = 0`.execute(db);
  await sql`insert into growth_archive_entries (student_id, kind, occurred_on, activity_type, title)
    select s.id, 'activity', ${`${y0}-11-02`}, 'career_planning', '生涯规划工作坊' from students s where s.id % 5 = 0 and s.id % 25 <> 0`.execute(
    db,
  );
  // Registries: most units have a centre and a scheme; awards and seminars this semester.
  await sql`insert into support_centers (unit_id, name, established_on, place)
    select id, '学生发展支持中心', '2023-09-01', '行政楼' from units where id % 8 <> 0`.execute(db);
  await sql`insert into reward_schemes (unit_id, title, adopted_on) select id, '成长奖励办法', '2024-09-01' from units where id % 4 <> 0`.execute(
    db,
  );
  await sql`insert into reward_items (unit_id, name, criteria) select unit_id, '自强之星', '品学兼优' from reward_schemes`.execute(db);
  await sql`insert into reward_awards (unit_id, item_id, student_id, awarded_on, school_year)
    select s.unit_id, ri.id, s.id, ${`${y0}-11-10`}, ${year}
    from students s join reward_items ri on ri.unit_id = s.unit_id where s.id % 40 = 0`.execute(db);
  await sql`insert into seminars (unit_id, held_on, topic, participant_count)
    select u.id, ${`${y0}-09-20`}::date + n * 20, '个案研讨', 8 from units u cross join generate_series(0, 2) n where (u.id + n) % 3 <> 0`.execute(
    db,
  );

  const counts: Record<string, number> = {};
  for (const table of [
    'students',
    'identifications',
    'home_visits',
    'key_target_flags',
    'mentor_assignments',
    'growth_archive_entries',
    'reward_awards',
    'seminars',
  ]) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  await sql`analyze`.execute(db);
  return counts;
}
