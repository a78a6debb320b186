/** Jiangsu's prefecture-level cities and their regions (glossary.md). */
export const regions = ['south', 'central', 'north'] as const;
export type Region = (typeof regions)[number];

export const regionLabels: Record<Region, string> = {
  south: '苏南',
  central: '苏中',
  north: '苏北',
};

export const citiesByRegion: Record<Region, readonly string[]> = {
  south: ['南京', '苏州', '无锡', '常州', '镇江'],
  central: ['南通', '扬州', '泰州'],
  north: ['徐州', '连云港', '淮安', '盐城', '宿迁'],
};

export const cities: readonly string[] = Object.values(citiesByRegion).flat();

export function regionOfCity(city: string): Region | null {
  for (const region of regions) if (citiesByRegion[region].includes(city)) return region;
  return null;
}

export const unitKinds = ['institute', 'branch', 'site'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, string> = {
  institute: '学院',
  branch: '分院',
  site: '办学点',
};

export const pairingKinds = ['north_south', 'urban_rural'] as const;
export type PairingKind = (typeof pairingKinds)[number];
export const pairingKindLabels: Record<PairingKind, string> = {
  north_south: '南北结对',
  urban_rural: '城乡结对',
};
