/** The notice's priorities (四、(三)): cases tag themselves, reviewers' default rubric follows them. */
export const priorityTags = [
  'real_hardship',
  'common_prosperity',
  'institution_building',
  'social_resources',
  'north_south_pairing',
  'urban_rural_pairing',
] as const;
export type PriorityTag = (typeof priorityTags)[number];
export const priorityTagLabels: Record<PriorityTag, string> = {
  real_hardship: '帮助学生摆脱现实困境',
  common_prosperity: '共同富裕校园文化',
  institution_building: '制度建设',
  social_resources: '统筹社会资源协同育人',
  north_south_pairing: '南北结对',
  urban_rural_pairing: '城乡结对',
};

/** The four publicity activities the notice names for ambassadors, plus other. */
export const ambassadorActivityKinds = ['policy_talk', 'village', 'community', 'alma_mater', 'other'] as const;
export type AmbassadorActivityKind = (typeof ambassadorActivityKinds)[number];
export const ambassadorActivityLabels: Record<AmbassadorActivityKind, string> = {
  policy_talk: '资助政策我来说',
  village: '资助政策乡村行',
  community: '资助政策进社区',
  alma_mater: '资助政策母校行',
  other: '其他',
};
