import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { errorMessage, isApiError } from './api-client.ts';
import { notifyError } from './notify.ts';

declare module '@tanstack/react-query' {
  interface Register {
    /** `silent`: the component shows the error itself (inline alert, form fields). */
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

function showError(error: unknown): void {
  // These two are answered by navigation (login page, change-password page), not by a toast.
  if (isApiError(error) && (error.code === 'unauthenticated' || error.code === 'password_change_required')) return;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  notifyError(errorMessage(error), isApiError(error) ? error.code : undefined);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.silent) showError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (!mutation.meta?.silent) showError(error);
    },
  }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // Only transient failures are worth retrying; a 4xx will not change by itself.
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 502),
    },
    mutations: { retry: false },
  },
});
