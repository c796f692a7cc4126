import { TRPCError } from '@trpc/server';
import { isWithin, type Grant, type Principal, type Role } from '@cascade/engine';

/** The grant that lets the principal act as one of `roles` on the unit at `path`, if any. Roles
 * reach a unit's whole subtree. */
export function grantCovering(principal: Principal, roles: readonly Role[], path: string): Grant | undefined {
  return principal.grants.find((g) => roles.includes(g.role) && isWithin(path, g.path));
}

export function requireRole(principal: Principal, roles: readonly Role[], path: string, action: string): Grant {
  const grant = grantCovering(principal, roles, path);
  if (!grant) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `无权在该单位${action.split('|')[0]} / not allowed to ${action.split('|')[1] ?? action} for this unit (needs ${roles.join(' or ')} over it)`,
    });
  }
  return grant;
}

/** Reviewing a unit's work belongs to the levels above it: a grant strictly above the unit. */
export function requireAbove(principal: Principal, path: string, action: string): Grant {
  const grant = principal.grants.find((g) => g.role === 'admin' && isWithin(path, g.path) && g.path !== path);
  if (!grant) throw new TRPCError({ code: 'FORBIDDEN', message: `只有上级单位可以${action.split('|')[0]} / only a level above may ${action.split('|')[1] ?? action}` });
  return grant;
}

/** Paths the principal may read with the given roles. */
export function readablePaths(principal: Principal, roles: readonly Role[] = ['admin', 'auditor']): string[] {
  return principal.grants.filter((g) => roles.includes(g.role)).map((g) => g.path);
}

export const READERS: readonly Role[] = ['admin', 'auditor'];
export const ANYONE: readonly Role[] = ['admin', 'auditor', 'grid_staff'];
