import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { aggregationKey } from './rollupView';
import { resolveField } from './reportSelection';

// ECharts is large: it loads only when a trend is on screen.
const TrendChart = lazy(() => import('./TrendChart').then((m) => ({ default: m.TrendChart })));

/** The stage over its periods for the unit, with the indicator the reader picks. */
export function TrendCard({ directiveId, stageId, unitId, field, onField }: { directiveId: string; stageId: string; unitId: string; field: string | null; onField: (key: string) => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.reports.trend.queryOptions({ directiveId, stageId, unitId }));
  const fieldKey = resolveField(query.data?.fields ?? [], field);
  return (
    <Card
      size="small"
      title={t('reportsTrend')}
      extra={
        query.data && query.data.fields.length > 0 ? (
          <Space>
            <Typography.Text type="secondary">
              <label htmlFor="reports-trend-field">{t('reportsTrendField')}</label>
            </Typography.Text>
            <Select
              id="reports-trend-field"
              value={fieldKey}
              onChange={onField}
              style={{ minWidth: 160 }}
              options={query.data.fields.map((f) => ({ value: f.key, label: `${text(f.label)}(${t(aggregationKey(f.aggregate))})` }))}
            />
          </Space>
        ) : null
      }
    >
      <QueryState query={query} isEmpty={(trend) => trend.points.length === 0} emptyText={t('reportsTrendNone')}>
        {(trend) =>
          trend.points.length === 0 ? (
            <Empty description={t('reportsTrendNone')} />
          ) : (
            <Suspense fallback={<Spin />}>
              <TrendChart trend={trend} fieldKey={fieldKey} />
            </Suspense>
          )
        }
      </QueryState>
    </Card>
  );
}
