import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { usePrincipal } from '../../app/PrincipalContext';
import { hasRole } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { defaultFilter, isTaskFilter, type TaskFilter } from './taskFilters';
import { TaskList } from './TaskList';

/** 我的任务: phone first, what is due soonest on top, filtered by state (kept in the address, so Back
 * returns to the same list); refreshes every minute as periods roll over, and on demand. */
export function MyTasksPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const asked = params.get('filter');
  const filter: TaskFilter = isTaskFilter(asked) ? asked : defaultFilter(hasRole(principal, 'grid_staff'));
  const query = useQuery({ ...trpc.tasks.mine.queryOptions(), refetchInterval: 60_000 });
  return (
    <>
      <Flex align="center" justify="space-between" gap={8} wrap>
        <Typography.Title level={3}>{t('navTasks')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
          {t('tasksRefresh')}
        </Button>
      </Flex>
      <QueryState query={query}>
        {(tasks) => <TaskList tasks={tasks} filter={filter} onFilterChange={(f) => setParams({ filter: f }, { replace: true })} onOpen={(id) => navigate(`/tasks/${id}`)} />}
      </QueryState>
    </>
  );
}
