import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { trendOption, type Trend } from './trendOption';

// Only what the trend draws, so the chart costs a fraction of all of ECharts; SVG stays sharp when zoomed.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * Received against expected reports per period, and one indicator's aggregate over the same periods.
 * ECharts is driven directly: echarts-for-react imports `tslib` without declaring it, and in this
 * install tslib is only nested under echarts, so the bundler cannot resolve that wrapper.
 */
export function TrendChart({ trend, fieldKey, height = 320 }: { trend: Trend; fieldKey: string | null; height?: number }) {
  const { t, text } = useLocale();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const option = useMemo(() => trendOption(trend, fieldKey, { t, text }), [trend, fieldKey, t, text]);
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    // The card narrows with the window and the side menu; the chart follows it.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(element.current);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={element} data-testid="trend-chart" data-periods={trend.points.length} role="img" aria-label={t('reportsTrend')} style={{ height, width: '100%' }} />;
}
