import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignDto,
  CampaignProgressDto,
  CampaignTransition,
  CopyCampaignInput,
  CreateCampaignInput,
  CreateTrackInput,
  NoticeFileDto,
  QuotaOverrideDto,
  QuotaOverridesInput,
  SubtypeInput,
  TrackDto,
  UpdateCampaignInput,
  UpdateTrackInput,
} from '../../../../../contracts/campaigns.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { FormTemplate } from '../../../../../contracts/form-template.ts';
import type { Region } from '../../../../../contracts/regions.ts';
import type { UserDto } from '../../../../../contracts/users.ts';
import { api, uploadWithProgress } from '../../../lib/api-client.ts';

const campaignsKey = ['campaigns'] as const;

export function useCampaigns() {
  return useQuery({
    queryKey: campaignsKey,
    queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }),
  });
}

export function useCampaign(id: number) {
  return useQuery({
    queryKey: [...campaignsKey, id],
    queryFn: ({ signal }) => api<CampaignDto>(`/campaigns/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Any change to a campaign or its tracks refreshes every campaign view (list, detail, dashboard). */
function useInvalidate() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: campaignsKey });
    void client.invalidateQueries({ queryKey: ['campaign-progress'] });
  };
}

function useCampaignMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>, silent = false) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: fn, onSuccess: invalidate, meta: { silent } });
}

export const useCreateCampaign = () =>
  useCampaignMutation((input: CreateCampaignInput) => api<CampaignDto>('/campaigns', { method: 'POST', body: input }), true);

export const useUpdateCampaign = () =>
  useCampaignMutation(
    ({ id, input }: { id: number; input: UpdateCampaignInput }) => api<CampaignDto>(`/campaigns/${id}`, { method: 'PATCH', body: input }),
    true,
  );

/** Silent: a refused opening lists what is missing in a dialog of its own. */
export const useTransitionCampaign = () =>
  useCampaignMutation(
    ({ id, transition }: { id: number; transition: CampaignTransition }) =>
      api<CampaignDto>(`/campaigns/${id}/${transition}`, { method: 'POST' }),
    true,
  );

export const useCopyCampaign = () =>
  useCampaignMutation(
    ({ id, input }: { id: number; input: CopyCampaignInput }) => api<CampaignDto>(`/campaigns/${id}/copy`, { method: 'POST', body: input }),
    true,
  );

export const useDeleteCampaign = () => useCampaignMutation((id: number) => api<void>(`/campaigns/${id}`, { method: 'DELETE' }));

export const useCreateTrack = () =>
  useCampaignMutation(
    ({ campaignId, input }: { campaignId: number; input: CreateTrackInput }) =>
      api<TrackDto>(`/campaigns/${campaignId}/tracks`, { method: 'POST', body: input }),
    true,
  );

export const useUpdateTrack = () =>
  useCampaignMutation(
    ({ id, input }: { id: number; input: UpdateTrackInput }) => api<TrackDto>(`/tracks/${id}`, { method: 'PATCH', body: input }),
    true,
  );

export const useDeleteTrack = () => useCampaignMutation((id: number) => api<void>(`/tracks/${id}`, { method: 'DELETE' }));

export const useReorderTracks = () =>
  useCampaignMutation(({ campaignId, trackIds }: { campaignId: number; trackIds: number[] }) =>
    api<CampaignDto>(`/campaigns/${campaignId}/track-order`, { method: 'PUT', body: { trackIds } }),
  );

export const useSaveTemplate = () =>
  useCampaignMutation(
    ({ trackId, template }: { trackId: number; template: FormTemplate }) =>
      api<TrackDto>(`/tracks/${trackId}/form-template`, { method: 'PUT', body: template }),
    true,
  );

export const useCreateSubtype = () =>
  useCampaignMutation(
    ({ trackId, input }: { trackId: number; input: SubtypeInput }) =>
      api<TrackDto>(`/tracks/${trackId}/subtypes`, { method: 'POST', body: input }),
    true,
  );

export const useUpdateSubtype = () =>
  useCampaignMutation(
    ({ id, input }: { id: number; input: Partial<SubtypeInput> }) => api<TrackDto>(`/subtypes/${id}`, { method: 'PATCH', body: input }),
    true,
  );

export const useDeleteSubtype = () => useCampaignMutation((id: number) => api<void>(`/subtypes/${id}`, { method: 'DELETE' }));

export const useRemoveNoticeFile = () =>
  useCampaignMutation(({ campaignId, fileId }: { campaignId: number; fileId: number }) =>
    api<void>(`/campaigns/${campaignId}/files/${fileId}`, { method: 'DELETE' }),
  );

export function uploadNoticeFile(campaignId: number, file: File, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<NoticeFileDto>(`/campaigns/${campaignId}/files`, form, onProgress, signal);
}

export { useInvalidate as useInvalidateCampaigns };

// ---- quotas

export function useQuotaOverrides(trackId: number | null) {
  return useQuery({
    queryKey: ['track-quotas', trackId],
    queryFn: ({ signal }) => api<QuotaOverrideDto[]>(`/tracks/${trackId}/quotas`, { signal }),
    enabled: trackId !== null,
  });
}

export function useSaveQuotaOverrides() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ trackId, overrides }: { trackId: number; overrides: QuotaOverridesInput }) =>
      api<QuotaOverrideDto[]>(`/tracks/${trackId}/quotas`, { method: 'PUT', body: overrides }),
    onSuccess: (data, { trackId }) => {
      client.setQueryData(['track-quotas', trackId], data);
      invalidate();
    },
  });
}

// ---- progress

export function useCampaignProgress(campaignId: number, region: Region | undefined) {
  return useQuery({
    queryKey: ['campaign-progress', campaignId, region ?? null],
    queryFn: ({ signal }) => api<CampaignProgressDto>(`/campaigns/${campaignId}/progress`, { query: { region }, signal }),
    placeholderData: keepPreviousData,
  });
}

// ---- coordinator search (the admin's user list, limited to active coordinators)

export function useCoordinatorOptions(q: string) {
  return useQuery({
    queryKey: ['coordinator-options', q],
    queryFn: ({ signal }) =>
      api<Page<UserDto>>('/users', { query: { role: 'track_coordinator', status: 'active', q, page: 1, pageSize: 50 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
