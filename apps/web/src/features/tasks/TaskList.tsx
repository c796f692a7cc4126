import { ExclamationCircleFilled } from '@ant-design/icons';
import { List, Space, Statistic, Typography } from 'antd';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import { countTasks, isOverdue, orderTasks, type TaskSummary } from './taskOrdering';
import { TaskStateTag } from './TaskStateTag';

/** The worker's tasks, most urgent first, with counts on top; overdue ones in red. */
export function TaskList({ tasks, onOpen }: { tasks: readonly TaskSummary[]; onOpen: (id: string) => void }) {
  const { t, lang } = useLocale();
  const counts = countTasks(tasks);
  return (
    <>
      <Space size="large" wrap style={{ marginBottom: 16 }} aria-label="counts">
        <Statistic title={t('tasksTodo')} value={counts.todo} />
        <Statistic title={t('tasksOverdue')} value={counts.overdue} valueStyle={counts.overdue ? { color: '#cf1322' } : undefined} />
        <Statistic title={t('tasksReturned')} value={counts.returned} />
        <Statistic title={t('tasksTotal')} value={counts.total} />
      </Space>
      <List
        bordered
        locale={{ emptyText: t('tasksNone') }}
        dataSource={orderTasks(tasks)}
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
                  <Typography.Text strong>{task.directiveTitle}</Typography.Text>
                </Space>
              }
              description={
                <Space wrap size={[8, 0]}>
                  <span>{task.kind === 'report' ? t('kindReport') : t('kindScreening')}</span>
                  <span>{task.unit.name}</span>
                  <span>
                    {t('period')} {task.periodKey}
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
