import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { DirectiveIssuePage } from './DirectiveIssuePage';
import { FormBuilderPage, NewFormPage } from './FormBuilderPage';
import { NewTemplatePage } from './NewTemplatePage';
import { TemplateEditorPage } from './TemplateEditorPage';
import { TemplatesPage } from './TemplatesPage';

const admin = (element: ReactNode) => <RequireRole roles={['admin']}>{element}</RequireRole>;

/** Templates and forms under /templates; issuing a directive is /directives/new (the directives
 * feature owns the rest of /directives). */
export const templateRoutes: RouteObject[] = [
  { path: '/templates', element: admin(<TemplatesPage />) },
  { path: '/templates/new', element: admin(<NewTemplatePage />) },
  { path: '/templates/forms/new', element: admin(<NewFormPage />) },
  { path: '/templates/forms/:id', element: admin(<FormBuilderPage />) },
  { path: '/templates/:id', element: admin(<TemplateEditorPage />) },
  { path: '/directives/new', element: admin(<DirectiveIssuePage />) },
];
