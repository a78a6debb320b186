import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  CreateUserInput,
  ImportRowError,
  ListUsersQuery,
  TemporaryPasswordResponse,
  UpdateUserInput,
  UserDto,
  UserImportResult,
} from '../../../../../contracts/users.ts';
import { api, apiBlob, uploadWithProgress } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

export type UsersFilter = Partial<ListUsersQuery>;

const usersKey = ['users'] as const;

export function useUsers(filter: UsersFilter) {
  return useQuery({
    queryKey: [...usersKey, filter],
    queryFn: ({ signal }) => api<Page<UserDto>>('/users', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: usersKey });
    void client.invalidateQueries({ queryKey: ['dashboard-total'] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api<TemporaryPasswordResponse>('/users', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UpdateUserInput }) => api<UserDto>(`/users/${id}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useUserAction() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'disable' | 'enable' }) =>
      api<UserDto>(`/users/${id}/${action}`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: number) => api<TemporaryPasswordResponse>(`/users/${id}/reset-password`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export async function downloadImportTemplate(): Promise<void> {
  const file = await apiBlob('/users/import-template');
  saveBlob(file.blob, file.filename ?? '用户导入模板.xlsx');
}

export function uploadUserImport(file: File, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<UserImportResult>('/users/import', form, onProgress, signal);
}

export async function downloadImportErrorReport(errors: ImportRowError[]): Promise<void> {
  const file = await apiBlob('/users/import/error-report', { method: 'POST', body: { errors } });
  saveBlob(file.blob, file.filename ?? '用户导入错误报告.xlsx');
}

export { useInvalidateUsers };
