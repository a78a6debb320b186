import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { FileStorage } from '../../storage/file-storage.ts';
import { streamPackage, windowsSafeName, type PackageEntry } from './upward-package.ts';

describe('windowsSafeName: names Windows Explorer accepts, Chinese kept', () => {
  it.each([
    ['2024-FZ-0001-研学路上/结对帮扶?', '2024-FZ-0001-研学路上_结对帮扶_'],
    ['“一生一策”: 帮扶<计划>|2024*.docx', '“一生一策”_ 帮扶_计划_2024_.docx'],
    ['案例全文.pdf', '案例全文.pdf'],
    ['结尾有点和空格. . ', '结尾有点和空格'],
    ['CON.pdf', '_CON.pdf'],
    ['aux', '_aux'],
    ['', '未命名'],
    ['换行\r\n和\t制表符.png', '换行_和_制表符.png'],
  ])('%j → %j', (input, expected) => {
    expect(windowsSafeName(input)).toBe(expected);
  });

  it('caps the length in characters and keeps the extension', () => {
    const name = windowsSafeName(`${'资助育人'.repeat(30)}.pdf`, 20);
    expect(name).toBe(`${'资助育人'.repeat(4)}.pdf`);
    expect([...name].length).toBe(20);
  });
});

describe('streamPackage', () => {
  it('announces exactly the bytes it sends, also once the central directory passes 64 KB (700 Chinese names)', async () => {
    const content = Buffer.from('%PDF-1.4 附件内容');
    const storage: FileStorage = {
      put: () => Promise.resolve(),
      createReadStream: () => Readable.from([content]),
      delete: () => Promise.resolve(),
      exists: () => Promise.resolve(true),
    };
    const entries: PackageEntry[] = [];
    for (let i = 0; i < 700; i++) {
      const folder = `2024-FZ-${String(i).padStart(4, '0')}-“一生一策”发展型资助育人实践案例`;
      entries.push({ path: `${folder}/${folder}.docx`, kind: 'buffer', buffer: Buffer.from(`案例 ${i}`) });
      entries.push({ path: `${folder}/佐证材料.pdf`, kind: 'stored', storageKey: 'k', size: content.length, sha256: '' });
    }
    const { stream, size } = await streamPackage(storage, { fileName: 'x.zip', cases: 700, entries });
    const bytes = Buffer.concat(await stream.toArray());
    expect(size).toBe(bytes.length);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)).toHaveLength(1400);
    expect(await zip.file(`${entries[1]!.path}`)!.async('string')).toBe('%PDF-1.4 附件内容');
  });
});
