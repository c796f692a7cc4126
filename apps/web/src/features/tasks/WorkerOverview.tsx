import { ExclamationCircleFilled, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { isOverdue } from './taskOrdering';
import { TaskStateTag } from './TaskStateTag';
import { workerSummary } from './workerSummary';

/** The grid worker's part of the home screen: what is due today, what is overdue, unread messages,
 * and the way into "My tasks". */
export function WorkerOverview() {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const tasks = useQuery({ ...trpc.tasks.mine.queryOptions(), refetchInterval: 60_000 });
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 30_000 });
  return (
    <Card size="small" title={t('tasksOverviewTitle')} data-testid="worker-overview">
      <QueryState query={tasks}>
        {(list) => {
          const summary = workerSummary(list, new Date());
          return (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Row gutter={[12, 12]}>
                <Col xs={12} sm={6}>
                  <Statistic title={t('tasksOverviewToday')} value={summary.dueToday.length} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={t('tasksOverviewOverdue')} value={summary.overdue} valueStyle={summary.overdue ? { color: '#cf1322' } : undefined} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={t('tasksOverviewTodo')} value={summary.todo} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={t('tasksOverviewUnread')} value={unread.data ?? '—'} />
                </Col>
              </Row>
              <List
                size="small"
                locale={{ emptyText: t('tasksOverviewNoneToday') }}
                dataSource={summary.dueToday.slice(0, 5)}
                renderItem={(task) => (
                  <List.Item key={task.id} extra={<TaskStateTag state={task.state} />}>
                    <Space direction="vertical" size={0}>
                      <Typography.Link
                        href={`/tasks/${task.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/tasks/${task.id}`);
                        }}
                      >
                        {isOverdue(task) && <ExclamationCircleFilled style={{ color: '#cf1322', marginInlineEnd: 4 }} />}
                        {task.kind === 'report' ? t('kindReport') : t('kindScreening')} · {task.unit.name}
                      </Typography.Link>
                      <Typography.Text type="secondary">
                        {t('due')} {formatDateTime(task.dueAt, lang)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              <Button type="primary" block size="large" onClick={() => navigate('/tasks')}>
                {t('tasksOverviewOpen')} <RightOutlined />
              </Button>
            </Space>
          );
        }}
      </QueryState>
    </Card>
  );
}
