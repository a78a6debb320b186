import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import type {
  AddPoolMemberInput,
  AssignInput,
  AssignmentBatchResult,
  AssignmentBoardDto,
  AutoAssignPreviewDto,
  ConflictListDto,
  DeclareConflictInput,
  ReviewPoolDto,
  ReviewSettingsDto,
  ReviewSettingsInput,
} from '../../../../../contracts/review-assignment.ts';
import type { ImportRowError } from '../../../../../contracts/users.ts';
import { api, apiBlob, uploadWithProgress } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

const keys = {
  settings: (trackId: number) => ['review-admin', 'settings', trackId] as const,
  pool: (trackId: number) => ['review-admin', 'pool', trackId] as const,
  board: (trackId: number) => ['review-admin', 'board', trackId] as const,
  conflicts: (campaignId: number) => ['review-admin', 'conflicts', campaignId] as const,
};

export function useCampaigns() {
  return useQuery({ queryKey: ['campaigns'], queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }) });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: ({ signal }) => api<{ items: { id: number; name: string; kind: string }[] }>('/units', { query: { pageSize: 200 }, signal }),
  });
}

export function useReviewSettings(trackId: number) {
  return useQuery({
    queryKey: keys.settings(trackId),
    queryFn: ({ signal }) => api<ReviewSettingsDto>(`/tracks/${trackId}/review-settings`, { signal }),
  });
}

export function useSaveReviewSettings(trackId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewSettingsInput) =>
      api<ReviewSettingsDto>(`/tracks/${trackId}/review-settings`, { method: 'PUT', body: input }),
    onSuccess: (dto) => {
      client.setQueryData(keys.settings(trackId), dto);
      void client.invalidateQueries({ queryKey: keys.board(trackId) });
    },
    meta: { silent: true },
  });
}

export function useReviewPool(trackId: number) {
  return useQuery({
    queryKey: keys.pool(trackId),
    queryFn: ({ signal }) => api<ReviewPoolDto>(`/tracks/${trackId}/review-pool`, { signal }),
  });
}

export function usePoolChanges(trackId: number) {
  const client = useQueryClient();
  const done = (dto: ReviewPoolDto) => {
    client.setQueryData(keys.pool(trackId), dto);
    void client.invalidateQueries({ queryKey: keys.board(trackId) });
  };
  return {
    add: useMutation({
      mutationFn: (input: AddPoolMemberInput) => api<ReviewPoolDto>(`/tracks/${trackId}/review-pool`, { method: 'POST', body: input }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (userId: number) => api<ReviewPoolDto>(`/tracks/${trackId}/review-pool/${userId}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}

export function useConflicts(campaignId: number) {
  return useQuery({
    queryKey: keys.conflicts(campaignId),
    queryFn: ({ signal }) => api<ConflictListDto>(`/campaigns/${campaignId}/review-conflicts`, { signal }),
  });
}

export function useConflictChanges(campaignId: number) {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: ['review-admin'] });
  return {
    declare: useMutation({
      mutationFn: (input: DeclareConflictInput) =>
        api<{ id: number }>(`/campaigns/${campaignId}/review-conflicts`, { method: 'POST', body: input }),
      onSuccess: done,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: (id: number) => api<void>(`/review-conflicts/${id}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}

export function useAssignmentBoard(trackId: number) {
  return useQuery({
    queryKey: keys.board(trackId),
    queryFn: ({ signal }) => api<AssignmentBoardDto>(`/tracks/${trackId}/assignments`, { signal }),
  });
}

export function useAssignmentChanges(trackId: number) {
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: keys.board(trackId) });
    void client.invalidateQueries({ queryKey: keys.pool(trackId) });
  };
  return {
    assign: useMutation({
      mutationFn: (input: AssignInput) => api<AssignmentBatchResult>(`/tracks/${trackId}/assignments`, { method: 'POST', body: input }),
      onSuccess: done,
    }),
    unassign: useMutation({
      mutationFn: (assignmentId: number) => api<void>(`/review-assignments/${assignmentId}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
    preview: useMutation({
      mutationFn: () => api<AutoAssignPreviewDto>(`/tracks/${trackId}/assignments/auto-preview`, { method: 'POST' }),
    }),
    apply: useMutation({
      mutationFn: (planHash: string) =>
        api<AssignmentBatchResult>(`/tracks/${trackId}/assignments/auto-apply`, { method: 'POST', body: { planHash } }),
      onSuccess: done,
      meta: { silent: true },
    }),
    refresh: done,
  };
}

export async function downloadAssignmentTemplate(trackId: number): Promise<void> {
  const { blob, filename } = await apiBlob(`/tracks/${trackId}/assignments/template`);
  saveBlob(blob, filename ?? '评审分配模板.xlsx');
}

export async function downloadAssignmentErrors(trackId: number, errors: ImportRowError[]): Promise<void> {
  const { blob, filename } = await apiBlob(`/tracks/${trackId}/assignments/import/error-report`, { method: 'POST', body: { errors } });
  saveBlob(blob, filename ?? '评审分配错误报告.xlsx');
}

export function uploadAssignments(trackId: number, file: File, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<AssignmentBatchResult>(`/tracks/${trackId}/assignments/import`, form, onProgress, signal);
}
