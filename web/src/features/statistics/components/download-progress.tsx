import { Progress, Typography } from 'antd';
import type { DownloadState } from '../api/statistics-api.ts';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The running export: what it is, and how much of it has arrived (the server first prepares it, then sends it). */
export function DownloadProgress({ state }: { state: DownloadState }) {
  if (state.busy === null) return null;
  const percent = state.total ? Math.min(100, Math.round((state.received / state.total) * 100)) : 0;
  return (
    <div role="status" aria-live="polite" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {state.received === 0
          ? `正在生成「${state.label}」…`
          : `正在下载「${state.label}」:${size(state.received)}${state.total ? ` / ${size(state.total)}` : ''}`}
      </Typography.Text>
      <Progress percent={percent} size="small" status="active" showInfo={state.total !== null} />
    </div>
  );
}
