/**
 * Times are stored as instants and shown in Asia/Shanghai, whatever the
 * browser's own zone is.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const APP_TIME_ZONE = 'Asia/Shanghai';

export function inShanghai(value: string | number | Date | Dayjs): Dayjs {
  return dayjs(value).tz(APP_TIME_ZONE);
}

/** 2024-05-06 14:03 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = inShanghai(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '—';
}

/** 2024-05-06 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  // Plain dates (YYYY-MM-DD) carry no zone: show them as they are.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = inShanghai(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : '—';
}

/** 14:03 */
export function formatClock(value: string): string {
  const d = inShanghai(value);
  return d.isValid() ? d.format('HH:mm') : '';
}

/** The calendar day the user picked, as that day in Shanghai: start or end, ISO with +08:00. */
export function shanghaiDayBound(day: Dayjs, bound: 'start' | 'end'): string {
  const local = dayjs.tz(day.format('YYYY-MM-DD'), APP_TIME_ZONE);
  return (bound === 'start' ? local.startOf('day') : local.endOf('day')).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** A plain date (YYYY-MM-DD) from a DatePicker value. */
export function toPlainDate(day: Dayjs | null | undefined): string | null {
  return day ? day.format('YYYY-MM-DD') : null;
}

export { dayjs };
