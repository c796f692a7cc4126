import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useMemo } from 'react';
import type { FieldIssue, FormDefinition } from '@cascade/forms';
import { errorMessage, serverIssues } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { ReviewActions } from './ReviewActions';
import { ScreeningChecklist } from './ScreeningChecklist';
import { taskActions } from './taskAccess';
import { TaskForm, type DraftControls } from './TaskForm';
import { TaskStateTag } from './TaskStateTag';
import { useTaskDraft } from './useTaskDraft';
import { useTaskSubmission } from './useTaskSubmission';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';

type TaskDetail = RouterOutputs['tasks']['get'];
type TaskContext = { lastComment?: string | null };
type Answers = Record<string, unknown>;

const NO_ISSUES: FieldIssue[] = [];

/**
 * The reviewer's comment while the worker still has to act on it: the report was returned, or was
 * returned and has since gone past its due time (overdue straight from open has no comment; the
 * machine keeps the comment until the next return).
 */
function standingComment(task: TaskDetail): string | null {
  if (task.state !== 'returned' && task.state !== 'overdue') return null;
  const snapshot = task.snapshot as { context?: TaskContext } | null;
  return snapshot?.context?.lastComment ?? null;
}

function TaskBody({ task }: { task: TaskDetail }) {
  const { t, text, lang } = useLocale();
  const principal = usePrincipal();
  const actions = taskActions(principal, task);
  const { submit, mutation } = useTaskSubmission(task.id);
  const drafts = useTaskDraft(task.id);
  const form = task.form as FormDefinition;
  const latest = task.submissions[0];
  const comment = standingComment(task);
  const issues = useMemo(() => (mutation.error ? serverIssues(mutation.error) : NO_ISSUES), [mutation.error]);
  const draftError = drafts.save.error ?? drafts.discard.error;
  const draft: DraftControls = {
    saved: task.draft ? { data: task.draft.data, savedAt: task.draft.savedAt } : null,
    save: (data: Answers) => drafts.save.mutateAsync({ taskId: task.id, data }),
    discard: () => drafts.discard.mutateAsync({ taskId: task.id }),
    saving: drafts.save.isPending,
    discarding: drafts.discard.isPending,
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {text(form.title)}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('directive')}>{task.directiveTitle}</Descriptions.Item>
          <Descriptions.Item label={t('tasksUnit')}>{task.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('period')}>{task.periodKey === 'once' ? t('tasksPeriodOnce') : task.periodKey}</Descriptions.Item>
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
      {mutation.isError && <Alert type="error" showIcon message={errorMessage(mutation.error, text)} />}
      {draftError && <Alert type="error" showIcon message={errorMessage(draftError, text)} />}
      {mutation.isSuccess && <Alert type="success" showIcon message={t('submitted')} />}
      {actions.review && <ReviewActions taskId={task.id} />}
      {task.kind === 'report' && (
        <Card size="small" title={actions.fill ? undefined : t('tasksAnswers')}>
          {actions.fill || latest ? (
            <TaskForm
              key={`${task.id}:${latest?.id ?? 'new'}`}
              form={form}
              current={latest?.data as Answers | undefined}
              previous={task.previous?.data as Answers | undefined}
              canSubmit={actions.fill}
              submitLabel={latest ? t('resubmit') : t('submit')}
              submitting={mutation.isPending}
              serverIssues={issues}
              onSubmit={submit}
              {...(actions.fill ? { draft } : {})}
            />
          ) : (
            <Typography.Text type="secondary">{t('tasksNoSubmission')}</Typography.Text>
          )}
        </Card>
      )}
      {task.kind === 'screening' && task.checklist && <ScreeningChecklist taskId={task.id} form={form} households={task.checklist.households} actions={actions} />}
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
