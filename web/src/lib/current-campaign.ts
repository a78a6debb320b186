import type { CampaignDto } from '../../../contracts/campaigns.ts';

/**
 * The campaign people work in today: the one taking submissions, else the one
 * in review, else the newest. A draft campaign being prepared for next year
 * never displaces the running one.
 */
export function currentCampaign<T extends Pick<CampaignDto, 'year' | 'status'>>(campaigns: readonly T[] | undefined): T | null {
  if (!campaigns?.length) return null;
  const sorted = campaigns.slice().sort((a, b) => b.year - a.year);
  return sorted.find((c) => c.status === 'open') ?? sorted.find((c) => c.status === 'reviewing') ?? sorted[0] ?? null;
}
