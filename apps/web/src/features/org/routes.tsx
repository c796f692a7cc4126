import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { MyAssignmentsPage } from './MyAssignmentsPage';
import { OrgPage } from './OrgPage';

export const orgRoutes: RouteObject[] = [
  { path: '/org', element: <RequireRole roles={['admin']}><OrgPage /></RequireRole> },
  { path: '/org/:unitId', element: <RequireRole roles={['admin']}><OrgPage /></RequireRole> },
  // Anyone may be sent down or assigned, whatever their role: their own assignments are theirs to see.
  { path: '/assignments', element: <MyAssignmentsPage /> },
];
