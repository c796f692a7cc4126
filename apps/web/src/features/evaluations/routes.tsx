import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { RequireRole } from '../../app/RequireRole';

const CaseDetailPage = lazyPage(() => import('./CaseDetailPage'), 'CaseDetailPage');
const EvaluationsPage = lazyPage(() => import('./EvaluationsPage'), 'EvaluationsPage');

export const evaluationRoutes: RouteObject[] = [
  { path: '/evaluations', element: <RequireRole roles={['admin', 'auditor']}><EvaluationsPage /></RequireRole> },
  { path: '/evaluations/cases/:id', element: <RequireRole roles={['admin', 'auditor']}><CaseDetailPage /></RequireRole> },
];
