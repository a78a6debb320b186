import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AwardDto,
  AwardsPage,
  RegistryFileDto,
  RewardItemDto,
  RewardSchemeView,
  SeminarDto,
  SeminarsPage,
  SupportCenterView,
} from '../../../../../contracts/registries.ts';
import { api, uploadWithProgress } from '../../../lib/api-client.ts';

/** Every registry query starts with this key: one invalidation refreshes the page after a change. */
const root = ['registries'] as const;

export function useSupportCenter(unitId: number | null) {
  return useQuery({
    queryKey: [...root, 'support-center', unitId],
    queryFn: ({ signal }) => api<SupportCenterView>('/registries/support-center', { query: { unitId }, signal }),
    enabled: unitId !== null,
  });
}

export function useRewardScheme(unitId: number | null) {
  return useQuery({
    queryKey: [...root, 'reward-scheme', unitId],
    queryFn: ({ signal }) => api<RewardSchemeView>('/registries/reward-scheme', { query: { unitId }, signal }),
    enabled: unitId !== null,
  });
}

export function useAwards(unitId: number | null, filter: { schoolYear?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...root, 'awards', unitId, filter],
    queryFn: ({ signal }) => api<AwardsPage>('/registries/awards', { query: { unitId, ...filter }, signal }),
    enabled: unitId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSeminars(unitId: number | null, filter: { schoolYear?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...root, 'seminars', unitId, filter],
    queryFn: ({ signal }) => api<SeminarsPage>('/registries/seminars', { query: { unitId, ...filter }, signal }),
    enabled: unitId !== null,
    placeholderData: keepPreviousData,
  });
}

function useRegistryMutation<I, O>(fn: (input: I) => Promise<O>, options: { silent?: boolean } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: root }),
    meta: { silent: options.silent ?? false },
  });
}

/** Forms show their refusals on their fields: silent. */
export const useSaveSupportCenter = () =>
  useRegistryMutation((input: unknown) => api<SupportCenterView>('/registries/support-center', { method: 'PUT', body: input }), {
    silent: true,
  });

export const useSaveRewardScheme = () =>
  useRegistryMutation((input: unknown) => api<RewardSchemeView>('/registries/reward-scheme', { method: 'PUT', body: input }), {
    silent: true,
  });

export const useSaveRewardItem = () =>
  useRegistryMutation(
    ({ id, input }: { id: number | null; input: unknown }) =>
      id === null
        ? api<RewardItemDto>('/registries/reward-items', { method: 'POST', body: input })
        : api<RewardItemDto>(`/registries/reward-items/${id}`, { method: 'PATCH', body: input }),
    { silent: true },
  );

export const useDeleteRewardItem = () =>
  useRegistryMutation((id: number) => api<void>(`/registries/reward-items/${id}`, { method: 'DELETE' }));

export const useGiveAward = () =>
  useRegistryMutation((input: unknown) => api<AwardDto>('/registries/awards', { method: 'POST', body: input }), { silent: true });

export const useRevokeAward = () => useRegistryMutation((id: number) => api<void>(`/registries/awards/${id}`, { method: 'DELETE' }));

export const useSaveSeminar = () =>
  useRegistryMutation(
    ({ id, input }: { id: number | null; input: unknown }) =>
      id === null
        ? api<SeminarDto>('/registries/seminars', { method: 'POST', body: input })
        : api<SeminarDto>(`/registries/seminars/${id}`, { method: 'PATCH', body: input }),
    { silent: true },
  );

export const useDeleteSeminar = () => useRegistryMutation((id: number) => api<void>(`/registries/seminars/${id}`, { method: 'DELETE' }));

export const useDeleteRegistryFile = () => useRegistryMutation((id: number) => api<void>(`/registries/files/${id}`, { method: 'DELETE' }));

export function useInvalidateRegistries() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: root });
}

export function uploadRegistryFile(path: string, file: File, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<RegistryFileDto>(path, form, onProgress);
}
