import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import type { Region } from '../../../../../contracts/regions.ts';
import type {
  CellValue,
  FilingDto,
  GridDto,
  FilingVersionDto,
  LayoutDto,
  LayoutInput,
  RemindResult,
  ReopenReason,
  ReportSection,
} from '../../../../../contracts/statistics.ts';
import { useState } from 'react';
import { api, buildUrl, errorMessage, filenameFrom, toApiError, uploadWithProgress } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { saveBlob } from '../../../lib/download.ts';

const base = (campaignId: number) => `/statistics/campaigns/${campaignId}`;
const filingPath = (campaignId: number, unitId: number) => `${base(campaignId)}/filings/${unitId}`;

export function useStatisticsCampaigns() {
  return useQuery({
    queryKey: ['statistics', 'campaigns'],
    queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }),
  });
}

export function useLayout(campaignId: number | null) {
  return useQuery({
    queryKey: ['statistics', 'layout', campaignId],
    queryFn: ({ signal }) => api<LayoutDto>(`${base(campaignId!)}/layout`, { signal }),
    enabled: campaignId !== null,
  });
}

export function useSaveLayout(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LayoutInput) => api(`${base(campaignId)}/layout`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['statistics'] }),
  });
}

export function useFiling(campaignId: number | null, unitId: number | null) {
  return useQuery({
    queryKey: ['statistics', 'filing', campaignId, unitId],
    queryFn: ({ signal }) => api<FilingDto>(filingPath(campaignId!, unitId!), { signal }),
    enabled: campaignId !== null && unitId !== null,
  });
}

/** Every change to a filing answers with the filing: the cache takes it as is. */
function useFilingMutation<I>(campaignId: number, unitId: number, request: (input: I) => Promise<FilingDto>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (dto) => {
      client.setQueryData(['statistics', 'filing', campaignId, unitId], dto);
      void client.invalidateQueries({ queryKey: ['statistics', 'grid'] });
    },
  });
}

export function useFilingActions(campaignId: number, unitId: number) {
  const path = filingPath(campaignId, unitId);
  return {
    saveValues: useFilingMutation(campaignId, unitId, (values: Record<string, CellValue>) =>
      api<FilingDto>(`${path}/values`, { method: 'PUT', body: { values } }),
    ),
    override: useFilingMutation(campaignId, unitId, (input: { key: string; value: number; reason: string }) =>
      api<FilingDto>(`${path}/overrides/${input.key}`, { method: 'PUT', body: { value: input.value, reason: input.reason } }),
    ),
    clearOverride: useFilingMutation(campaignId, unitId, (key: string) => api<FilingDto>(`${path}/overrides/${key}`, { method: 'DELETE' })),
    saveReport: useFilingMutation(campaignId, unitId, (sections: ReportSection[]) =>
      api<FilingDto>(`${path}/report`, { method: 'PUT', body: { sections } }),
    ),
    signOff: useFilingMutation(campaignId, unitId, () => api<FilingDto>(`${path}/sign-off`, { method: 'POST', body: {} })),
    submit: useFilingMutation(campaignId, unitId, () => api<FilingDto>(`${path}/submit`, { method: 'POST', body: {} })),
    reopen: useFilingMutation(campaignId, unitId, (input: { reason: ReopenReason; note?: string }) =>
      api<FilingDto>(`${path}/reopen`, { method: 'POST', body: input }),
    ),
  };
}

export function uploadReportFile(campaignId: number, unitId: number, file: File, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<FilingDto>(`${filingPath(campaignId, unitId)}/report-file`, form, onProgress);
}

/** Uploads the report file and puts the answered filing into the cache. */
export function useReportUpload(campaignId: number, unitId: number) {
  const client = useQueryClient();
  return (file: File, onProgress: (percent: number) => void) =>
    uploadReportFile(campaignId, unitId, file, onProgress).then((dto) => {
      client.setQueryData(['statistics', 'filing', campaignId, unitId], dto);
      return dto;
    });
}

export function useGrid(campaignId: number | null, region: Region | undefined) {
  return useQuery({
    queryKey: ['statistics', 'grid', campaignId, region],
    queryFn: ({ signal }) => api<GridDto>(`${base(campaignId!)}/grid`, { query: { region }, signal }),
    enabled: campaignId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRemind(campaignId: number) {
  return useMutation({
    mutationFn: (unitIds?: number[]) =>
      api<RemindResult>(`${base(campaignId)}/reminders`, { method: 'POST', body: unitIds ? { unitIds } : {} }),
  });
}

/** One kept (submitted) version of a unit's filing, fetched when opened. */
export function useFilingVersion(campaignId: number, unitId: number, version: number | null) {
  return useQuery({
    queryKey: ['statistics', 'version', campaignId, unitId, version],
    queryFn: ({ signal }) => api<FilingVersionDto>(`${filingPath(campaignId, unitId)}/versions/${version}`, { signal }),
    enabled: version !== null,
  });
}

/**
 * A file from the server with its progress: the bytes received of the announced size
 * (every export here announces it), read as they arrive; errors come back as the one
 * Chinese error mapping of the API client.
 */
export async function downloadWithProgress(
  path: string,
  fallback: string,
  onProgress: (received: number, total: number | null) => void,
  query?: Record<string, string | undefined>,
): Promise<void> {
  const response = await fetch(buildUrl(path, query), { credentials: 'same-origin' });
  if (!response.ok) throw toApiError(response.status, await response.text().catch(() => ''));
  const total = Number(response.headers.get('content-length')) || null;
  const filename = filenameFrom(response.headers.get('content-disposition')) ?? fallback;
  if (!response.body) {
    saveBlob(await response.blob(), filename);
    return;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  saveBlob(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), filename);
}

export interface DownloadState {
  /** Which export is running (null: none). */
  busy: string | null;
  label: string | null;
  received: number;
  total: number | null;
  start: (key: string, path: string, fallback: string, query?: Record<string, string | undefined>) => void;
}

/** Runs one export at a time and keeps its progress for <DownloadProgress>. */
export function useDownload(): DownloadState {
  const [state, setState] = useState<Omit<DownloadState, 'start'>>({ busy: null, label: null, received: 0, total: null });
  const start: DownloadState['start'] = (key, path, fallback, query) => {
    setState({ busy: key, label: fallback, received: 0, total: null });
    downloadWithProgress(path, fallback, (received, total) => setState((s) => ({ ...s, received, total })), query)
      .catch((e: unknown) => notifyError(errorMessage(e)))
      .finally(() => setState({ busy: null, label: null, received: 0, total: null }));
  };
  return { ...state, start };
}

export const exportPaths = {
  aggregate: (campaignId: number) => `${base(campaignId)}/aggregate.xlsx`,
  reports: (campaignId: number) => `${base(campaignId)}/reports.zip`,
  digest: (campaignId: number) => `${base(campaignId)}/digest.docx`,
  unitTable: (campaignId: number, unitId: number) => `${filingPath(campaignId, unitId)}/table.xlsx`,
  reportFile: (campaignId: number, unitId: number) => `${filingPath(campaignId, unitId)}/report-file`,
  versionReportFile: (campaignId: number, unitId: number, version: number) =>
    `${filingPath(campaignId, unitId)}/versions/${version}/report-file`,
};
