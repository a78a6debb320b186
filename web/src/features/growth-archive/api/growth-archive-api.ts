import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArchiveEntryDto, ArchiveEntryFormInput, ArchiveQuery, GrowthArchiveDto } from '../../../../../contracts/growth-archive.ts';
import { api, apiBlob } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

const archiveKey = (studentId: number) => ['growth-archive', studentId] as const;

export function useGrowthArchive(studentId: number, query: ArchiveQuery) {
  return useQuery({
    queryKey: [...archiveKey(studentId), query],
    queryFn: ({ signal }) => api<GrowthArchiveDto>(`/students/${studentId}/archive`, { query, signal }),
    placeholderData: keepPreviousData,
    // The panel shows a refusal (not your student…) itself.
    meta: { silent: true },
  });
}

export function useSaveArchiveEntry(studentId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: ArchiveEntryFormInput }) =>
      id === null
        ? api<ArchiveEntryDto>(`/students/${studentId}/archive/entries`, { method: 'POST', body: input })
        : api<ArchiveEntryDto>(`/students/${studentId}/archive/entries/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: archiveKey(studentId) }),
    // The form shows the refusal on its fields.
    meta: { silent: true },
  });
}

export function useDeleteArchiveEntry(studentId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/students/${studentId}/archive/entries/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: archiveKey(studentId) }),
  });
}

export function useDownloadArchive(studentId: number) {
  return useMutation({
    mutationFn: async () => {
      const file = await apiBlob(`/students/${studentId}/archive.docx`);
      saveBlob(file.blob, file.filename ?? '资助成长档案.docx');
    },
  });
}
