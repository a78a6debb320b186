import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { AcknowledgePiiInput } from '../../../../../contracts/pii.ts';
import type { UnitReviewResultDto } from '../../../../../contracts/decisions.ts';
import type {
  ActivityInput,
  CreateSubmissionInput,
  ListSubmissionsQuery,
  QuotaUsageDto,
  ReplaceStudentsInput,
  SubmissionDetail,
  SubmissionListItem,
  UpdateSubmissionInput,
} from '../../../../../contracts/submissions.ts';
import { api, uploadWithProgress } from '../../../lib/api-client.ts';

export type SubmissionsFilter = Partial<ListSubmissionsQuery>;

const submissionsKey = ['submissions'] as const;
export const submissionKey = (id: number) => ['submission', id] as const;
const quotaKey = ['quota-usage'] as const;

/** The campaigns with their tracks and form templates (the same request the campaigns page makes). */
export function useCampaignList() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }),
  });
}

export function useSubmissions(filter: SubmissionsFilter, enabled = true) {
  return useQuery({
    queryKey: [...submissionsKey, filter],
    queryFn: ({ signal }) => api<Page<SubmissionListItem>>('/submissions', { query: filter, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSubmission(id: number) {
  return useQuery({
    queryKey: submissionKey(id),
    queryFn: ({ signal }) => api<SubmissionDetail>(`/submissions/${id}`, { signal }),
    meta: { silent: true },
  });
}

/** The released review result of one of the unit's cases (decisions module's endpoint), if any: outcome and note, never scores. */
export function useReviewResult(submissionId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['decisions', 'unit-results'],
    queryFn: ({ signal }) => api<UnitReviewResultDto[]>('/units/me/review-results', { signal }),
    enabled,
    select: (rows) => rows.find((r) => r.submissionId === submissionId) ?? null,
  });
}

export function useQuotaUsage(campaignId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...quotaKey, campaignId],
    queryFn: ({ signal }) => api<QuotaUsageDto[]>(`/campaigns/${campaignId}/quota-usage`, { signal }),
    enabled: enabled && campaignId !== null,
  });
}

/** After any change: lists, quota, and the case itself (with the answer the server just gave). */
export function useRefreshSubmissions() {
  const client = useQueryClient();
  return (detail?: SubmissionDetail) => {
    if (detail) client.setQueryData(submissionKey(detail.id), detail);
    void client.invalidateQueries({ queryKey: submissionsKey });
    void client.invalidateQueries({ queryKey: quotaKey });
  };
}

export function useCreateSubmission() {
  const refresh = useRefreshSubmissions();
  return useMutation({
    mutationFn: (input: CreateSubmissionInput) => api<SubmissionDetail>('/submissions', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export type SubmissionAction = 'select' | 'unselect' | 'approve' | 'submit' | 'withdraw';

export function submissionAction(id: number, action: SubmissionAction) {
  return api<SubmissionDetail>(`/submissions/${id}/${action}`, { method: 'POST' });
}

/** The buttons of the unit's steps; errors are shown by the caller (submit lists every problem). */
export function useSubmissionAction() {
  const refresh = useRefreshSubmissions();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: SubmissionAction }) => submissionAction(id, action),
    onSuccess: refresh,
    meta: { silent: true },
  });
}

export function useDeleteSubmission() {
  const refresh = useRefreshSubmissions();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/submissions/${id}`, { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

// ---- autosave transport (plain functions: the autosave hook owns retries and conflicts)

export function patchSubmission(id: number, input: UpdateSubmissionInput) {
  return api<{ revision: number; updatedAt: string }>(`/submissions/${id}`, { method: 'PATCH', body: input });
}

export function putStudents(id: number, input: ReplaceStudentsInput) {
  return api<SubmissionDetail>(`/submissions/${id}/students`, { method: 'PUT', body: input });
}

export function fetchSubmission(id: number) {
  return api<SubmissionDetail>(`/submissions/${id}`);
}

// ---- files and activities: each answers with the case as it now is

export function uploadAttachment(id: number, slot: string, file: File, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<SubmissionDetail>(`/submissions/${id}/attachments?slot=${encodeURIComponent(slot)}`, form, onProgress, signal);
}

export function removeAttachment(id: number, attachmentId: number) {
  return api<SubmissionDetail>(`/submissions/${id}/attachments/${attachmentId}`, { method: 'DELETE' });
}

export function saveActivity(id: number, activityId: number | null, input: ActivityInput) {
  return activityId === null
    ? api<SubmissionDetail>(`/submissions/${id}/activities`, { method: 'POST', body: input })
    : api<SubmissionDetail>(`/submissions/${id}/activities/${activityId}`, { method: 'PATCH', body: input });
}

export function deleteActivity(id: number, activityId: number) {
  return api<SubmissionDetail>(`/submissions/${id}/activities/${activityId}`, { method: 'DELETE' });
}

export function uploadEvidence(id: number, activityId: number, file: File, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<SubmissionDetail>(`/submissions/${id}/activities/${activityId}/evidence`, form, onProgress);
}

export function removeEvidence(id: number, activityId: number, fileId: number) {
  return api<SubmissionDetail>(`/submissions/${id}/activities/${activityId}/evidence/${fileId}`, { method: 'DELETE' });
}

// ---- the privacy check: keeping a finding on purpose, or taking that back

export function acknowledgePii(id: number, input: AcknowledgePiiInput) {
  return api<SubmissionDetail>(`/submissions/${id}/pii-acknowledgements`, { method: 'POST', body: input });
}

export function revokePiiAcknowledgement(id: number, acknowledgementId: number) {
  return api<SubmissionDetail>(`/submissions/${id}/pii-acknowledgements/${acknowledgementId}`, { method: 'DELETE' });
}
