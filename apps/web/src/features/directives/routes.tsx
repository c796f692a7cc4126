import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { DirectiveDetailPage } from './DirectiveDetailPage';
import { DirectivesPage } from './DirectivesPage';
import { ReceivedPage } from './ReceivedPage';

export const directiveRoutes: RouteObject[] = [
  { path: '/directives', element: <RequireRole roles={['admin', 'auditor']}><DirectivesPage /></RequireRole> },
  { path: '/directives/:id', element: <RequireRole roles={['admin', 'auditor']}><DirectiveDetailPage /></RequireRole> },
  { path: '/received', element: <RequireRole roles={['admin']}><ReceivedPage /></RequireRole> },
];
