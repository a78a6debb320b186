import type { CellValue, MetricDto, StatisticsColumn } from '../../../../../contracts/statistics.ts';
import { formatDateTime } from '../../../lib/time.ts';

/** Metrics whose figure is yes (1) or no (0); the server's catalogue marks them with the unit 是/否. */
let yesNoMetrics = new Set(['support_center', 'reward_scheme']);
export function learnMetrics(metrics: readonly MetricDto[]): void {
  yesNoMetrics = new Set(metrics.filter((m) => m.unit === '是/否').map((m) => m.key));
}

export function formatCell(col: StatisticsColumn, v: CellValue | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (col.kind === 'boolean' || (col.kind === 'computed' && yesNoMetrics.has(col.metric ?? ''))) return v === true || v === 1 ? '是' : '否';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  return String(v);
}

export const formatTime = (iso: string) => formatDateTime(iso);
