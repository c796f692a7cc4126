import type { LocalizedText } from '@cascade/forms';
import type { MessageKey } from '../../i18n/messages';
import type { RouterOutputs } from '../../trpc';
import { aggregationKey } from './rollupView';

export type Trend = RouterOutputs['reports']['trend'];

type Labels = { t: (key: MessageKey) => string; text: (value: LocalizedText) => string };

/**
 * The ECharts option of a trend: received and expected reports per period as bars on the left axis,
 * late and missing as thin lines, and the chosen field's aggregate as a line on the right axis.
 */
export function trendOption(trend: Trend, fieldKey: string | null, { t, text }: Labels) {
  const periods = trend.points.map((p) => p.periodKey);
  const field = trend.fields.find((f) => f.key === fieldKey) ?? null;
  const fieldName = field ? `${text(field.label)}(${t(aggregationKey(field.aggregate))})` : null;
  const series: Array<Record<string, unknown>> = [
    { name: t('reportsExpected'), type: 'bar', data: trend.points.map((p) => p.expected), itemStyle: { color: '#d9d9d9' } },
    { name: t('reportsReceived'), type: 'bar', data: trend.points.map((p) => p.received), itemStyle: { color: '#1677ff' } },
    { name: t('reportsLate'), type: 'line', data: trend.points.map((p) => p.late), itemStyle: { color: '#fa8c16' } },
    { name: t('reportsMissing'), type: 'line', data: trend.points.map((p) => p.missing), itemStyle: { color: '#cf1322' } },
  ];
  if (field && fieldName) {
    series.push({ name: fieldName, type: 'line', yAxisIndex: 1, smooth: true, data: trend.points.map((p) => p.aggregates[field.key] ?? null), itemStyle: { color: '#389e0d' }, lineStyle: { width: 3 } });
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: field ? 56 : 24, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: periods },
    yAxis: [
      { type: 'value', minInterval: 1 },
      ...(field ? [{ type: 'value', name: fieldName, splitLine: { show: false } }] : []),
    ],
    series,
  };
}
