import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { AuditDirectivePage } from './AuditDirectivePage';
import { AuditPage } from './AuditPage';
import { AuditUnitPage } from './AuditUnitPage';
import { InstanceHistoryPage } from './InstanceHistoryPage';

const READERS = ['auditor', 'admin'] as const;

export const auditRoutes: RouteObject[] = [
  { path: '/audit', element: <RequireRole roles={READERS}><AuditPage /></RequireRole> },
  { path: '/audit/directives/:id', element: <RequireRole roles={READERS}><AuditDirectivePage /></RequireRole> },
  { path: '/audit/units/:id', element: <RequireRole roles={READERS}><AuditUnitPage /></RequireRole> },
  { path: '/audit/instances/:id', element: <RequireRole roles={READERS}><InstanceHistoryPage /></RequireRole> },
];
