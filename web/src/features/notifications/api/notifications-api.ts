import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { InboxMessageDto, ListMailsQuery, MailLogPage, UnreadCount } from '../../../../../contracts/notifications.ts';
import { api } from '../../../lib/api-client.ts';

const inboxKey = ['inbox'] as const;
const unreadKey = ['inbox', 'unread-count'] as const;
/** The bell asks this often; a message is rarely urgent to the minute. */
export const UNREAD_POLL_MS = 60_000;

export type InboxFilter = { page: number; pageSize: number; unread?: boolean };

export function useInbox(filter: InboxFilter) {
  return useQuery({
    queryKey: [...inboxKey, 'list', filter],
    queryFn: ({ signal }) =>
      api<Page<InboxMessageDto>>('/inbox', { query: { ...filter, unread: filter.unread ? 'true' : undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) => api<UnreadCount>('/inbox/unread-count', { signal }),
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 0,
    // A missed poll is not worth a toast: the bell simply shows the last count.
    meta: { silent: true },
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<InboxMessageDto>(`/inbox/${id}/read`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<UnreadCount>('/inbox/read-all', { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: inboxKey }),
  });
}

export type MailFilter = Partial<ListMailsQuery> & { page: number; pageSize: number };

export function useMailLog(filter: MailFilter) {
  return useQuery({
    queryKey: ['mails', filter],
    queryFn: ({ signal }) => api<MailLogPage>('/mails', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}
