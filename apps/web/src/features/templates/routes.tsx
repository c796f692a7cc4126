import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { RequireRole } from '../../app/RequireRole';

const DirectiveIssuePage = lazyPage(() => import('./DirectiveIssuePage'), 'DirectiveIssuePage');
const FormBuilderPage = lazyPage(() => import('./FormBuilderPage'), 'FormBuilderPage');
const NewFormPage = lazyPage(() => import('./FormBuilderPage'), 'NewFormPage');
const NewTemplatePage = lazyPage(() => import('./NewTemplatePage'), 'NewTemplatePage');
const TemplateEditorPage = lazyPage(() => import('./TemplateEditorPage'), 'TemplateEditorPage');
const TemplatesPage = lazyPage(() => import('./TemplatesPage'), 'TemplatesPage');

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
