import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { HomePage } from '../pages/HomePage';
import { LoginPage } from '../pages/LoginPage';
import { MyTasksPage } from '../pages/MyTasksPage';
import { NotificationsPage } from '../pages/NotificationsPage';
import { TaskDetailPage } from '../pages/TaskDetailPage';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { AppLayout } from './AppLayout';
import { errorMessage, isUnauthorized } from './errors';
import type { Principal } from './roles';
import { matchRoute, navigate, usePath } from './router';

function Page({ principal }: { principal: Principal }) {
  const { t } = useLocale();
  const route = matchRoute(usePath());
  switch (route.page) {
    case 'home':
      return <HomePage principal={principal} />;
    case 'tasks':
      return <MyTasksPage />;
    case 'task':
      return <TaskDetailPage id={route.id} />;
    case 'notifications':
      return <NotificationsPage />;
    default:
      return <Result status="404" title={t('notFound')} extra={<Button onClick={() => navigate('/')}>{t('goHome')}</Button>} />;
  }
}

/** Signed out: the login page; signed in: the shell around the page the path names. */
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
    <AppLayout principal={me.data}>
      <Page principal={me.data} />
    </AppLayout>
  );
}
