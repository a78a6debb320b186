import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEventDto, ListAuditQuery } from '../../../../../contracts/audit.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { UserDto } from '../../../../../contracts/users.ts';
import { api } from '../../../lib/api-client.ts';

export type AuditFilter = Partial<ListAuditQuery>;

export function useAuditEvents(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) => api<Page<AuditEventDto>>('/audit', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Actor picker: users matching a search text. */
export function useActorOptions(q: string) {
  return useQuery({
    queryKey: ['audit-actors', q],
    queryFn: ({ signal }) => api<Page<UserDto>>('/users', { query: { q, page: 1, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
