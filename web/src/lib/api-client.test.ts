import { describe, expect, it } from 'vitest';
import { filenameFrom, toApiError } from './api-client.ts';
import { csvBlob } from './download.ts';
import { safeNextPath } from './safe-next.ts';
import { formatClock, shanghaiDayBound, dayjs } from './time.ts';

describe('toApiError', () => {
  it('keeps the code, message, issues and details of an ErrorBody', () => {
    const error = toApiError(
      400,
      JSON.stringify({ code: 'validation_failed', message: '填写的内容有误', issues: [{ path: 'email', message: '邮箱格式不正确' }] }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: 'email', message: '邮箱格式不正确' }]);
  });

  it('never shows the text of a 5xx body', () => {
    const error = toApiError(500, JSON.stringify({ code: 'internal_error', message: 'TypeError: x is undefined\n    at …' }));
    expect(error.message).toBe('服务器出现错误,您的数据未丢失,请稍后重试或联系管理员。');
  });

  it('maps a body that is not JSON by its status', () => {
    expect(toApiError(502, '<html>Bad Gateway</html>').code).toBe('service_unavailable');
    expect(toApiError(401, '').code).toBe('unauthenticated');
  });

  it('does not trust an unknown code', () => {
    expect(toApiError(403, JSON.stringify({ code: 'made_up', message: 'x' })).code).toBe('forbidden');
  });
});

describe('helpers', () => {
  it('reads UTF-8 file names from Content-Disposition', () => {
    expect(filenameFrom(`attachment; filename="a.xlsx"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx`)).toBe('用户.xlsx');
    expect(filenameFrom('attachment; filename="report.xlsx"')).toBe('report.xlsx');
    expect(filenameFrom(null)).toBeNull();
  });

  it('writes CSV with a BOM and defuses formulas', async () => {
    const bytes = new Uint8Array(await csvBlob(['用户名', '备注'], [['wang', '=1+1']]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`"wang","'=1+1"`);
  });

  it('accepts only paths inside the app as `next`', () => {
    expect(safeNextPath('/admin/units')).toBe('/admin/units');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });

  it('shows and sends times in Asia/Shanghai', () => {
    expect(formatClock('2024-05-06T06:30:00Z')).toBe('14:30');
    expect(shanghaiDayBound(dayjs('2024-05-06'), 'start')).toBe('2024-05-06T00:00:00.000+08:00');
    expect(shanghaiDayBound(dayjs('2024-05-06'), 'end')).toBe('2024-05-06T23:59:59.999+08:00');
  });
});
