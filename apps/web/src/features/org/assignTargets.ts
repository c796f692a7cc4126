import type { OrgUnitSummary } from './orgTree';

/**
 * The units a person can be assigned to from the selected unit: the unit itself and the units just
 * below it, each on a level the directive's template assigns to (e.g. a grid and its households).
 */
export function assignTargets(unit: OrgUnitSummary, children: readonly OrgUnitSummary[], levels: readonly string[]): OrgUnitSummary[] {
  return [unit, ...children].filter((u) => levels.includes(u.level));
}
