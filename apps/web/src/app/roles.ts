import type { MessageKey } from '../i18n/messages';
import type { RouterOutputs } from '../trpc';

export type Principal = RouterOutputs['auth']['me'];
export type Grant = Principal['grants'][number];
export type Role = Grant['role'];

export const ROLE_LABEL: Record<string, MessageKey> = { admin: 'roleAdmin', grid_staff: 'roleGridStaff', auditor: 'roleAuditor' };

export function rolesOf(principal: Principal): Set<Role> {
  return new Set(principal.grants.map((g) => g.role));
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.grants.some((g) => roles.includes(g.role));
}

/** The grants of one role, e.g. the units an admin may act for. */
export function grantsOf(principal: Principal, role: Role): Grant[] {
  return principal.grants.filter((g) => g.role === role);
}

/** Whether a grant on `grantPath` reaches the unit at `path` (a role reaches its whole subtree). */
export function reaches(grantPath: string, path: string): boolean {
  return path === grantPath || path.startsWith(`${grantPath}/`);
}

/** Whether the principal may act as one of `roles` on the unit at `path`: the same rule the server applies. */
export function canActOn(principal: Principal, path: string, ...roles: Role[]): boolean {
  return principal.grants.some((g) => roles.includes(g.role) && reaches(g.path, path));
}
