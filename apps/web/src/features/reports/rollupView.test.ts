import { describe, expect, it } from 'vitest';
import { countyRollup } from './rollupFixture';
import { aggregateRows, childRows, formatAggregate, formatRate, levelKey, reportingRate, standingOf } from './rollupView';

describe('roll-up rows', () => {
  it('ranks a unit missing before late, and complete only when every expected report is in', () => {
    expect(standingOf({ expected: 4, received: 3, late: 1, missing: 1, returned: 0 })).toBe('missing');
    expect(standingOf({ expected: 4, received: 4, late: 1, missing: 0, returned: 0 })).toBe('late');
    expect(standingOf({ expected: 4, received: 4, late: 0, missing: 0, returned: 0 })).toBe('complete');
    // Submitted ones that wait for review are in; none missing, none late, but not all counted yet.
    expect(standingOf({ expected: 4, received: 3, late: 0, missing: 0, returned: 0 })).toBe('partial');
    expect(standingOf({ expected: 0, received: 0, late: 0, missing: 0, returned: 0 })).toBe('none');
  });

  it('maps children to highlighted, drillable rows until the reporting level', () => {
    const rows = childRows(countyRollup, 'grid');
    expect(rows.map((r) => [r.name, r.standing, r.highlighted, r.drillable, r.rate])).toEqual([
      ['锦官驿街道', 'missing', true, true, 0.75],
      ['东湖街道', 'complete', false, true, 1],
    ]);
    // Grids report themselves: a grid row opens nothing further.
    const grids = childRows({ children: countyRollup.children.map((c) => ({ ...c, level: 'grid' })) }, 'grid');
    expect(grids.every((r) => !r.drillable)).toBe(true);
  });

  it('lists the aggregates in form order with their labels, and formats them', () => {
    const rows = aggregateRows(countyRollup.fields, countyRollup.aggregates);
    expect(rows.map((r) => [r.label.zh, r.aggregate, r.value])).toEqual([
      ['今日排查户数', 'sum', 75],
      ['排查人数', 'sum', 210],
      ['外地返回人员', 'sum', 4],
      ['居家隔离人数', 'sum', 1],
      ['发热人员', 'sum', 0],
      ['疫苗接种率(%)', 'avg', 82.5],
      ['是否有异常情况', 'count', 5],
    ]);
    expect(formatAggregate(82.5, 'avg')).toBe('82.50');
    expect(formatAggregate(75, 'sum')).toBe('75');
    expect(formatAggregate(null, 'sum')).toBe('—');
    expect(formatRate(reportingRate({ expected: 6, received: 5 } as never))).toBe('83.3%');
    expect(formatRate(null)).toBe('—');
    expect(levelKey('township')).toBe('reportsLevel_township');
    expect(levelKey('district-ish')).toBeNull();
  });
});
