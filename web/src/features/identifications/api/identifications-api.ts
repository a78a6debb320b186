import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdjustLevelInput,
  AppraisalInput,
  CreateIdentificationInput,
  IdentificationDetail,
  IdentificationPage,
  LevelDto,
  LevelInput,
  LinkVisitInput,
  ListIdentificationsQuery,
  LodgedObjectionDto,
  NoticeDto,
  NoticeSummaryDto,
  ObjectionDto,
  ObjectionInput,
  PublishNoticeInput,
  RecheckInput,
  ResolveObjectionInput,
  UnitReviewInput,
  UpdateLevelInput,
} from '../../../../../contracts/identifications.ts';
import type { HomeVisitPage } from '../../../../../contracts/home-visits.ts';
import { api } from '../../../lib/api-client.ts';

export type IdentificationsFilter = Partial<ListIdentificationsQuery> & { schoolYear: string };

const listKey = ['identifications'] as const;
const identificationKey = (id: number) => ['identification', id] as const;
const levelsKey = ['identification-levels'] as const;
const noticesKey = ['notices'] as const;

export function useIdentifications(filter: IdentificationsFilter) {
  return useQuery({
    queryKey: [...listKey, filter],
    queryFn: ({ signal }) => api<IdentificationPage>('/identifications', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIdentification(id: number | null) {
  return useQuery({
    queryKey: identificationKey(id ?? 0),
    queryFn: ({ signal }) => api<IdentificationDetail>(`/identifications/${id}`, { signal }),
    enabled: id !== null,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return (detail?: IdentificationDetail) => {
    if (detail) client.setQueryData(identificationKey(detail.id), detail);
    void client.invalidateQueries({ queryKey: listKey });
    void client.invalidateQueries({ queryKey: noticesKey });
  };
}

export function useCreateIdentification() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CreateIdentificationInput) => api<IdentificationDetail>('/identifications', { method: 'POST', body: input }),
    onSuccess: refresh,
    meta: { silent: true },
  });
}

export type StepInput =
  | { step: 'link-visit'; body: LinkVisitInput }
  | { step: 'appraisal'; body: AppraisalInput }
  | { step: 'review'; body: UnitReviewInput }
  | { step: 'recheck'; body: RecheckInput }
  | { step: 'adjust'; body: AdjustLevelInput };

/** One step of the pipeline; refusals are shown on the step's form by the caller. */
export function useIdentificationStep() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: StepInput }) =>
      api<IdentificationDetail>(`/identifications/${id}/${input.step}`, { method: 'POST', body: input.body }),
    onSuccess: refresh,
    meta: { silent: true },
  });
}

/** The student's completed visits of a school year, to link one. */
export function useCompletedVisits(studentId: number | null, schoolYear: string) {
  return useQuery({
    queryKey: ['home-visits', { studentId, schoolYear, status: 'completed' }],
    queryFn: ({ signal }) =>
      api<HomeVisitPage>('/home-visits', { query: { studentId, schoolYear, status: 'completed', pageSize: 50 }, signal }),
    enabled: studentId !== null,
  });
}

// ---- levels

export function useLevels() {
  return useQuery({
    queryKey: levelsKey,
    queryFn: ({ signal }) => api<LevelDto[]>('/identification-levels', { signal }),
    staleTime: 60_000,
  });
}

export function useCreateLevel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LevelInput) => api<LevelDto>('/identification-levels', { method: 'POST', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: levelsKey }),
    meta: { silent: true },
  });
}

export function useUpdateLevel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UpdateLevelInput }) =>
      api<LevelDto>(`/identification-levels/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: levelsKey }),
  });
}

// ---- 公示

export function useNotices(schoolYear?: string) {
  return useQuery({
    queryKey: [...noticesKey, schoolYear],
    queryFn: ({ signal }) => api<NoticeSummaryDto[]>('/notices', { query: { schoolYear }, signal }),
  });
}

export function useNotice(id: number) {
  return useQuery({
    queryKey: ['notice', id],
    queryFn: ({ signal }) => api<NoticeDto>(`/notices/${id}`, { signal }),
    meta: { silent: true },
    retry: false,
  });
}

export function usePublishNotice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: PublishNoticeInput) => api<NoticeSummaryDto>('/notices', { method: 'POST', body: input }),
    onSuccess: () => refresh(),
    meta: { silent: true },
  });
}

export function useObjections(noticeId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['notice-objections', noticeId],
    queryFn: ({ signal }) => api<ObjectionDto[]>(`/notices/${noticeId}/objections`, { signal }),
    enabled,
  });
}

export function useLodgeObjection(noticeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ObjectionInput) => api<LodgedObjectionDto>(`/notices/${noticeId}/objections`, { method: 'POST', body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['notice-objections', noticeId] });
      void client.invalidateQueries({ queryKey: noticesKey });
    },
    meta: { silent: true },
  });
}

export function useResolveObjection(noticeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ objectionId, input }: { objectionId: number; input: ResolveObjectionInput }) =>
      api<ObjectionDto>(`/notices/${noticeId}/objections/${objectionId}/resolve`, { method: 'POST', body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['notice-objections', noticeId] });
      void client.invalidateQueries({ queryKey: noticesKey });
      void client.invalidateQueries({ queryKey: listKey });
    },
    meta: { silent: true },
  });
}

export function useArchiveNotice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (noticeId: number) => api<NoticeSummaryDto>(`/notices/${noticeId}/archive`, { method: 'POST' }),
    onSuccess: () => refresh(),
  });
}
