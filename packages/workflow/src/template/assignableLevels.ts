import type { OrgLevel } from '../levels.js';
import { ORG_LEVELS } from '../levels.js';
import type { MobilizeStage } from './templateDefinition.js';

/**
 * The levels whose units a template lets admins put people on: its assign levels (包网格), the level
 * cadres register at (下沉报到) and households when party members take them (包户到人). Highest first;
 * empty when the template mobilises no one. The engine refuses any other level; the browser offers only these.
 */
export function assignableLevels(mobilize: MobilizeStage | undefined): OrgLevel[] {
  if (!mobilize) return [];
  const levels = new Set<OrgLevel>(mobilize.assignLevels);
  if (mobilize.registrationLevel) levels.add(mobilize.registrationLevel);
  if (mobilize.householdAssignment) levels.add('household');
  return ORG_LEVELS.filter((l) => levels.has(l));
}
