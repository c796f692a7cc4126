import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { OrgPage } from './OrgPage';

export const orgRoutes: RouteObject[] = [{ path: '/org', element: <RequireRole roles={['admin']}><OrgPage /></RequireRole> }];
