import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import type {
  CampaignNoticeDto,
  CampaignObjectionDto,
  DecideInput,
  ObjectionInput,
  PackageSummaryDto,
  PublicCampaignNoticeDto,
  PublishCampaignNoticeInput,
  ReleaseResultDto,
  TrackDecisionsDto,
  UnitReviewResultDto,
} from '../../../../../contracts/decisions.ts';
import { api, buildUrl, toApiError } from '../../../lib/api-client.ts';

const trackKey = (trackId: number) => ['decisions', 'track', trackId] as const;
const noticesKey = (campaignId: number) => ['decisions', 'notices', campaignId] as const;

export function useCampaigns() {
  return useQuery({ queryKey: ['campaigns'], queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }) });
}

export function useTrackDecisions(trackId: number | null) {
  return useQuery({
    queryKey: trackKey(trackId ?? 0),
    queryFn: ({ signal }) => api<TrackDecisionsDto>(`/decisions/tracks/${trackId}`, { signal }),
    enabled: trackId !== null,
  });
}

export function useDecide(trackId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ submissionId, ...body }: DecideInput & { submissionId: number }) =>
      api<TrackDecisionsDto>(`/decisions/submissions/${submissionId}`, { method: 'PUT', body }),
    onSuccess: (view) => client.setQueryData(trackKey(trackId), view),
  });
}

export function useClearDecision(trackId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (submissionId: number) => api<void>(`/decisions/submissions/${submissionId}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: trackKey(trackId) }),
  });
}

export function useRelease(trackId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<ReleaseResultDto>(`/decisions/tracks/${trackId}/release`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: trackKey(trackId) }),
  });
}

export function useWithdrawRelease(trackId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<{ staged: number }>(`/decisions/tracks/${trackId}/withdraw-release`, { method: 'POST', body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: trackKey(trackId) }),
  });
}

export function useUnitResults() {
  return useQuery({
    queryKey: ['decisions', 'unit-results'],
    queryFn: ({ signal }) => api<UnitReviewResultDto[]>('/units/me/review-results', { signal }),
  });
}

// ---- 公示 ----

export function useCampaignNotices(campaignId: number | null) {
  return useQuery({
    queryKey: noticesKey(campaignId ?? 0),
    queryFn: ({ signal }) => api<CampaignNoticeDto[]>(`/decisions/campaigns/${campaignId}/notices`, { signal }),
    enabled: campaignId !== null,
  });
}

export function usePublishNotice(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishCampaignNoticeInput) =>
      api<CampaignNoticeDto>(`/decisions/campaigns/${campaignId}/notices`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: noticesKey(campaignId) }),
  });
}

export function useTakeDown(campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (noticeId: number) => api<CampaignNoticeDto>(`/decisions/notices/${noticeId}/take-down`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: noticesKey(campaignId) }),
  });
}

export function useObjections(noticeId: number | null) {
  return useQuery({
    queryKey: ['decisions', 'objections', noticeId ?? 0],
    queryFn: ({ signal }) => api<CampaignObjectionDto[]>(`/decisions/notices/${noticeId}/objections`, { signal }),
    enabled: noticeId !== null,
  });
}

export function useRespondObjection(noticeId: number, campaignId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ objectionId, response }: { objectionId: number; response: string }) =>
      api<CampaignObjectionDto>(`/decisions/notices/${noticeId}/objections/${objectionId}/response`, {
        method: 'POST',
        body: { response },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['decisions', 'objections', noticeId] });
      void client.invalidateQueries({ queryKey: noticesKey(campaignId) });
    },
  });
}

export function usePublicNotice(id: number) {
  return useQuery({
    queryKey: ['public-notice', id],
    queryFn: ({ signal }) => api<PublicCampaignNoticeDto>(`/public/campaign-notices/${id}`, { signal, skipAuthRedirect: true }),
    retry: false,
  });
}

export function useLodgeObjection(noticeId: number) {
  return useMutation({
    mutationFn: (body: ObjectionInput) =>
      api<{ id: number }>(`/public/campaign-notices/${noticeId}/objections`, { method: 'POST', body, skipAuthRedirect: true }),
  });
}

export const publicNoticeDocxUrl = (id: number) => buildUrl(`/public/campaign-notices/${id}/notice.docx`);

// ---- the upward package ----

export function usePackageSummary(trackId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ['decisions', 'package', trackId ?? 0],
    queryFn: ({ signal }) => api<PackageSummaryDto>(`/decisions/tracks/${trackId}/package/summary`, { signal }),
    enabled: trackId !== null && enabled,
  });
}

/**
 * Downloads the package with fetch and reads the body as a stream, reporting
 * received/total bytes (the server sends the exact Content-Length), then hands
 * back one Blob for saving. The server streams; the browser keeps the file.
 */
export async function downloadPackage(
  trackId: number,
  onProgress: (received: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  const response = await fetch(buildUrl(`/decisions/tracks/${trackId}/package.zip`), { credentials: 'same-origin', signal });
  if (!response.ok) throw toApiError(response.status, await response.text().catch(() => ''));
  const total = Number(response.headers.get('content-length')) || null;
  if (!response.body) {
    const blob = await response.blob();
    onProgress(blob.size, blob.size);
    return blob;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(chunks, { type: 'application/zip' });
}
