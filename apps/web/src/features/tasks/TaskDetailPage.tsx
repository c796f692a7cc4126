import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useMemo } from 'react';
import type { FieldIssue, FormDefinition } from '@cascade/forms';
import { errorMessage, serverIssues } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { TaskForm } from './TaskForm';
import { TaskStateTag } from './TaskStateTag';
import { useTaskSubmission } from './useTaskSubmission';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';

type TaskDetail = RouterOutputs['tasks']['get'];
type TaskContext = { lastComment?: string | null };

const NO_ISSUES: FieldIssue[] = [];
const SUBMITTABLE = ['open', 'overdue', 'returned'];

function lastComment(task: TaskDetail): string | null {
  const snapshot = task.snapshot as { context?: TaskContext } | null;
  return snapshot?.context?.lastComment ?? null;
}

function TaskBody({ task }: { task: TaskDetail }) {
  const { t, text, lang } = useLocale();
  const { submit, mutation } = useTaskSubmission(task.id);
  const form = task.form as FormDefinition;
  const latest = task.submissions[0];
  const comment = task.state === 'returned' ? lastComment(task) : null;
  const issues = useMemo(() => (mutation.error ? serverIssues(mutation.error) : NO_ISSUES), [mutation.error]);
  const canSubmit = task.kind === 'report' && SUBMITTABLE.includes(task.state);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {text(form.title)}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('directive')}>{task.directiveTitle}</Descriptions.Item>
          <Descriptions.Item label={t('period')}>{task.periodKey}</Descriptions.Item>
          <Descriptions.Item label={t('due')}>
            <Typography.Text type={task.state === 'overdue' ? 'danger' : undefined}>{formatDateTime(task.dueAt, lang)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <TaskStateTag state={task.state} />
          </Descriptions.Item>
          {latest && (
            <Descriptions.Item label={t('lastSubmitted')}>
              {formatDateTime(latest.submittedAt, lang)} · {t('attempt', { n: latest.attempt })}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {comment && <Alert type="warning" showIcon message={t('returnedComment')} description={comment} data-testid="returned-comment" />}
      {task.kind !== 'report' && <Alert type="info" showIcon message={t('screeningNotYet')} />}
      {mutation.isError && <Alert type="error" showIcon message={errorMessage(mutation.error, text)} />}
      {mutation.isSuccess && <Alert type="success" showIcon message={t('submitted')} />}
      {task.kind === 'report' && (
        <Card size="small">
          <TaskForm
            key={`${task.id}:${latest?.id ?? 'new'}`}
            form={form}
            current={latest?.data as Record<string, unknown> | undefined}
            previous={task.previous?.data as Record<string, unknown> | undefined}
            canSubmit={canSubmit}
            submitLabel={task.state === 'returned' ? t('resubmit') : t('submit')}
            submitting={mutation.isPending}
            serverIssues={issues}
            onSubmit={submit}
          />
        </Card>
      )}
    </Space>
  );
}

export function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const query = useQuery(trpc.tasks.get.queryOptions({ id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')} style={{ paddingInline: 0 }}>
        {t('back')}
      </Button>
      <QueryState query={query}>{(task) => <TaskBody task={task} />}</QueryState>
    </Space>
  );
}
