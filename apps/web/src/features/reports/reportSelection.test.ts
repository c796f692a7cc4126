import { describe, expect, it } from 'vitest';
import { changeSelection, readSelection, resolveField, resolveStage, type Catalog } from './reportSelection';

const catalog = [
  {
    stageId: 'daily-report',
    formVersionId: 'f1',
    formKey: 'daily-epidemic-report',
    formVersion: 1,
    name: { zh: '每日疫情防控报告', en: 'Daily report' },
    formTitle: { zh: '每日疫情防控报告', en: 'Daily report' },
    level: 'grid',
    period: 'daily',
    periods: [
      { periodKey: '2026-03-23', dueAt: '2026-03-23T12:00:00.000Z', tasks: 4 },
      { periodKey: '2026-03-22', dueAt: '2026-03-22T12:00:00.000Z', tasks: 4 },
    ],
  },
] as unknown as Catalog;

describe('the roll-up in the address bar', () => {
  it('reads what is there and nothing else', () => {
    expect(readSelection(new URLSearchParams('directive=d1&unit=u1&period='))).toEqual({ directive: 'd1', unit: 'u1', stage: null, period: null, field: null });
  });

  it('forgets the stage, period and field when another directive is picked, but keeps the unit', () => {
    const before = new URLSearchParams('directive=d1&unit=u1&stage=s&period=p&field=f');
    expect(changeSelection(before, { directive: 'd2' }).toString()).toBe('directive=d2&unit=u1');
    expect(changeSelection(before, { directive: 'd1' }).toString()).toBe(before.toString());
    expect(changeSelection(before, { stage: 's2' }).toString()).toBe('directive=d1&unit=u1&stage=s2');
    expect(changeSelection(before, { unit: 'u2' }).toString()).toBe('directive=d1&unit=u2&stage=s&period=p&field=f');
  });

  it('falls back to the first stage and its newest period when the chosen ones do not exist', () => {
    expect(resolveStage(catalog, { stage: null, period: null })).toMatchObject({ entry: { stageId: 'daily-report' }, periodKey: '2026-03-23' });
    expect(resolveStage(catalog, { stage: 'daily-report', period: '2026-03-22' })?.periodKey).toBe('2026-03-22');
    expect(resolveStage(catalog, { stage: 'gone', period: '1999-01-01' })?.periodKey).toBe('2026-03-23');
    expect(resolveStage([], { stage: null, period: null })).toBeNull();
  });

  it('follows the chosen field or else the first summed one', () => {
    const fields = [
      { key: 'vaccinationRate', aggregate: 'avg' },
      { key: 'householdsScreened', aggregate: 'sum' },
    ];
    expect(resolveField(fields, null)).toBe('householdsScreened');
    expect(resolveField(fields, 'vaccinationRate')).toBe('vaccinationRate');
    expect(resolveField(fields, 'unknown')).toBe('householdsScreened');
    expect(resolveField([], null)).toBeNull();
  });
});
