export const campaignStatus = ['draft', 'open', 'reviewing', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatus)[number];
export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: '筹备中',
  open: '申报中',
  reviewing: '评审中',
  closed: '已结束',
};

export const trackKinds = ['case', 'ambassador'] as const;
export type TrackKind = (typeof trackKinds)[number];

export interface TrackDto {
  id: number;
  code: string;
  name: string;
  kind: TrackKind;
  hostUnit: { id: number; name: string } | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  coordinator: { id: number; displayName: string } | null;
  subtypes: { id: number; code: string; name: string }[];
}

export interface CampaignDto {
  id: number;
  year: number;
  title: string;
  status: CampaignStatus;
  noticeText: string | null;
  summaryDueOn: string | null;
  tracks: TrackDto[];
}
