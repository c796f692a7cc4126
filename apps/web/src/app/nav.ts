import type { MessageKey } from '../i18n/messages';
import { rolesOf, type Principal, type Role } from './roles';

export type NavItem = { path: string; label: MessageKey; roles: readonly Role[] };

/** Every screen of the menu and who sees it; a user sees no screen their roles cannot use. */
export const NAV: readonly NavItem[] = [
  { path: '/', label: 'navHome', roles: ['admin', 'auditor', 'grid_staff'] },
  { path: '/tasks', label: 'navTasks', roles: ['grid_staff', 'admin'] },
  { path: '/received', label: 'navReceived', roles: ['admin'] },
  { path: '/directives', label: 'navDirectives', roles: ['admin', 'auditor'] },
  { path: '/reports', label: 'navReports', roles: ['admin', 'auditor'] },
  { path: '/evaluations', label: 'navEvaluations', roles: ['admin', 'auditor'] },
  { path: '/templates', label: 'navTemplates', roles: ['admin'] },
  { path: '/org', label: 'navOrg', roles: ['admin'] },
  { path: '/audit', label: 'navAudit', roles: ['auditor', 'admin'] },
  { path: '/notifications', label: 'navNotifications', roles: ['admin', 'auditor', 'grid_staff'] },
];

export function navItems(principal: Principal): NavItem[] {
  const roles = rolesOf(principal);
  return NAV.filter((item) => item.roles.some((r) => roles.has(r)));
}

/** The menu entry a path belongs to: the longest item path it starts with. */
export function selectedNav(items: readonly NavItem[], path: string): string {
  const match = items.filter((i) => (i.path === '/' ? path === '/' : path === i.path || path.startsWith(`${i.path}/`)));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
