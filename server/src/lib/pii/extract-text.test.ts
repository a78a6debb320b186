import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage, newStorageKey } from '../../storage/local-disk-storage.ts';
import { extractText, extractTextFromBuffer, type ExtractedText } from './extract-text.ts';
import { scanText } from './scan.ts';
import { docxWith, pdfWithPredefinedCMap, pdfWithToUnicode, xlsxWith } from './test-documents.ts';

let dir: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yz-extract-'));
  storage = new LocalDiskStorage(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function stored(bytes: Buffer, ext: string): Promise<string> {
  const key = newStorageKey(ext);
  await storage.put(key, Readable.from([bytes]));
  return key;
}

function textOf(result: ExtractedText): string {
  expect(result.status).toBe('text');
  return result.status === 'text' ? result.text : '';
}

describe('extractText', () => {
  it('reads a Word document, runs of one paragraph joined, paragraphs on their own lines', async () => {
    const key = await stored(await docxWith(['家长联系方式', ['手机 138', '1234', '5678'], '家住张庄村3组']), 'docx');
    const text = textOf(await extractText(storage, key, 'docx'));
    expect(text.split('\n')).toEqual(expect.arrayContaining(['家长联系方式', '手机 13812345678', '家住张庄村3组']));
    expect(scanText(text).map((f) => f.kind)).toEqual(['mobile', 'address']);
  });

  it('reads Chinese text out of a PDF whose font maps glyphs to characters (ToUnicode)', async () => {
    const key = await stored(pdfWithToUnicode(['发展型资助育人案例', '学生身份证号:32128120050317002X']), 'pdf');
    const text = textOf(await extractText(storage, key, 'pdf'));
    expect(text).toContain('发展型资助育人案例');
    expect(scanText(text).map((f) => [f.kind, f.masked])).toEqual([['id_number', '3212**********002X']]);
  });

  it('reads Chinese text out of a PDF with a predefined Chinese encoding (no ToUnicode map)', async () => {
    const text = textOf(await extractTextFromBuffer(pdfWithPredefinedCMap(['联系电话:13812345678', '实施成效显著']), 'pdf'));
    expect(text).toContain('实施成效显著');
    expect(scanText(text).map((f) => f.masked)).toEqual(['138****5678']);
  });

  it('keeps table cells of a PDF apart, so numbers in neighbouring cells never join into one', async () => {
    const pdf = pdfWithToUnicode([
      [
        [40, '135'],
        [200, '2023'],
        [360, '13812345678'],
      ],
    ]);
    const text = textOf(await extractTextFromBuffer(pdf, 'pdf'));
    expect(text.trim().split('\t')).toEqual(['135', '2023', '13812345678']);
  });

  it('reads plain text as UTF-8, and as GB18030 when it is not UTF-8', async () => {
    const utf8 = await stored(Buffer.from('\uFEFF家长电话:13812345678', 'utf8'), 'txt');
    expect(textOf(await extractText(storage, utf8, 'txt'))).toBe('家长电话:13812345678');
    // 家长电话:13812345678,住中山路12号 — encoded in GB18030 by another program.
    const gbk = Buffer.from('bcd2b3a4b5e7bbb03a31333831323334353637382cd7a1d6d0c9bdc2b73132bac5', 'hex');
    expect(textOf(await extractTextFromBuffer(gbk, 'txt'))).toBe('家长电话:13812345678,住中山路12号');
  });

  it('reads the cells of a workbook, numbers included', async () => {
    const text = textOf(
      await extractTextFromBuffer(
        await xlsxWith([
          ['姓名', '手机'],
          ['小李', 13812345678],
        ]),
        'xlsx',
      ),
    );
    expect(text).toContain('小李');
    expect(scanText(text).map((f) => f.masked)).toEqual(['138****5678']);
  });

  it('says which files a person must check by hand: images, other kinds, broken and oversized files', async () => {
    expect(await extractTextFromBuffer(Buffer.from('x'), 'png')).toEqual({ status: 'unchecked', reason: 'image' });
    expect(await extractTextFromBuffer(Buffer.from('x'), 'jpg')).toEqual({ status: 'unchecked', reason: 'image' });
    expect(await extractTextFromBuffer(Buffer.from('x'), 'mp4')).toEqual({ status: 'unchecked', reason: 'unsupported' });
    expect(await extractTextFromBuffer(Buffer.from('%PDF-1.4 garbage'), 'pdf')).toEqual({ status: 'unchecked', reason: 'unreadable' });
    expect(await extractTextFromBuffer(Buffer.from('PK not a zip'), 'docx')).toEqual({ status: 'unchecked', reason: 'unreadable' });
    const big = await stored(Buffer.alloc(4096, 0x41), 'txt');
    expect(await extractText(storage, big, 'txt', { maxBytes: 1024 })).toEqual({ status: 'unchecked', reason: 'too_large' });
    expect(await extractText(storage, '2026/01/00000000000000000000000000000000.pdf', 'pdf')).toEqual({
      status: 'unchecked',
      reason: 'unreadable',
    });
  });
});
