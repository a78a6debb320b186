import { dayjs, formatDateTime, inShanghai, APP_TIME_ZONE } from '../../../lib/time.ts';
import type { Dayjs } from 'dayjs';

/**
 * Deadlines are instants; the pickers show and take Shanghai wall-clock time,
 * whatever zone the browser is in. A picker value carries the Shanghai
 * wall clock as if local, and is read back the same way.
 */
export function toPickerValue(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  return dayjs(inShanghai(iso).format('YYYY-MM-DDTHH:mm:ss'));
}

/** A picker value (Shanghai wall clock) as an ISO instant with +08:00, or null when cleared. */
export function fromPickerValue(value: Dayjs | null | undefined): string | null {
  if (!value) return null;
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:00'), APP_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The three deadlines of a track, for the overview and lists. */
export function deadlineLines(track: { opensAt: string | null; submissionClosesAt: string | null; revisionClosesAt: string | null }) {
  return [
    { key: 'opens', label: '开放申报', value: formatDateTime(track.opensAt) },
    { key: 'closes', label: '提交截止', value: formatDateTime(track.submissionClosesAt) },
    { key: 'revision', label: '修改截止', value: formatDateTime(track.revisionClosesAt) },
  ];
}
