/**
 * The upward package (上报材料) of one track: 100 推荐省级 cases with 5 × 2 MB
 * attachments each (≈ 1 GB of incompressible bytes, as PDFs and photos are),
 * downloaded through the real server, compared in the same run with the `zip`
 * command storing the same files (`zip -r -0`: the package stores too, see
 * docs/decisions/015).
 *
 * Measures for the server: time to the summary, time to first byte, total time,
 * throughput, and its resident memory before and during the download (the zip
 * must stream: memory may not grow with the package). For `zip`: time,
 * throughput and peak memory (/usr/bin/time). Both write to /dev/null-like
 * sinks (the client counts bytes; zip writes to stdout, discarded), after a
 * first pass has put the files in the page cache for both.
 *
 *   node --import tsx bench/upward-package.ts [--db pglite|postgres] [--cases 100] [--files 5] [--mb 2] [--repeat 2]
 *   (postgres: BENCH_DATABASE_URL=postgres://user@host:port/postgres — a fresh database is created)
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultFormTemplate } from '../contracts/form-template.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { windowsSafeName } from '../server/src/modules/decisions/upward-package.ts';
import { BENCH_PASSWORD, freshDatabase, machine, peakRssMb, root, signIn, startServer, stopServer } from './support.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    cases: { type: 'string', default: '100' },
    files: { type: 'string', default: '5' },
    mb: { type: 'string', default: '2' },
    repeat: { type: 'string', default: '2' },
    port: { type: 'string', default: '3473' },
  },
});
const caseCount = Number(args.cases);
const filesPerCase = Number(args.files);
const fileBytes = Math.round(Number(args.mb) * 1024 * 1024);
const repeat = Number(args.repeat);
const port = Number(args.port);

const MB = 1024 * 1024;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

// ---- fixture: units, an admin, one track with released 推荐省级 cases and their files on disk

const filesDir = mkdtempSync(path.join(os.tmpdir(), 'yz-pkg-files-'));
const database = await freshDatabase(args.db!, 'pkg');
const dataDir = database.env.DATA_DIR ?? filesDir;
const storageRoot = path.join(dataDir, 'files');
const treeDir = path.join(filesDir, 'tree');
const db = database.handle.db;

const seedStart = performance.now();
const units: number[] = [];
for (let i = 1; i <= 20; i++) {
  const { id } = await db
    .insertInto('units')
    .values({ code: `P${String(i).padStart(2, '0')}`, name: `上报测试分院${i}`, kind: 'branch', city: '南京', address: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  units.push(id);
}
const { id: adminId } = await db
  .insertInto('users')
  .values({
    username: 'pkg-admin',
    display_name: '压测管理员',
    email: null,
    phone: null,
    unit_id: null,
    password_hash: await hashPassword(BENCH_PASSWORD),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db.insertInto('user_roles').values({ user_id: adminId, role: 'institute_admin' }).execute();
const campaign = await db
  .insertInto('campaigns')
  .values({ year: 2024, title: '2024年“苏乡永助”资助育人主题活动', status: 'reviewing', summary_due_on: '2024-09-20', settings: '{}' })
  .returning('id')
  .executeTakeFirstOrThrow();
const track = await db
  .insertInto('tracks')
  .values({
    campaign_id: campaign.id,
    code: 'FZ',
    name: '发展型资助育人优秀案例',
    kind: 'case',
    sort_order: 0,
    upward_quota: caseCount,
    contact_name: '陈老师',
    contact_phone: '0516-80000000',
    form_template: JSON.stringify(defaultFormTemplate('FZ', 'case')),
  })
  .returning('id')
  .executeTakeFirstOrThrow();

let totalAttachmentBytes = 0;
for (let c = 1; c <= caseCount; c++) {
  const receiptNo = `2024-FZ-${String(c).padStart(4, '0')}`;
  const title = `“一生一策”发展型资助育人实践案例第${c}号`;
  const now = new Date();
  const { id: submissionId } = await db
    .insertInto('submissions')
    .values({
      campaign_id: campaign.id,
      track_id: track.id,
      unit_id: units[c % units.length]!,
      created_by: adminId,
      title,
      summary: '为每名困难学生制定成长方案。',
      sections: JSON.stringify({
        background: '背景'.repeat(200),
        practice: '做法'.repeat(500),
        outcomes: '成效'.repeat(200),
        lessons: '启示'.repeat(100),
      }),
      implementation: 'implemented',
      priority_tags: '[]',
      contact_name: '李老师',
      contact_phone: '025-86000000',
      receipt_no: receiptNo,
      submitted_at: now,
      accepted_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const folder = path.join(treeDir, windowsSafeName(`${receiptNo}-${title}`));
  mkdirSync(folder, { recursive: true });
  for (let f = 1; f <= filesPerCase; f++) {
    const bytes = randomBytes(fileBytes);
    const key = `2024/11/${randomBytes(16).toString('hex')}.pdf`;
    mkdirSync(path.join(storageRoot, '2024/11'), { recursive: true });
    writeFileSync(path.join(storageRoot, key), bytes);
    const name = `佐证材料${f}.pdf`;
    const { id: fileId } = await db
      .insertInto('stored_files')
      .values({
        storage_key: key,
        original_name: name,
        mime_type: 'application/pdf',
        extension: 'pdf',
        size_bytes: fileBytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        unit_id: null,
        uploaded_by: adminId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('submission_attachments')
      .values({ submission_id: submissionId, slot_key: f === 1 ? 'case_document' : 'evidence', file_id: fileId })
      .execute();
    // The same bytes for the zip command, under the names the package gives them.
    symlinkSync(path.join(storageRoot, key), path.join(folder, name));
    totalAttachmentBytes += fileBytes;
  }
  await db
    .insertInto('review_decisions')
    .values({
      submission_id: submissionId,
      track_id: track.id,
      outcome: 'provincial',
      decided_by: adminId,
      released_at: now,
      released_by: adminId,
    })
    .execute();
}
await database.handle.close();
const seedSeconds = round((performance.now() - seedStart) / 1000);
console.log(`seeded ${caseCount} cases, ${caseCount * filesPerCase} files, ${round(totalAttachmentBytes / MB)} MB in ${seedSeconds} s`);

// ---- the server's package

const server = await startServer({ ...database.env, DATA_DIR: dataDir }, port);
const serverRuns: Record<string, number>[] = [];
let serverPeakMb = 0;
try {
  const session = await signIn(port, 'pkg-admin');
  const headers = { cookie: session.cookie };
  const base = `http://127.0.0.1:${port}/api/decisions/tracks/${track.id}`;

  for (let run = 0; run < repeat; run++) {
    const t0 = performance.now();
    const summary = (await (await fetch(`${base}/package/summary`, { headers })).json()) as { fileCount: number; totalBytes: number };
    const summaryMs = performance.now() - t0;

    const rssBefore = rssMb(server.pid!);
    let rssMax = rssBefore;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(server.pid!))), 50);
    const t1 = performance.now();
    const res = await fetch(`${base}/package.zip`, { headers });
    if (!res.ok || !res.body) throw new Error(`package: ${res.status} ${await res.text()}`);
    const contentLength = Number(res.headers.get('content-length'));
    let received = 0;
    let firstByteMs = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received === 0) firstByteMs = performance.now() - t1;
      received += value.length;
    }
    const totalMs = performance.now() - t1;
    clearInterval(sampler);
    if (received !== contentLength) throw new Error(`received ${received} of ${contentLength} bytes`);
    serverRuns.push({
      summaryMs: Math.round(summaryMs),
      firstByteMs: Math.round(firstByteMs),
      totalMs: Math.round(totalMs),
      files: summary.fileCount,
      zipMb: round(received / MB),
      mbPerS: round(received / MB / (totalMs / 1000)),
      // After the first byte: the zip streaming alone, without generating the documents.
      streamMbPerS: round(received / MB / ((totalMs - firstByteMs) / 1000)),
      rssBeforeMb: rssBefore,
      rssMaxDuringMb: rssMax,
      rssGrowthMb: rssMax - rssBefore,
    });
    console.log('server', serverRuns.at(-1));
  }
} finally {
  serverPeakMb = peakRssMb(server);
  await stopServer(server);
}

// ---- the zip command on the same files (stored: -0), to stdout, discarded

function runZip(): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let stderr = '';
    const child = spawn('/usr/bin/time', ['-f', '%M', 'zip', '-r', '-0', '-q', '-', '.'], {
      cwd: treeDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`zip exited ${code}: ${stderr}`));
      resolve({ ms: performance.now() - t0, peakMb: Math.round(Number(stderr.trim().split('\n').at(-1)) / 1024) });
    });
  });
}

const zipRuns: Record<string, number>[] = [];
for (let run = 0; run < repeat; run++) {
  const { ms, peakMb } = await runZip();
  zipRuns.push({ totalMs: Math.round(ms), mbPerS: round(totalAttachmentBytes / MB / (ms / 1000)), peakMb });
  console.log('zip -r -0', zipRuns.at(-1));
}

const result = {
  date: new Date().toISOString(),
  machine: machine(),
  db: args.db,
  cases: caseCount,
  filesPerCase,
  fileMb: Number(args.mb),
  attachmentMb: round(totalAttachmentBytes / MB),
  seedSeconds,
  server: { runs: serverRuns, peakRssMbWholeRun: serverPeakMb },
  zipCommand: { command: 'zip -r -0 -q - . > /dev/null', runs: zipRuns },
};
const out = path.join(root, 'bench', 'results', `upward-package-${args.db}.json`);
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written ${path.relative(root, out)}`);

rmSync(filesDir, { recursive: true, force: true });
await database.cleanup();
