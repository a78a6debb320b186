/**
 * The current user and the CSRF token, kept in the react-query cache under
 * one key. `null` means "not logged in".
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Abilities, Me, SessionResponse } from '../../../contracts/auth.ts';
import { api, isApiError, setCsrfToken } from './api-client.ts';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api<SessionResponse>('/auth/me', { skipAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.code === 'unauthenticated') {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

/** The logged-in user; only inside the guarded part of the app. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside a logged-in route');
  return data.user;
}

export function useAbilities(): Abilities {
  return useMe().abilities;
}

// Whether the session ended because the user logged out (then the login page
// gets no `next`: the next person to log in starts at the dashboard).
let loggedOut = false;

export function endedByLogout(): boolean {
  return loggedOut;
}

/** After login: remember the session without another round trip. */
export function storeSession(client: QueryClient, session: SessionResponse): void {
  loggedOut = false;
  setCsrfToken(session.csrfToken);
  client.setQueryData(sessionKey, session);
}

/** After logout or a 401: forget everything cached for the previous user. */
export function forgetSession(client: QueryClient, reason: 'logout' | 'expired' = 'expired'): void {
  loggedOut = reason === 'logout';
  setCsrfToken(null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  client.setQueryData(sessionKey, null);
}

export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKey });
}
