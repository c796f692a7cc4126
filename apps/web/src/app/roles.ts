import type { MessageKey } from '../i18n/messages';
import type { RouterOutputs } from '../trpc';

export type Principal = RouterOutputs['auth']['me'];
export type Role = Principal['grants'][number]['role'];

export const ROLE_LABEL: Record<string, MessageKey> = { admin: 'roleAdmin', grid_staff: 'roleGridStaff', auditor: 'roleAuditor' };

export function rolesOf(principal: Principal): Set<string> {
  return new Set(principal.grants.map((g) => g.role));
}

export type NavItem = { path: string; label: MessageKey };

/** The screens a principal sees: tasks for whoever works on or oversees tasks; the inbox for all. */
export function navItems(principal: Principal): NavItem[] {
  const roles = rolesOf(principal);
  const items: NavItem[] = [{ path: '/', label: 'navHome' }];
  if (roles.has('grid_staff') || roles.has('admin')) items.push({ path: '/tasks', label: 'navTasks' });
  items.push({ path: '/notifications', label: 'navNotifications' });
  return items;
}
