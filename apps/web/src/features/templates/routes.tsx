import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { TemplatesPage } from './TemplatesPage';

export const templateRoutes: RouteObject[] = [{ path: '/templates', element: <RequireRole roles={['admin']}><TemplatesPage /></RequireRole> }];
