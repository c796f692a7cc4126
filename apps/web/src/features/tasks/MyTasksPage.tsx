import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { QueryState } from '../../components/QueryState';
import { TaskList } from './TaskList';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { useNavigate } from 'react-router';

/** 我的任务: phone first, what is due soonest on top; refreshes every minute as periods roll over. */
export function MyTasksPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const query = useQuery({ ...trpc.tasks.mine.queryOptions(), refetchInterval: 60_000 });
  return (
    <>
      <Typography.Title level={3}>{t('navTasks')}</Typography.Title>
      <QueryState query={query}>{(tasks) => <TaskList tasks={tasks} onOpen={(id) => navigate(`/tasks/${id}`)} />}</QueryState>
    </>
  );
}
