import { describe, expect, it } from 'vitest';
import { filterDirectives, NO_FILTERS, templateChoices, type DirectiveSummary } from './directiveFilters';

function directive(id: string, over: Partial<DirectiveSummary> = {}): DirectiveSummary {
  return {
    id,
    title: `通知${id}`,
    deadline: '2026-03-29T01:00:00.000Z',
    issuedAt: '2026-03-22T01:00:00.000Z',
    state: 'issued',
    issuingUnitName: '锦江区',
    issuingUnitPath: '51/5101/510104',
    template: { id: `t-${id}`, key: 'five-level-screening', version: 1, name: { zh: '五级联防联控', en: 'Five-level' } },
    receipts: { total: 11, waiting: 10, forwarded: 1, late: 0 },
    ...over,
  };
}

const list = [
  directive('1', { title: '关于开展敲门行动的通知' }),
  directive('2', { title: '党员干部下沉社区报到', state: 'closed', template: { id: 't2', key: 'cadre-mobilisation', version: 1, name: { zh: '下沉报到', en: 'Sink down' } } }),
  directive('3', { title: 'Flood duty roster', issuingUnitName: '东湖街道', receipts: { total: 4, waiting: 1, forwarded: 0, late: 2 } }),
];

describe('filtering the directive list', () => {
  it('shows everything without filters', () => {
    expect(filterDirectives(list, NO_FILTERS).map((d) => d.id)).toEqual(['1', '2', '3']);
  });

  it('matches every word in the title or the issuing unit, ignoring case', () => {
    expect(filterDirectives(list, { ...NO_FILTERS, search: '敲门' }).map((d) => d.id)).toEqual(['1']);
    expect(filterDirectives(list, { ...NO_FILTERS, search: 'flood  东湖' }).map((d) => d.id)).toEqual(['3']);
    expect(filterDirectives(list, { ...NO_FILTERS, search: 'FLOOD 锦江' })).toEqual([]);
  });

  it('filters by state, template and late units, together', () => {
    expect(filterDirectives(list, { ...NO_FILTERS, state: 'closed' }).map((d) => d.id)).toEqual(['2']);
    expect(filterDirectives(list, { ...NO_FILTERS, template: 'five-level-screening' }).map((d) => d.id)).toEqual(['1', '3']);
    expect(filterDirectives(list, { ...NO_FILTERS, lateOnly: true }).map((d) => d.id)).toEqual(['3']);
    expect(filterDirectives(list, { ...NO_FILTERS, state: 'issued', template: 'cadre-mobilisation' })).toEqual([]);
  });

  it('offers each template once', () => {
    expect(templateChoices(list).map((c) => c.key)).toEqual(['five-level-screening', 'cadre-mobilisation']);
  });
});
