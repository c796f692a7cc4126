import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { RequireRole } from '../../app/RequireRole';

const ReportsPage = lazyPage(() => import('./ReportsPage'), 'ReportsPage');

export const reportRoutes: RouteObject[] = [{ path: '/reports', element: <RequireRole roles={['admin', 'auditor']}><ReportsPage /></RequireRole> }];
