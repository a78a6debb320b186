import type { CampaignStatus } from '../../../../../contracts/campaigns.ts';

export const statusColors: Record<CampaignStatus, string> = {
  draft: 'default',
  open: 'green',
  reviewing: 'blue',
  closed: 'default',
};
