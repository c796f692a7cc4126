import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { CaseDetailPage } from './CaseDetailPage';
import { EvaluationsPage } from './EvaluationsPage';

export const evaluationRoutes: RouteObject[] = [
  { path: '/evaluations', element: <RequireRole roles={['admin', 'auditor']}><EvaluationsPage /></RequireRole> },
  { path: '/evaluations/cases/:id', element: <RequireRole roles={['admin', 'auditor']}><CaseDetailPage /></RequireRole> },
];
