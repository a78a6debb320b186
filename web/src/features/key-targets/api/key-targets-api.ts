import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  AssignMentorInput,
  FlagStudentInput,
  KeyTargetDto,
  ListKeyTargetsQuery,
  MentorCandidateDto,
} from '../../../../../contracts/key-targets.ts';
import { api } from '../../../lib/api-client.ts';

export type KeyTargetsFilter = Omit<Partial<ListKeyTargetsQuery>, 'withoutMentor'> & { schoolYear: string; withoutMentor?: 'true' };

export function useKeyTargets(filter: KeyTargetsFilter) {
  return useQuery({
    queryKey: ['key-targets', filter],
    queryFn: ({ signal }) => api<Page<KeyTargetDto>>('/key-targets', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMentorCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['mentor-candidates'],
    queryFn: ({ signal }) => api<MentorCandidateDto[]>('/key-targets/mentor-candidates', { signal }),
    enabled,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['key-targets'] });
    void client.invalidateQueries({ queryKey: ['mentor-candidates'] });
    // The six-coverage view counts key targets and their mentors.
    void client.invalidateQueries({ queryKey: ['coverage'] });
  };
}

export function useFlagStudent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ studentId, input }: { studentId: number; input: FlagStudentInput }) =>
      api<{ id: number }>(`/students/${studentId}/key-target-flags`, { method: 'POST', body: input }),
    onSuccess: invalidate,
    // The form shows the refusal (under the field it concerns, or as a message).
    meta: { silent: true },
  });
}

export function useClearFlag() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ flagId, reason }: { flagId: number; reason: string }) =>
      api<void>(`/key-target-flags/${flagId}/clear`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}

export function useAssignMentor() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ studentId, input }: { studentId: number; input: AssignMentorInput }) =>
      api<{ id: number }>(`/students/${studentId}/mentors`, { method: 'POST', body: input }),
    onSuccess: invalidate,
    // The form shows the refusal (under the field it concerns, or as a message).
    meta: { silent: true },
  });
}

export function useEndMentor() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ assignmentId, reason }: { assignmentId: number; reason: string }) =>
      api<void>(`/mentor-assignments/${assignmentId}/end`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}
