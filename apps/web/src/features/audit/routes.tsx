import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { AuditPage } from './AuditPage';

export const auditRoutes: RouteObject[] = [{ path: '/audit', element: <RequireRole roles={['auditor', 'admin']}><AuditPage /></RequireRole> }];
