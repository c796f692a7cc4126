import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { CASE_STATE_COLOUR, caseStateKey } from './caseActions';
import { CaseOrigin } from './CaseOrigin';

type Row = RouterOutputs['cases']['list'][number];

/** The directive's accountability cases with their state; each opens to be run or read. */
export function CaseList({ directiveId }: { directiveId: string }) {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.cases.list.queryOptions({ directiveId }));
  const columns: ColumnsType<Row> = [
    {
      title: t('evaluationsCaseSubject'),
      key: 'subject',
      render: (_, row) => (
        <Link to={`/evaluations/cases/${row.id}`} data-testid="case-link">
          {row.subjectUserName ? `${row.subjectUserName}(${row.unitName ?? ''})` : (row.unitName ?? '—')}
        </Link>
      ),
    },
    { title: t('evaluationsCaseState'), key: 'state', render: (_, row) => <Tag color={CASE_STATE_COLOUR[row.state]}>{caseStateKey(row.state) ? t(caseStateKey(row.state)!) : row.state}</Tag> },
    { title: t('evaluationsCaseOrigin'), key: 'origin', render: (_, row) => <Typography.Text style={{ maxWidth: 360, display: 'inline-block' }} ellipsis><CaseOrigin evaluation={row.evaluation} /></Typography.Text> },
    { title: t('evaluationsCaseUpdated'), key: 'updated', render: (_, row) => formatDateTime(row.updatedAt as unknown as string, lang) },
  ];
  return (
    <Card size="small" title={t('evaluationsTabCases')}>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} emptyText={t('evaluationsCasesNone')}>
        {(rows) => (
          <Table<Row>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={(row) => ({ 'data-testid': 'case-row', 'data-state': row.state }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </QueryState>
    </Card>
  );
}
