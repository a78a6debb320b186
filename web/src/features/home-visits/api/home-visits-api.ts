import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateHomeVisitInput,
  HomeVisitDto,
  HomeVisitPage,
  ListHomeVisitsQuery,
  UpdateHomeVisitInput,
} from '../../../../../contracts/home-visits.ts';
import { api, uploadWithProgress } from '../../../lib/api-client.ts';

export type HomeVisitsFilter = Partial<ListHomeVisitsQuery>;

const listKey = ['home-visits'] as const;
export const homeVisitKey = (id: number) => ['home-visit', id] as const;

export function useHomeVisits(filter: HomeVisitsFilter) {
  return useQuery({
    queryKey: [...listKey, filter],
    queryFn: ({ signal }) => api<HomeVisitPage>('/home-visits', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHomeVisit(id: number) {
  return useQuery({
    queryKey: homeVisitKey(id),
    queryFn: ({ signal }) => api<HomeVisitDto>(`/home-visits/${id}`, { signal }),
    meta: { silent: true },
  });
}

export const fetchHomeVisit = (id: number) => api<HomeVisitDto>(`/home-visits/${id}`);

export const patchHomeVisit = (id: number, body: UpdateHomeVisitInput) =>
  api<{ revision: number; updatedAt: string }>(`/home-visits/${id}`, { method: 'PATCH', body });

export const uploadVisitPhoto = (id: number, file: File, onProgress: (percent: number) => void) => {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<HomeVisitDto>(`/home-visits/${id}/photos`, form, onProgress);
};

/** After any change: the lists, and the visit with the answer the server just gave. */
export function useRefreshHomeVisits() {
  const client = useQueryClient();
  return (detail?: HomeVisitDto) => {
    if (detail) client.setQueryData(homeVisitKey(detail.id), detail);
    void client.invalidateQueries({ queryKey: listKey });
    // Completing a visit links it to the student's identification (先家访后认定) and counts in the coverage.
    void client.invalidateQueries({ queryKey: ['identifications'] });
    void client.invalidateQueries({ queryKey: ['identification'] });
    void client.invalidateQueries({ queryKey: ['coverage'] });
  };
}

export function useCreateHomeVisit() {
  const refresh = useRefreshHomeVisits();
  return useMutation({
    mutationFn: (input: CreateHomeVisitInput) => api<HomeVisitDto>('/home-visits', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

/** 完成: errors (missing fields) are shown on the form by the caller. */
export function useCompleteHomeVisit() {
  const refresh = useRefreshHomeVisits();
  return useMutation({
    mutationFn: ({ id, revision }: { id: number; revision: number }) =>
      api<HomeVisitDto>(`/home-visits/${id}/complete`, { method: 'POST', body: { revision } }),
    onSuccess: refresh,
    meta: { silent: true },
  });
}

export function useDeleteHomeVisit() {
  const refresh = useRefreshHomeVisits();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/home-visits/${id}`, { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

export function useDeleteVisitPhoto() {
  const refresh = useRefreshHomeVisits();
  return useMutation({
    mutationFn: ({ id, photoId }: { id: number; photoId: number }) =>
      api<HomeVisitDto>(`/home-visits/${id}/photos/${photoId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
