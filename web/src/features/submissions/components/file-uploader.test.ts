import { describe, expect, it } from 'vitest';
import { refuseFile } from './file-uploader.tsx';

const MB = 1024 * 1024;

describe('refuseFile: a wrong file is refused before it is sent, with the reason in Chinese', () => {
  it('too large: says the size and the limit', () => {
    expect(refuseFile({ name: '案例.pdf', size: 21 * MB }, ['docx', 'pdf'], 20 * MB)).toBe(
      '“案例.pdf”有 21.0 MB,超过此处的大小限制 20.0 MB,请压缩后重新上传。',
    );
  });

  it('wrong kind: says what is accepted (any letter case of the extension is fine)', () => {
    expect(refuseFile({ name: '照片.PNG', size: 1000 }, ['docx', 'pdf'], 20 * MB)).toBe(
      '“照片.PNG”的类型不符合要求,此处只接受:Word(.docx)、PDF。',
    );
    expect(refuseFile({ name: '照片.JPEG', size: 1000 }, ['jpg', 'png'], MB)).toBeNull();
  });

  it('empty file', () => {
    expect(refuseFile({ name: 'a.pdf', size: 0 }, ['pdf'], MB)).toContain('空文件');
  });
});
