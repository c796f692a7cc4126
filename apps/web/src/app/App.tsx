import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { Suspense } from 'react';
import { useNavigate, useRoutes, type RouteObject } from 'react-router';
import { auditRoutes } from '../features/audit/routes';
import { LoginPage } from '../features/auth/LoginPage';
import { directiveRoutes } from '../features/directives/routes';
import { evaluationRoutes } from '../features/evaluations/routes';
import { homeRoutes } from '../features/home/routes';
import { notificationRoutes } from '../features/notifications/routes';
import { orgRoutes } from '../features/org/routes';
import { reportRoutes } from '../features/reports/routes';
import { taskRoutes } from '../features/tasks/routes';
import { templateRoutes } from '../features/templates/routes';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { AppLayout } from './AppLayout';
import { errorMessage, isUnauthorized } from './errors';
import { PrincipalContext } from './PrincipalContext';

function NotFound() {
  const { t } = useLocale();
  const navigate = useNavigate();
  return <Result status="404" title={t('notFound')} extra={<Button onClick={() => navigate('/')}>{t('goHome')}</Button>} />;
}

/** Every screen, each feature contributing its own routes. */
const ROUTES: RouteObject[] = [
  ...homeRoutes,
  ...taskRoutes,
  ...notificationRoutes,
  ...orgRoutes,
  ...templateRoutes,
  ...directiveRoutes,
  ...reportRoutes,
  ...evaluationRoutes,
  ...auditRoutes,
  { path: '*', element: <NotFound /> },
];

function Screens() {
  const screen = useRoutes(ROUTES);
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }} role="status">
          <Spin />
        </div>
      }
    >
      {screen}
    </Suspense>
  );
}

/** Signed out: the login page; signed in: the shell around the screen the path names. */
export function App() {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });
  if (me.isPending) {
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }} role="status">
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError && isUnauthorized(me.error)) return <LoginPage />;
  if (me.isError) return <Result status="error" title={t('loadFailed')} subTitle={errorMessage(me.error, text)} extra={<Button onClick={() => me.refetch()}>{t('retry')}</Button>} />;
  return (
    <PrincipalContext.Provider value={me.data}>
      <AppLayout principal={me.data}>
        <Screens />
      </AppLayout>
    </PrincipalContext.Provider>
  );
}
