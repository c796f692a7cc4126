/** The administrative levels a directive can run through, highest first. Households sit under
 * grids as org units but never receive directives: they are what grid staff visit. */
export const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'] as const;
export type Level = (typeof LEVELS)[number];

export const ORG_LEVELS = [...LEVELS, 'household'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const LEVEL_NAMES: Record<OrgLevel, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市(州)', en: 'City' },
  county: { zh: '县(区)', en: 'County' },
  township: { zh: '乡镇(街道)', en: 'Township' },
  village: { zh: '村(社区)', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  household: { zh: '户', en: 'Household' },
};

export function levelRank(level: OrgLevel): number {
  return ORG_LEVELS.indexOf(level);
}
