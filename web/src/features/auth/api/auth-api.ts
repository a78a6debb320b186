import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { ChangePasswordInput, LoginInput, MetaResponse, SessionResponse } from '../../../../../contracts/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { forgetSession, sessionKey, storeSession } from '../../../lib/session.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { t } from '../../../locales/zh-CN.ts';

export function useMeta() {
  return useQuery({
    queryKey: ['meta'],
    queryFn: ({ signal }) => api<MetaResponse>('/meta', { signal, skipAuthRedirect: true }),
    staleTime: Infinity,
    meta: { silent: true },
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<SessionResponse>('/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
    onSuccess: (session) => {
      // A different person may log in on the same tab: drop what the last one saw.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] && query.queryKey[0] !== 'meta' });
      storeSession(client, session);
    },
    meta: { silent: true },
  });
}

export function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', skipAuthRedirect: true }),
    // Logged out either way: a failed call (expired session) leaves nothing to keep.
    onSettled: () => {
      forgetSession(client, 'logout');
      void navigate('/login', { replace: true });
      notifySuccess(t.loggedOut);
    },
    meta: { silent: true },
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api<void>('/auth/password', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKey }),
    meta: { silent: true },
  });
}
