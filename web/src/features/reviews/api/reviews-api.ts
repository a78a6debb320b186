import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseReviewsDto,
  MyAssignmentDto,
  MyReviewDto,
  ReviewCaseDto,
  ReviewCommentDto,
  ReviewDraftInput,
  ReviewSubmitInput,
  TrackRankingDto,
} from '../../../../../contracts/reviews.ts';
import { api, apiBlob } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

const mineKey = ['reviews', 'mine'] as const;
export const reviewCaseKey = (id: number) => ['reviews', 'case', id] as const;
const caseReviewsKey = (id: number) => ['reviews', 'case', id, 'reviews'] as const;
const threadKey = (id: number) => ['reviews', 'thread', id] as const;
const rankingKey = (trackId: number) => ['reviews', 'ranking', trackId] as const;

export function useMyAssignments() {
  return useQuery({ queryKey: mineKey, queryFn: ({ signal }) => api<MyAssignmentDto[]>('/reviews/mine', { signal }) });
}

export function useReviewCase(id: number) {
  return useQuery({
    queryKey: reviewCaseKey(id),
    queryFn: ({ signal }) => api<ReviewCaseDto>(`/reviews/cases/${id}`, { signal }),
    meta: { silent: true },
  });
}

export const saveReviewDraft = (id: number, body: ReviewDraftInput) =>
  api<MyReviewDto>(`/reviews/cases/${id}/draft`, { method: 'PUT', body });

export function useSubmitReview(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewSubmitInput) => api<ReviewCaseDto>(`/reviews/cases/${id}/submit`, { method: 'PUT', body }),
    onSuccess: (dto) => {
      client.setQueryData(reviewCaseKey(id), dto);
      void client.invalidateQueries({ queryKey: mineKey });
      void client.invalidateQueries({ queryKey: caseReviewsKey(id) });
    },
    meta: { silent: true },
  });
}

/** The submitted reviews of a case; only asked for when the viewer may see them. */
export function useCaseReviews(id: number, enabled: boolean) {
  return useQuery({
    queryKey: caseReviewsKey(id),
    queryFn: ({ signal }) => api<CaseReviewsDto>(`/reviews/cases/${id}/reviews`, { signal }),
    enabled,
  });
}

export function useReviewThread(id: number, enabled: boolean) {
  return useQuery({
    queryKey: threadKey(id),
    queryFn: ({ signal }) => api<ReviewCommentDto[]>(`/submissions/${id}/review-comments`, { signal }),
    enabled,
  });
}

export function usePostComment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api<ReviewCommentDto>(`/submissions/${id}/review-comments`, { method: 'POST', body: { body } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: threadKey(id) }),
    meta: { silent: true },
  });
}

export function useTrackRanking(trackId: number | null) {
  return useQuery({
    queryKey: rankingKey(trackId ?? 0),
    queryFn: ({ signal }) => api<TrackRankingDto>(`/tracks/${trackId}/ranking`, { signal }),
    enabled: trackId !== null,
  });
}

export async function downloadScoresWorkbook(trackId: number, fallbackName: string): Promise<void> {
  const file = await apiBlob(`/tracks/${trackId}/scores.xlsx`);
  saveBlob(file.blob, file.filename ?? fallbackName);
}
