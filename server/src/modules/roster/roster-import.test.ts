import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/common.ts';
import { idNumberCheckChar } from '../../../../contracts/id-number.ts';
import type { RosterImportDto, RosterPreview, RosterRowError } from '../../../../contracts/roster.ts';
import { schoolYearOf } from '../../../../contracts/school-year.ts';
import type { StudentDto } from '../../../../contracts/students.ts';
import { expectError } from '../../test/expect-error.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';

/**
 * A roster as units really keep them: a merged title above the header, a
 * header with stray spaces, 学号 as numbers and in full-width digits, names
 * padded with spaces, a class merged down several rows, an ID number ending
 * in X — and bad rows, each of which must be reported with its row number.
 */

let t: TestApp;
let officer: Client;
let unitId: number;
const UNIT = '名册测试分院';

/** A valid ID number with the given sequence; `x` asks for one whose check character is X. */
function idNumber(seq: number, options: { x?: boolean; male?: boolean } = {}): string {
  for (let n = seq; ; n++) {
    const order = String(n % 1000).padStart(3, '0');
    const first17 = `320102200603${String(10 + (n % 18)).padStart(2, '0')}${order}`;
    const check = idNumberCheckChar(first17);
    const male = Number(first17[16]) % 2 === 1;
    if ((options.x === undefined || (check === 'X') === options.x) && (options.male === undefined || male === options.male))
      return first17 + check;
  }
}
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

const ids = {
  zhang: idNumber(100, { x: true, male: true }),
  li: idNumber(200, { x: false, male: false }),
  wang: withWrongCheck(idNumber(300, { x: false })),
  zhao: idNumber(400, { x: false }),
  qian: idNumber(500, { x: false }),
  zhou: idNumber(600, { x: false }),
  wu: idNumber(700, { x: false }),
};
const entryYear = Number(schoolYearOf(new Date()).slice(0, 4)) - 2; // '…级' of grade 3

const header = [
  '序号',
  '学 号',
  '姓名',
  '身份证号码',
  '性别',
  '单位',
  '系部',
  '专业',
  '班级',
  '学制',
  '年级',
  '生源地 城乡',
  '户籍地市',
  '手机号码',
  '家庭住址',
  '银行卡号',
];

