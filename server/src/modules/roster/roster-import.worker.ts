/**
 * The import's reading side, in a worker thread: unzipping, parsing and
 * checking 200 000 rows is seconds of CPU that must not stall the API. It
 * sends batches of checked rows to the main thread, which owns the database
 * and the keys, and waits for each batch to be written before sending the
 * next but one (one batch of look-ahead, so memory stays flat).
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { RosterMapping, RosterRowError } from '../../../../contracts/roster.ts';
import { StreamedWorkbook, type CellValue } from '../../lib/xlsx.ts';
import { Keyring, keyFileOf, parseKeys } from '../../privacy/keyring.ts';
import { sealSensitive, type SealedColumns } from '../../privacy/sensitive-columns.ts';
import { columnLabel, isBlankRow, readRosterRow, type ImportedStudent, type RowContext } from './roster-rows.ts';

export type WorkerJob =
  | { mode: 'head'; file: Uint8Array; maxRows: number }
  | {
      mode: 'run';
      file: Uint8Array;
      merges: string[];
      headerRow: number;
      mapping: RosterMapping;
      headers: [number, string][];
      context: RowContext;
      batchSize: number;
      /** Where the server's PII keys are (never created here): sealing in the worker keeps it off the main thread. */
      keys: { piiKeys: string | null; dataDir: string };
    };

/** A checked row; `sealed` holds its sensitive columns when the worker could seal them. */
export interface CheckedRow {
  rowNumber: number;
  student: ImportedStudent;
  sealed: SealedColumns | null;
}

export type WorkerMessage =
  | { type: 'head'; sheetName: string; merges: string[]; rowCount: number; rows: { rowNumber: number; values: CellValue[] }[] }
  | { type: 'batch'; rowsRead: number; students: CheckedRow[]; errors: RosterRowError[] }
  | { type: 'done'; rowsRead: number }
  | { type: 'failed'; code: 'roster_file_unreadable' | 'file_type_not_allowed' };

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

let release: (() => void) | null = null;
port.on('message', (message) => {
  if (message === 'ack') release?.();
});

/** Not an .xlsx at all is the file's type; a damaged one (found later, while reading) is unreadable. */
class NotXlsx extends Error {}

function open(file: Uint8Array): StreamedWorkbook {
  try {
    return StreamedWorkbook.open(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  } catch {
    throw new NotXlsx();
  }
}

async function head(job: Extract<WorkerJob, { mode: 'head' }>) {
  const workbook = open(job.file);
  const { merges, rowCount } = await workbook.layout();
  const rows: { rowNumber: number; values: CellValue[] }[] = [];
  for await (const row of workbook.rows(merges)) {
    rows.push(row);
    if (row.rowNumber >= job.maxRows) break;
  }
  post({ type: 'head', sheetName: workbook.sheetName, merges, rowCount, rows });
}

/** The server's keys as it loaded them: PII_KEYS, or the key file it created at start (read only). */
async function keyringOf(keys: { piiKeys: string | null; dataDir: string }): Promise<Keyring | null> {
  try {
    return new Keyring(parseKeys(keys.piiKeys ?? (await readFile(keyFileOf(keys.dataDir), 'utf8')).trim()));
  } catch {
    return null;
  }
}

async function run(job: Extract<WorkerJob, { mode: 'run' }>) {
  const keyring = await keyringOf(job.keys);
  const workbook = open(job.file);
  const headers = new Map(job.headers);
  const firstRowOf = new Map<string, number>();
  let rowsRead = 0;
  let students: CheckedRow[] = [];
  let errors: RosterRowError[] = [];
  let batchRows = 0;
  let written: Promise<void> = Promise.resolve();
  const flush = async () => {
    await written;
    written = new Promise<void>((resolve) => (release = resolve));
    post({ type: 'batch', rowsRead, students, errors });
    students = [];
    errors = [];
    batchRows = 0;
  };

  for await (const { rowNumber, values } of workbook.rows(job.merges)) {
    if (rowNumber <= job.headerRow || isBlankRow(values, job.mapping)) continue;
    rowsRead++;
    batchRows++;
    const outcome = readRosterRow(rowNumber, values, job.mapping, headers, job.context);
    const who = { row: rowNumber, studentNo: outcome.studentNo, name: outcome.name };
    if (outcome.student) {
      const first = firstRowOf.get(outcome.student.studentNo);
      if (first !== undefined) {
        errors.push({ ...who, column: columnLabel('studentNo', job.mapping, headers), message: `学号与第 ${first} 行重复,此行未导入` });
      } else {
        firstRowOf.set(outcome.student.studentNo, rowNumber);
        const { idNumber, phone, address, birthDate, bankCard } = outcome.student;
        const sealed = keyring ? sealSensitive(keyring, { idNumber, phone, address, birthDate, bankCard }) : null;
        students.push({ rowNumber, student: outcome.student, sealed });
      }
    } else {
      for (const e of outcome.errors) errors.push({ ...who, ...e });
    }
    if (batchRows >= job.batchSize) await flush();
  }
  await flush();
  await written;
  post({ type: 'done', rowsRead });
}

const job = workerData as WorkerJob;
try {
  await (job.mode === 'head' ? head(job) : run(job));
} catch (error) {
  post({
    type: 'failed',
    code: error instanceof NotXlsx ? 'file_type_not_allowed' : 'roster_file_unreadable',
  });
}
