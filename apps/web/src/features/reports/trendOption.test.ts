import { describe, expect, it } from 'vitest';
import { dailyReportForm, aggregatedFields } from '@cascade/forms';
import { messages, type MessageKey } from '../../i18n/messages';
import { trendOption, type Trend } from './trendOption';

const trend: Trend = {
  fields: aggregatedFields(dailyReportForm),
  points: [
    { periodKey: '2026-03-22', expected: 4, received: 3, late: 1, missing: 1, returned: 0, aggregates: { householdsScreened: 70 } },
    { periodKey: '2026-03-23', expected: 4, received: 1, late: 0, missing: 3, returned: 0, aggregates: { householdsScreened: 7 } },
  ],
};
const labels = { t: (key: MessageKey) => messages.zh[key], text: (v: { zh: string }) => v.zh };

describe('the trend chart', () => {
  it('draws expected and received per period, and the chosen field on its own axis', () => {
    const option = trendOption(trend, 'householdsScreened', labels);
    expect(option.xAxis.data).toEqual(['2026-03-22', '2026-03-23']);
    const byName = new Map(option.series.map((s) => [s.name, s]));
    expect(byName.get('应报')?.data).toEqual([4, 4]);
    expect(byName.get('已报')?.data).toEqual([3, 1]);
    expect(byName.get('未报')?.data).toEqual([1, 3]);
    expect(byName.get('今日排查户数(合计)')).toMatchObject({ type: 'line', yAxisIndex: 1, data: [70, 7] });
    expect(option.yAxis).toHaveLength(2);
  });

  it('leaves out the field line and its axis when no field is chosen', () => {
    const option = trendOption(trend, null, labels);
    expect(option.series).toHaveLength(4);
    expect(option.yAxis).toHaveLength(1);
  });
});
