import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import { api } from '../../../lib/api-client.ts';

/** Only the `total` of a list: ask for one row. */
function useTotal(key: string, path: string, query: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard-total', key],
    queryFn: ({ signal }) => api<Page<unknown>>(path, { query: { ...query, page: 1, pageSize: 1 }, signal }),
    select: (page) => page.total,
    enabled,
  });
}

export function useDashboardCounts(abilities: { manageUsers: boolean; manageUnits: boolean }) {
  return {
    users: useTotal('users', '/users', {}, abilities.manageUsers),
    activeUsers: useTotal('users-active', '/users', { status: 'active' }, abilities.manageUsers),
    units: useTotal('units', '/units', {}, abilities.manageUnits),
  };
}

export function useDashboardCampaigns(enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }),
    enabled,
  });
}
