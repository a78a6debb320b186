import { useQuery } from '@tanstack/react-query';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import { api } from '../../../lib/api-client.ts';

export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => api<CampaignDto[]>('/campaigns', { signal }),
  });
}
