import { canActOn, type Principal } from '../../app/roles';

/** Who may do what on the org screens: the rules the server applies, so no one sees an action
 * the server would refuse. */

type UnitRef = { level: string; path: string };

/** Create people and grant roles on a unit: an admin over it; never on a household. */
export function canGrantOn(principal: Principal, unit: UnitRef): boolean {
  return unit.level !== 'household' && canActOn(principal, unit.path, 'admin');
}

/** Revoke a grant: an admin over the grant's unit, and not one's own grant. */
export function canRevoke(principal: Principal, grant: { userId: string; unit: { path: string } }): boolean {
  return grant.userId !== principal.userId && canActOn(principal, grant.unit.path, 'admin');
}

/** Put someone on a unit for a directive: an admin over it, on a level the directive's template assigns to. */
export function canAssignOn(principal: Principal, unit: UnitRef, levels: readonly string[]): boolean {
  return levels.includes(unit.level) && canActOn(principal, unit.path, 'admin');
}
