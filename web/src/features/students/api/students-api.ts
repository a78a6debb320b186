import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  PromotionPreviewDto,
  PromotionResultDto,
  RosterClassDto,
  RosterImportDto,
  RosterPreview,
  RosterPreviewInput,
  RosterRowError,
  RosterStartInput,
  SetClassTeachersInput,
  TeacherCandidateDto,
} from '../../../../../contracts/roster.ts';
import type { ListStudentsQuery, RevealInput, RevealResult, StudentDto } from '../../../../../contracts/students.ts';
import { api, apiBlob, uploadWithProgress } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

export type StudentsFilter = Partial<ListStudentsQuery>;

const studentsKey = ['students'] as const;
const classesKey = ['roster-classes'] as const;
const importKey = (id: number) => ['roster-import', id] as const;

export function useStudents(filter: StudentsFilter) {
  return useQuery({
    queryKey: [...studentsKey, filter],
    queryFn: ({ signal }) => api<Page<StudentDto>>('/students', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useStudent(id: number) {
  return useQuery({
    queryKey: [...studentsKey, 'one', id],
    queryFn: ({ signal }) => api<StudentDto>(`/students/${id}`, { signal }),
    meta: { silent: true },
  });
}

/** One field in full, with the reason; the server writes the reveal to the audit log. */
export function useRevealField(id: number) {
  return useMutation({
    mutationFn: (input: RevealInput) => api<RevealResult>(`/students/${id}/reveal`, { method: 'POST', body: input }),
    meta: { silent: true },
  });
}

// ---- classes and their 班主任

export function useClasses(unitId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...classesKey, unitId ?? null],
    queryFn: ({ signal }) => api<RosterClassDto[]>('/roster/classes', { query: { unitId }, signal }),
    enabled,
  });
}

export function useTeacherCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['class-teacher-candidates'],
    queryFn: ({ signal }) => api<TeacherCandidateDto[]>('/roster/class-teacher-candidates', { signal }),
    enabled,
  });
}

export function useSetClassTeachers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetClassTeachersInput) => api<RosterClassDto>('/roster/class-teachers', { method: 'PUT', body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: classesKey }),
  });
}

// ---- grade promotion

export function usePromotionPreview(enabled: boolean) {
  return useQuery({
    queryKey: ['roster-promotion'],
    queryFn: ({ signal }) => api<PromotionPreviewDto>('/roster/promotion', { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useRunPromotion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (schoolYear: string) => api<PromotionResultDto>('/roster/promotion', { method: 'POST', body: { schoolYear } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['roster-promotion'] });
      void client.invalidateQueries({ queryKey: studentsKey });
      void client.invalidateQueries({ queryKey: classesKey });
    },
  });
}

// ---- the import wizard

export function uploadRoster(file: File, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<{ import: RosterImportDto; preview: RosterPreview }>('/roster-imports', form, onProgress, signal);
}

export function previewRoster(id: number, input: RosterPreviewInput) {
  return api<RosterPreview>(`/roster-imports/${id}/preview`, { method: 'POST', body: input });
}

export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: RosterStartInput }) =>
      api<RosterImportDto>(`/roster-imports/${id}/start`, { method: 'POST', body: input }),
    onSuccess: (job) => client.setQueryData(importKey(job.id), job),
    meta: { silent: true },
  });
}

export function useCancelImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<RosterImportDto>(`/roster-imports/${id}/cancel`, { method: 'POST' }),
    onSuccess: (job) => client.setQueryData(importKey(job.id), job),
  });
}

/**
 * One import, polled every second while it runs: the server writes its counts
 * with every batch, so what the bar shows is what is already in the roster.
 */
export function useRosterImport(id: number | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: importKey(id ?? 0),
    queryFn: async ({ signal }) => {
      const job = await api<RosterImportDto>(`/roster-imports/${id}`, { signal });
      if (job.status !== 'running') {
        void client.invalidateQueries({ queryKey: studentsKey });
        void client.invalidateQueries({ queryKey: classesKey });
      }
      return job;
    },
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

export function useRosterImports(enabled: boolean) {
  return useQuery({
    queryKey: ['roster-imports'],
    queryFn: ({ signal }) => api<Page<RosterImportDto>>('/roster-imports', { query: { pageSize: 5 }, signal }),
    enabled,
    staleTime: 0,
  });
}

export function useImportErrors(id: number | null, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['roster-import-errors', id, page],
    queryFn: ({ signal }) => api<Page<RosterRowError>>(`/roster-imports/${id}/errors`, { query: { page, pageSize: 10 }, signal }),
    enabled: enabled && id !== null,
    placeholderData: keepPreviousData,
  });
}

export async function downloadErrorReport(id: number): Promise<void> {
  const file = await apiBlob(`/roster-imports/${id}/error-report`);
  saveBlob(file.blob, file.filename ?? '名册导入错误报告.xlsx');
}

export async function downloadRosterTemplate(): Promise<void> {
  const file = await apiBlob('/roster-imports/template');
  saveBlob(file.blob, file.filename ?? '学生名册导入模板.xlsx');
}
