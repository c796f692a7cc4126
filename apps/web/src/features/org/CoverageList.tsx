import { useQuery } from '@tanstack/react-query';
import { Progress, Table, Typography } from 'antd';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

type Row = { id: string; name: string; code: string; households: number; covered: number };

/** 包户到人: per grid, how many households have a party member assigned for the directive. */
export function CoverageList({ unitId, directiveId }: { unitId: string; directiveId: string }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const coverage = useQuery(trpc.mobilize.coverage.queryOptions({ orgUnitId: unitId, directiveId }));
  return (
    <section aria-label={t('orgCoverage')}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('orgCoverage')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orgCoverageHint')}</Typography.Paragraph>
      <QueryState query={coverage} isEmpty={(rows) => rows.length === 0} emptyText={t('orgCoverageNone')}>
        {(rows) => {
          const covered = rows.reduce((n, r) => n + r.covered, 0);
          const total = rows.reduce((n, r) => n + r.households, 0);
          return (
            <>
              <Typography.Text strong data-testid="coverage-total">
                {t('orgCoverageTotal', { covered, total })}
              </Typography.Text>
              <Table<Row>
                rowKey="id"
                size="small"
                dataSource={rows}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('orgGrid'), key: 'grid', render: (_, r) => r.name },
                  {
                    title: t('orgHouseholds'),
                    key: 'coverage',
                    render: (_, r) => (
                      <div style={{ minWidth: 160 }} data-testid="coverage-row">
                        <Progress percent={r.households ? Math.round((100 * r.covered) / r.households) : 0} size="small" format={() => `${r.covered}/${r.households}`} />
                      </div>
                    ),
                  },
                ]}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
