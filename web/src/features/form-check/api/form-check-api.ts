import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { FormCheckCase, InboxItem, InboxQuery, VersionDiff } from '../../../../../contracts/form-check.ts';
import { api, apiBlob } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

export type InboxFilter = Partial<InboxQuery>;

const inboxKey = ['form-check', 'inbox'] as const;
const caseKey = (id: number) => ['form-check', 'case', id] as const;

/** The campaigns with their tracks (the same request the campaigns page makes). */
export function useCampaigns() {
  return useQuery({ queryKey: ['campaigns'], queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }) });
}

export function useInbox(filter: InboxFilter) {
  return useQuery({
    queryKey: [...inboxKey, filter],
    queryFn: ({ signal }) => api<Page<InboxItem>>('/form-check/inbox', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useFormCheckCase(id: number) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => api<FormCheckCase>(`/form-check/submissions/${id}`, { signal }),
    meta: { silent: true },
  });
}

export function useVersionDiff(id: number, a: number | null, b: number | null) {
  return useQuery({
    queryKey: ['form-check', 'diff', id, a, b],
    queryFn: ({ signal }) => api<VersionDiff>(`/form-check/submissions/${id}/versions/${a}/diff/${b}`, { signal }),
    enabled: a !== null && b !== null && a !== b,
  });
}

/** Accept or return: the answer is the case as it now is; the inbox refreshes. */
export function useDecision(id: number) {
  const client = useQueryClient();
  const done = (next: FormCheckCase) => {
    client.setQueryData(caseKey(id), next);
    void client.invalidateQueries({ queryKey: inboxKey });
  };
  return {
    accept: useMutation({
      mutationFn: () => api<FormCheckCase>(`/form-check/submissions/${id}/accept`, { method: 'POST' }),
      onSuccess: done,
    }),
    returnCase: useMutation({
      mutationFn: (reasons: string) => api<FormCheckCase>(`/form-check/submissions/${id}/return`, { method: 'POST', body: { reasons } }),
      onSuccess: done,
    }),
  };
}

/** Downloads a generated file (.xlsx, .docx) under the name the server gives it. */
export async function downloadExport(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await apiBlob(path);
  saveBlob(blob, filename ?? fallbackName);
}

export const trackListPath = (trackId: number) => `/exports/tracks/${trackId}/recommendation-list.xlsx`;
export const caseDocumentPath = (id: number) => `/exports/submissions/${id}/case.docx`;
