import { ExclamationCircleFilled } from '@ant-design/icons';
import { Badge, List, Segmented, Space, Typography } from 'antd';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import { countByFilter, filterTasks, TASK_FILTERS, type TaskFilter } from './taskFilters';
import { isOverdue, orderTasks, type TaskSummary } from './taskOrdering';
import { TaskStateTag } from './TaskStateTag';

type Props = {
  tasks: readonly TaskSummary[];
  onOpen: (id: string) => void;
  /** Which tasks to list; every one when not given. */
  filter?: TaskFilter;
  onFilterChange?: (filter: TaskFilter) => void;
};

/** The worker's tasks, most urgent first, under a filter bar that carries the counts; overdue ones in
 * red. Each row's title is a real link, so the list works from the keyboard. */
export function TaskList({ tasks, onOpen, filter = 'all', onFilterChange }: Props) {
  const { t, lang } = useLocale();
  const counts = countByFilter(tasks);
  const shown = orderTasks(filterTasks(tasks, filter));
  return (
    <>
      <div style={{ overflowX: 'auto', marginBottom: 12 }} aria-label="counts" role="group">
        <Segmented<TaskFilter>
          aria-label={t('tasksFilterLabel')}
          value={filter}
          onChange={(f) => onFilterChange?.(f)}
          options={TASK_FILTERS.map((f) => ({
            value: f,
            label: (
              <span data-testid={`filter-${f}`}>
                {t(`tasksFilter_${f}` as const)}{' '}
                <Badge count={counts[f]} showZero overflowCount={999} color={f === 'overdue' && counts[f] > 0 ? '#cf1322' : '#8c8c8c'} />
              </span>
            ),
          }))}
        />
      </div>
      <List
        bordered
        locale={{ emptyText: tasks.length === 0 ? t('tasksNone') : t('tasksNoneInFilter') }}
        dataSource={shown}
        renderItem={(task) => (
          <List.Item
            key={task.id}
            data-testid="task-row"
            data-overdue={isOverdue(task) ? 'true' : undefined}
            onClick={() => onOpen(task.id)}
            style={{ cursor: 'pointer', borderLeft: isOverdue(task) ? '4px solid #cf1322' : undefined }}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {isOverdue(task) && <ExclamationCircleFilled style={{ color: '#cf1322' }} aria-label={t('tasksOverdue')} />}
                  <Typography.Link
                    strong
                    href={`/tasks/${task.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      onOpen(task.id);
                    }}
                  >
                    {task.directiveTitle}
                  </Typography.Link>
                </Space>
              }
              description={
                <Space wrap size={[8, 0]}>
                  <span>{task.kind === 'report' ? t('kindReport') : t('kindScreening')}</span>
                  <span>{task.unit.name}</span>
                  <span>
                    {t('period')} {task.periodKey === 'once' ? t('tasksPeriodOnce') : task.periodKey}
                  </span>
                  <Typography.Text type={isOverdue(task) ? 'danger' : undefined}>
                    {t('due')} {formatDateTime(task.dueAt, lang)}
                  </Typography.Text>
                </Space>
              }
            />
            <TaskStateTag state={task.state} />
          </List.Item>
        )}
      />
    </>
  );
}
