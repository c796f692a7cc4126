import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import type { MessageKey } from '../../i18n/messages';
import { useTRPC, type RouterOutputs } from '../../trpc';

type Row = RouterOutputs['evaluations']['list'][number];

export const OUTCOME_COLOUR: Record<string, string> = { commend: 'green', satisfactory: 'blue', criticise: 'orange', accountable: 'red' };

/** Every evaluation of the directive the reader may see, oldest first. */
export function EvaluationList({ directiveId }: { directiveId: string }) {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.evaluations.list.queryOptions({ directiveId }));
  const columns: ColumnsType<Row> = [
    { title: t('evaluationsSubject'), key: 'subject', render: (_, row) => row.subjectUnitName ?? row.subjectUserName ?? '—' },
    { title: t('evaluationsOutcome'), key: 'outcome', render: (_, row) => <Tag color={OUTCOME_COLOUR[row.evaluation.outcome]}>{t(`evaluationsOutcome_${row.evaluation.outcome}` as MessageKey)}</Tag> },
    { title: t('evaluationsComment'), key: 'comment', render: (_, row) => <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }} ellipsis={{ rows: 2, expandable: true }}>{row.evaluation.comment}</Typography.Paragraph> },
    { title: t('evaluationsEvaluator'), dataIndex: 'evaluatorUnitName' },
    { title: t('evaluationsEvaluatedBy'), key: 'by', render: (_, row) => row.evaluatedByName ?? '—' },
    { title: t('evaluationsEvaluatedAt'), key: 'at', render: (_, row) => formatDateTime(row.evaluation.evaluatedAt as unknown as string, lang) },
    { title: t('evaluationsEvidenceCount'), key: 'evidence', align: 'right', render: (_, row) => row.evaluation.evidence.length },
    { title: '', key: 'case', render: (_, row) => (row.evaluation.caseId ? <Link to={`/evaluations/cases/${row.evaluation.caseId}`}>{t('evaluationsCaseTitle')}</Link> : null) },
  ];
  return (
    <Card size="small" title={t('evaluationsListTitle')}>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} emptyText={t('evaluationsListNone')}>
        {(rows) => (
          <Table<Row>
            size="small"
            rowKey={(row) => row.evaluation.id}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={(row) => ({ 'data-testid': 'evaluation-row', 'data-outcome': row.evaluation.outcome }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </QueryState>
    </Card>
  );
}
