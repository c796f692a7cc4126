import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { MyTasksPage } from './MyTasksPage';
import { TaskDetailPage } from './TaskDetailPage';

export const taskRoutes: RouteObject[] = [
  { path: '/tasks', element: <RequireRole roles={['grid_staff', 'admin']}><MyTasksPage /></RequireRole> },
  { path: '/tasks/:id', element: <RequireRole roles={['grid_staff', 'admin', 'auditor']}><TaskDetailPage /></RequireRole> },
];
