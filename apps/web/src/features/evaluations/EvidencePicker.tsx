import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import type { MessageKey } from '../../i18n/messages';
import type { SubjectRef } from './evaluationSubjects';
import { answerRows, answerText, formsById, type EvidenceList, type EvidenceTask } from './evidence';
import { useEvidence } from './useEvidence';

const TASK_STATES = ['open', 'submitted', 'returned', 'accepted', 'overdue', 'closed', 'inProgress', 'completed'];
const STATE_COLOUR: Record<string, string> = { open: 'blue', submitted: 'cyan', returned: 'orange', accepted: 'green', overdue: 'red', closed: 'default', inProgress: 'blue', completed: 'green' };

type Props = { directiveId: string; subject: SubjectRef | null; value?: string[]; onChange?: (ids: string[]) => void };

/** The subject's tasks and submissions under the directive, beside the evaluation form: state,
 * lateness and answers, each row tickable as evidence. Controlled by antd Form (value = task ids). */
export function EvidencePicker({ directiveId, subject, value = [], onChange }: Props) {
  const { t } = useLocale();
  const query = useEvidence(directiveId, subject);
  if (!subject) return <Typography.Text type="secondary">{t('evaluationsChooseSubjectFirst')}</Typography.Text>;
  return (
    <QueryState query={query} isEmpty={(list) => list.tasks.length === 0} emptyText={t('evaluationsEvidenceNone')}>
      {(list) => <EvidenceTable list={list} value={value} onChange={onChange} />}
    </QueryState>
  );
}

function EvidenceTable({ list, value, onChange }: { list: EvidenceList; value: string[]; onChange: ((ids: string[]) => void) | undefined }) {
  const { t, text, lang } = useLocale();
  const forms = formsById(list);
  const columns: ColumnsType<EvidenceTask> = [
    {
      title: t('evaluationsTask'),
      key: 'task',
      render: (_, task) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{task.kind === 'report' ? (forms.get(task.formVersionId)?.title ? text(forms.get(task.formVersionId)!.title) : t('evaluationsKindReport')) : t('evaluationsKindScreening')}</Typography.Text>
          <Link to={`/tasks/${task.id}`}>{t('evaluationsOpenTask')}</Link>
        </Space>
      ),
    },
    { title: t('evaluationsUnit'), key: 'unit', render: (_, task) => task.unit.name },
    { title: t('evaluationsPeriod'), dataIndex: 'periodKey' },
    { title: t('evaluationsDue'), key: 'due', render: (_, task) => formatDateTime(task.dueAt as unknown as string, lang) },
    {
      title: t('evaluationsState'),
      key: 'state',
      render: (_, task) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLOUR[task.state] ?? 'default'}>{TASK_STATES.includes(task.state) ? t(`state_${task.state}` as MessageKey) : task.state}</Tag>
          {task.late ? (
            <Tag color="red" data-testid="evidence-late">
              {t('evaluationsLate')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('evaluationsSubmission'),
      key: 'latest',
      render: (_, task) => (task.latest ? t('evaluationsAttempt', { n: task.latest.attempt, at: formatDateTime(task.latest.submittedAt, lang) }) : <Typography.Text type="secondary">{t('evaluationsNotSubmitted')}</Typography.Text>),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('evaluationsEvidenceChosen', { n: value.length })}</Typography.Text>
      <Table<EvidenceTask>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.tasks}
        scroll={{ x: 'max-content' }}
        pagination={list.tasks.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        rowSelection={{
          selectedRowKeys: value,
          onChange: (keys) => onChange?.(keys.map(String)),
          getCheckboxProps: (task) => ({ 'aria-label': `${task.unit.name} ${task.periodKey}` }) as never,
        }}
        onRow={(task) => ({ 'data-testid': 'evidence-row', 'data-state': task.state, 'data-late': task.late ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (task) => task.latest !== null,
          expandedRowRender: (task) => (
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} title={t('evaluationsAnswers')}>
              {answerRows(forms.get(task.formVersionId), task.latest?.data ?? {}).map((row) => (
                <Descriptions.Item key={row.key} label={row.label ? text(row.label) : row.key}>
                  {answerText(row, { yes: t('yes'), no: t('no') }, text)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
      />
    </Space>
  );
}
