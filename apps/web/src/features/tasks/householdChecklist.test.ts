import { describe, expect, it } from 'vitest';
import { screeningForm } from '@cascade/forms';
import { coverageOf, filterHouseholds, visitSummary } from './householdChecklist';

const households = Array.from({ length: 152 }, (_, i) => ({ id: `h${i}`, name: `${i + 1}号`, code: String(i), visitedAt: i < 137 ? '2026-03-22T03:00:00.000Z' : null, data: null }));
const zh = { text: (v: { zh: string }) => v.zh, yes: '是', no: '否' };

describe('the household checklist', () => {
  it('counts coverage as visited out of all, rounding the percentage down', () => {
    expect(coverageOf(households)).toEqual({ visited: 137, total: 152, percent: 90 });
    expect(coverageOf(households.map((h, i) => ({ ...h, visitedAt: i < 151 ? h.visitedAt ?? 'x' : null })))).toEqual({ visited: 151, total: 152, percent: 99 });
    expect(coverageOf([])).toEqual({ visited: 0, total: 0, percent: 0 });
  });

  it('filters the households not yet visited, and the visited ones, keeping their order', () => {
    const unvisited = filterHouseholds(households, 'unvisited');
    expect(unvisited).toHaveLength(15);
    expect(unvisited[0]?.name).toBe('138号');
    expect(filterHouseholds(households, 'visited')).toHaveLength(137);
    expect(filterHouseholds(households, 'all')).toHaveLength(152);
  });

  it('sums up a visit in the form’s order and the reader’s language', () => {
    expect(visitSummary(screeningForm, { residents: 4, visited: true, note: '' }, zh)).toBe('是否入户:是 · 常住人数:4');
    expect(visitSummary(screeningForm, { visited: false, note: '无人应门' }, { text: (v) => v.en, yes: 'Yes', no: 'No' })).toBe('Visited in person:No · Note:无人应门');
    expect(visitSummary(screeningForm, null, zh)).toBe('');
  });
});
