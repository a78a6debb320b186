import type { Dayjs } from 'dayjs';
import { APP_TIME_ZONE, dayjs, inShanghai } from '../../../lib/time.ts';

/** An ISO instant as the picker's value: the Shanghai wall clock, whatever the browser's zone. */
export function toPickerValue(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  return dayjs(inShanghai(iso).format('YYYY-MM-DDTHH:mm:ss'));
}

/** A picker value (Shanghai wall clock) as an ISO instant with +08:00, or null when cleared. */
export function fromPickerValue(value: Dayjs | null | undefined): string | null {
  if (!value) return null;
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:00'), APP_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}
