import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { RequireRole } from '../../app/RequireRole';

const AuditDirectivePage = lazyPage(() => import('./AuditDirectivePage'), 'AuditDirectivePage');
const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');
const AuditUnitPage = lazyPage(() => import('./AuditUnitPage'), 'AuditUnitPage');
const InstanceHistoryPage = lazyPage(() => import('./InstanceHistoryPage'), 'InstanceHistoryPage');

const READERS = ['auditor', 'admin'] as const;

export const auditRoutes: RouteObject[] = [
  { path: '/audit', element: <RequireRole roles={READERS}><AuditPage /></RequireRole> },
  { path: '/audit/directives/:id', element: <RequireRole roles={READERS}><AuditDirectivePage /></RequireRole> },
  { path: '/audit/units/:id', element: <RequireRole roles={READERS}><AuditUnitPage /></RequireRole> },
  { path: '/audit/instances/:id', element: <RequireRole roles={READERS}><InstanceHistoryPage /></RequireRole> },
];
