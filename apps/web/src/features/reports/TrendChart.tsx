import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { trendOption, type Trend } from './trendOption';

// Only what the trend draws, so the chart costs a fraction of all of ECharts; SVG stays sharp when zoomed.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Received against expected reports per period, and one indicator's aggregate over the same periods. */
export function TrendChart({ trend, fieldKey, height = 320 }: { trend: Trend; fieldKey: string | null; height?: number }) {
  const { t, text } = useLocale();
  const option = useMemo(() => trendOption(trend, fieldKey, { t, text }), [trend, fieldKey, t, text]);
  return (
    <div data-testid="trend-chart" data-periods={trend.points.length} role="img" aria-label={t('reportsTrend')}>
      <EChartsReactCore echarts={echarts} option={option} notMerge opts={{ renderer: 'svg' }} style={{ height, width: '100%' }} />
    </div>
  );
}
