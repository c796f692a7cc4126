import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { ReportsPage } from './ReportsPage';

export const reportRoutes: RouteObject[] = [{ path: '/reports', element: <RequireRole roles={['admin', 'auditor']}><ReportsPage /></RequireRole> }];