/** Rows 4–14 of the sheet (row 1 title, row 2 a note, row 3 the header). */
function messyRows(className = '2021级护理1班'): (string | number | null)[][] {
  return [
    [
      1,
      2021010101,
      '张  三',
      ids.zhang,
      '男',
      UNIT,
      '护理系',
      '护理',
      className,
      '五年制',
      4,
      '农村',
      '南京市',
      '13912345678',
      '江苏省南京市秦淮区测试路1号',
      '6222021234567890123',
    ],
    [
      2,
      '２０２１０１０１０２',
      ' 李四 ',
      ids.li,
      '',
      '',
      '护理系',
      '护理',
      null,
      '五年制',
      '四年级',
      '城镇',
      '南京市',
      '13912345679',
      '',
      '',
    ],
    [3, 2021010103, '王五', ids.wang, '', UNIT, '护理系', '护理', null, '五年制', 4, '', '', '', '', ''],
    [4, 2021010104, '赵六', ids.zhao, '', UNIT, '护理系', '护理', '2021级护理2班', '五年制', 7, '', '', '', '', ''],
    [5, 2021010105, '钱七', ids.qian, '', '南京卫生分院', '护理系', '护理', '2021级护理2班', '五年制', 4, '', '', '', '', ''],
    [6, 2021010101, '张三丰', ids.zhou, '', UNIT, '护理系', '护理', '2021级护理2班', '五年制', 4, '', '', '', '', ''],
    [7, 2021010107, '', ids.wu, '', UNIT, '护理系', '护理', '2021级护理2班', '五年制', 4, '', '', '', '', ''],
    [8, 2021010108, '孙八', 320102200603150000, '', UNIT, '护理系', '护理', '2021级护理2班', '五年制', 4, '', '', '', '', ''],
    [
      9,
      2021010109,
      '周九',
      ids.zhou,
      '',
      UNIT,
      '护理系',
      '助产',
      '2024级助产1班',
      '五年制',
      `${entryYear}级`,
      '农村',
      '徐州市',
      '',
      '',
      '',
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    [
      10,
      'S2021-011',
      '吴十',
      ids.wu,
      '',
      ' 江苏联合职业技术学院名册测试分院 ',
      '护理系',
      '护理',
      '2021级护理2班',
      '5',
      5,
      '城镇',
      '南京市',
      '',
      '',
      '6222 0212 3456 7890',
    ],
  ];
}

async function messyWorkbook(className?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('2026级');
  sheet.addRow([`${UNIT}学生基本信息表`]);
  sheet.mergeCells('A1:P1');
  sheet.addRow(['填表日期:2026年9月1日']);
  sheet.addRow(header);
  for (const row of messyRows(className)) sheet.addRow(row);
  // The class of rows 4–6 is typed once and merged down, as people do.
  sheet.mergeCells('I4:I6');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(client: Client, file: Buffer, fileName = '学生名册.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  return client.post('/api/roster-imports', form);
}

async function waitUntilDone(client: Client, id: number): Promise<RosterImportDto> {
  for (let i = 0; i < 300; i++) {
    const job = (await client.get(`/api/roster-imports/${id}`)).json<RosterImportDto>();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

/** Upload, accept the proposed mapping, run, wait. */
async function importFile(client: Client, file: Buffer) {
  const uploaded = await upload(client, file);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const { import: job, preview } = uploaded.json<{ import: RosterImportDto; preview: RosterPreview }>();
  const started = await client.post(`/api/roster-imports/${job.id}/start`, { headerRow: preview.headerRow, mapping: preview.mapping });
  expect(started.statusCode, started.body).toBe(202);
  return waitUntilDone(client, job.id);
}

async function student(no: string): Promise<StudentDto> {
  const page = (await officer.get(`/api/students?q=${encodeURIComponent(no)}`)).json<Page<StudentDto>>();
  const found = page.items.find((s) => s.studentNo === no);
  if (!found) throw new Error(`student ${no} not found`);
  return found;
}

beforeAll(async () => {
  t = await createTestApp();
  unitId = await t.unit({ name: UNIT, code: 'MCCS' });
  officer = await t.login((await t.user({ roles: ['unit_officer'], unitId })).username);
});
afterAll(() => t.close());

describe('POST /api/roster-imports (upload)', () => {
  it('requires a session', async () => {
    expectError(await upload(t.anonymous(), await messyWorkbook()), 401, 'unauthenticated');
  });

  it('is refused to everyone but the unit’s aid officer', async () => {
    const file = await messyWorkbook();
    for (const roles of [['unit_leader'], ['mentor'], ['reviewer'], ['track_coordinator']] as const) {
      const client = await t.login((await t.user({ roles: [...roles], unitId: roles[0] === 'reviewer' ? null : unitId })).username);
      const res = await upload(client, file);
      expect(res.statusCode, roles[0]).toBe(403);
    }
    const admin = await t.login((await t.user({ roles: ['institute_admin'] })).username);
    expectError(await upload(admin, file), 403, 'not_roster_manager');
  });

  it('asks for a file, and judges it by its content', async () => {
    expectError(await officer.post('/api/roster-imports', {}), 400, 'file_required');
    expectError(await upload(officer, Buffer.from('学号,姓名\n1,张三\n')), 415, 'file_type_not_allowed');
  });

  it('says when a workbook cannot be read, rather than importing part of it', async () => {
    // A damaged download: the sheet's compressed bytes are garbage, the zip around them intact.
    const file = await messyWorkbook();
    const sheetData = file.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    file.fill(0xff, sheetData + 40, sheetData + 80);
    expectError(await upload(officer, file), 422, 'roster_file_unreadable');
    expect(await t.db.selectFrom('roster_imports').select('id').where('unit_id', '=', unitId).execute()).toEqual([]);
  });

  it('finds the header under the title rows and proposes the mapping from the column names', async () => {
    const res = await upload(officer, await messyWorkbook());
    expect(res.statusCode, res.body).toBe(201);
    const { import: job, preview } = res.json<{ import: RosterImportDto; preview: RosterPreview }>();
    expect(job.status).toBe('uploaded');
    expect(job.rowsTotal).toBe(11);
    expect(preview.headerRow).toBe(3);
    expect(preview.mapping).toMatchObject({
      studentNo: 2,
      name: 3,
      idNumber: 4,
      gender: 5,
      unit: 6,
      department: 7,
      programme: 8,
      className: 9,
      schooling: 10,
      grade: 11,
      origin: 12,
      hukouCity: 13,
      phone: 14,
      address: 15,
      bankCard: 16,
    });
    expect(preview.missing).toEqual([]);
    expect(preview.columns[1]).toEqual({ index: 2, letter: 'B', header: '学 号' });
  });

  it('previews the first rows as they will be stored: sensitive values masked, errors per row', async () => {
    const res = await upload(officer, await messyWorkbook());
    const { preview } = res.json<{ preview: RosterPreview }>();
    const [first, second, third] = preview.rows;
    expect(first).toMatchObject({ row: 4, errors: [] });
    expect(first!.values.idNumber).toBe(`${ids.zhang.slice(0, 4)}**********${ids.zhang.slice(-4)}`);
    expect(first!.values.phone).toBe('139****5678');
    expect(second!.values.className).toBe('2021级护理1班'); // from the merged cell
    expect(third!.errors.map((e) => e.column)).toEqual(['身份证号码(D列)']);
    for (const value of Object.values(ids)) expect(res.body).not.toContain(value);
    expect(res.body).not.toContain('13912345678');
  });

  it('re-previews with another header row and mapping', async () => {
    const { import: job } = (await upload(officer, await messyWorkbook())).json<{ import: RosterImportDto }>();
    const noHeader = await officer.post(`/api/roster-imports/${job.id}/preview`, { headerRow: 1 });
    expect(noHeader.statusCode).toBe(200);
    expect(noHeader.json<RosterPreview>().missing).toContain('studentNo');
    const swapped = await officer.post(`/api/roster-imports/${job.id}/preview`, {
      headerRow: 3,
      mapping: { studentNo: 2, name: 3, programme: 7, grade: 11 },
    });
    expect(swapped.json<RosterPreview>().rows[0]!.values.programme).toBe('护理系');
    expectError(
      await officer.post(`/api/roster-imports/${job.id}/preview`, { mapping: { studentNo: 2, name: 2 } }),
      400,
      'roster_mapping_duplicate',
    );
    expectError(
      await officer.post(`/api/roster-imports/${job.id}/preview`, { mapping: { studentNo: 40 } }),
      400,
      'roster_mapping_out_of_range',
    );
  });
});

describe('POST /api/roster-imports/:id/start', () => {
  it('refuses a mapping without the required columns, naming them', async () => {
    const { import: job } = (await upload(officer, await messyWorkbook())).json<{ import: RosterImportDto }>();
    const res = await officer.post(`/api/roster-imports/${job.id}/start`, { headerRow: 3, mapping: { studentNo: 2, name: 3 } });
    expectError(res, 422, 'roster_mapping_incomplete');
    expect(res.json().message).toContain('专业、年级');
    expectError(await officer.post(`/api/roster-imports/${job.id}/start`, { headerRow: 3 }), 400, 'validation_failed');
  });

  it('is refused to another unit’s officer', async () => {
    const { import: job, preview } = (await upload(officer, await messyWorkbook())).json<{
      import: RosterImportDto;
      preview: RosterPreview;
    }>();
    const otherUnit = await t.unit();
    const other = await t.login((await t.user({ roles: ['unit_officer'], unitId: otherUnit })).username);
    expectError(await other.post(`/api/roster-imports/${job.id}/start`, { headerRow: 3, mapping: preview.mapping }), 403, 'not_own_unit');
    expectError(await other.get(`/api/roster-imports/${job.id}`), 403, 'not_own_unit');
    expectError(await other.get(`/api/roster-imports/${job.id}/error-report`), 403, 'not_own_unit');
    expectError(await other.post(`/api/roster-imports/${job.id}/preview`, {}), 403, 'not_own_unit');
  });
});

describe('importing the messy roster', () => {
  let first: RosterImportDto;

  beforeAll(async () => {
    first = await importFile(officer, await messyWorkbook());
  });

  it('imports the good rows and counts the bad ones', () => {
    expect(first).toMatchObject({ status: 'finished', rowsRead: 11 - 1, inserted: 4, updated: 0, unchanged: 0, failed: 6, failure: null });
  });

  it('cleans what people type: numeric and full-width 学号, padded names, merged classes, X check characters', async () => {
    const zhang = await student('2021010101');
    expect(zhang).toMatchObject({ name: '张三', gender: '男', className: '2021级护理1班', grade: 4, origin: '农村', programme: '护理' });
    expect(zhang.masked.idNumber).toMatch(/^3201\*{10}\d{3}X$/);
    expect(zhang.masked.bankCard).toBe('6222***********0123');
    const li = await student('2021010102');
    // 性别 left empty: taken from the ID number; 班级 from the merged cell above.
    expect(li).toMatchObject({ name: '李四', gender: '女', className: '2021级护理1班', grade: 4, origin: '城镇' });
    expect((await student('2021010109')).grade).toBe(3);
    expect(await student('S2021-011')).toMatchObject({ name: '吴十', grade: 5, schooling: '5' });
  });

  it('reports every bad row with its row number, column and reason', async () => {
    const res = await officer.get(`/api/roster-imports/${first.id}/errors?pageSize=50`);
    expect(res.statusCode).toBe(200);
    const errors = res.json<Page<RosterRowError>>().items;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [6, '身份证号码(D列)'],
      [7, '年级(K列)'],
      [8, '单位(F列)'],
      [9, '学 号(B列)'],
      [10, '姓名(C列)'],
      [11, '身份证号码(D列)'],
    ]);
    expect(errors[0]!.message).toContain('校验位');
    expect(errors[1]!.message).toContain('1–5');
    expect(errors[2]!.message).toContain('不是本单位');
    expect(errors[3]!.message).toContain('第 4 行重复');
    expect(errors[5]!.message).toContain('3.20102E+17');
    expect(errors[0]).toMatchObject({ studentNo: '2021010103', name: '王五' });
    // No message repeats the value it complains about.
    expect(res.body).not.toContain(ids.wang);
  });

  it('offers the errors as a workbook that reads back', async () => {
    const res = await officer.get(`/api/roster-imports/${first.id}/error-report`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('学生名册-错误报告.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['行号', '学号', '姓名', '列', '问题']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([6, 7, 8, 9, 10, 11]);
    expect(rows[1]!.slice(1, 4)).toEqual(['2021010103', '王五', '身份证号码(D列)']);
  });

  it('keeps ciphertext in the database, never the ID number', async () => {
    const row = await t.db
      .selectFrom('students')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('student_no', '=', '2021010101')
      .executeTakeFirstOrThrow();
    expect(row.id_number_sealed).toMatch(/^v1:/);
    expect(row.id_number_sealed).not.toContain(ids.zhang);
    expect(JSON.stringify(row)).not.toContain(ids.zhang);
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(JSON.stringify(row)).not.toContain('6222021234567890123');
    // The uploaded file is gone with the import, and so is its key.
    const job = await t.db.selectFrom('roster_imports').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect([job.storage_key, job.file_secret_sealed, job.head_sealed]).toEqual([null, null, null]);
  });

  it('is idempotent: the same file again changes nothing and adds no one', async () => {
    const again = await importFile(officer, await messyWorkbook());
    expect(again).toMatchObject({ status: 'finished', inserted: 0, updated: 0, unchanged: 4, failed: 6 });
    const count = await t.db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('updates by 学号: a changed class is written, the rest stays', async () => {
    const sealedBefore = (
      await t.db
        .selectFrom('students')
        .select('id_number_sealed')
        .where('unit_id', '=', unitId)
        .where('student_no', '=', '2021010101')
        .executeTakeFirstOrThrow()
    ).id_number_sealed;
    const changed = await importFile(officer, await messyWorkbook('2021级护理3班'));
    // Rows 4–5 share the merged class cell: both move to the new class.
    expect(changed).toMatchObject({ inserted: 0, updated: 2, unchanged: 2 });
    expect((await student('2021010101')).className).toBe('2021级护理3班');
    expect((await student('2021010102')).className).toBe('2021级护理3班');
    // An unchanged ID number keeps its ciphertext.
    const sealedAfter = (
      await t.db
        .selectFrom('students')
        .select('id_number_sealed')
        .where('unit_id', '=', unitId)
        .where('student_no', '=', '2021010101')
        .executeTakeFirstOrThrow()
    ).id_number_sealed;
    expect(sealedAfter).toBe(sealedBefore);
  });

  it('writes one audit row per import, with counts and no sensitive value', async () => {
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'roster.imported')
      .where('entity_id', '=', first.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ after: { inserted: 4, failed: 6 } });
    expect(JSON.stringify(audit)).not.toContain(ids.zhang);
  });

  it('cannot be started twice', async () => {
    expectError(
      await officer.post(`/api/roster-imports/${first.id}/start`, { headerRow: 3, mapping: first.mapping }),
      409,
      'roster_import_not_startable',
    );
    expectError(await officer.post(`/api/roster-imports/${first.id}/cancel`), 409, 'roster_import_not_running');
  });

  it('lists the unit’s imports, newest first, only to its officer', async () => {
    const res = await officer.get('/api/roster-imports');
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<RosterImportDto>>();
    expect(page.items[0]!.id).toBeGreaterThan(first.id);
    const leader = await t.login((await t.user({ roles: ['unit_leader'], unitId })).username);
    expectError(await leader.get('/api/roster-imports'), 403, 'not_roster_manager');
  });
});

describe('GET /api/roster-imports/template', () => {
  it('is a workbook whose header the import recognises entirely', async () => {
    const res = await officer.get('/api/roster-imports/template');
    expect(res.statusCode).toBe(200);
    const uploaded = await upload(officer, res.rawPayload);
    const { preview } = uploaded.json<{ preview: RosterPreview }>();
    expect(preview.headerRow).toBe(1);
    expect(Object.keys(preview.mapping)).toHaveLength(16);
  });
});
