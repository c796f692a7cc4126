import { describe, expect, it } from 'vitest';
import { groupVersions } from './groupVersions';
import { issueChoices } from './issueTargets';
import type { AdminUnit } from './useAdminUnits';

const county: AdminUnit = { id: 'c', name: '锦江区', code: '510104', level: 'county', path: '51/5101/510104' };
const township: AdminUnit = { id: 't', name: '锦官驿街道', code: '510104017', level: 'township', path: '51/5101/510104/510104017' };
const row = (id: string, key: string, version: number, chain: string[], publishedAt: string | null, ownerUnitId = 'c') => ({ id, key, version, publishedAt, ownerUnitId, ownerName: ownerUnitId === 'c' ? '锦江区' : '锦官驿街道', definition: { chain } });

describe('what an admin can issue, and from which unit', () => {
  it('offers published versions whose chain starts at one of the admin’s levels, with those units only', () => {
    const countyList = [row('a1', 'a', 1, ['county', 'township'], '2026-01-01'), row('a2', 'a', 2, ['county', 'township'], null), row('b1', 'b', 1, ['township', 'village'], '2026-01-01')];
    const townshipList = [...countyList, row('c1', 'c', 1, ['township', 'village'], '2026-01-01', 't')];
    const choices = issueChoices([
      { unit: county, rows: countyList },
      { unit: township, rows: townshipList },
    ]);
    expect(choices.map((c) => [c.template.id, c.units.map((u) => u.id)])).toEqual([
      ['a1', ['c']],
      ['b1', ['t']],
      ['c1', ['t']],
    ]);
  });

  it('offers nothing while lists load or when no chain starts at the admin’s level', () => {
    expect(issueChoices([{ unit: county, rows: undefined }])).toEqual([]);
    expect(issueChoices([{ unit: township, rows: [row('a1', 'a', 1, ['county', 'township'], '2026-01-01')] }])).toEqual([]);
  });
});

describe('grouping versions for the lists', () => {
  it('groups by key, newest first, marks the unit’s own and hides other units’ drafts', () => {
    const rows = [row('a1', 'a', 1, [], '2026-01-01'), row('a2', 'a', 2, [], null), row('b1', 'b', 1, [], '2026-01-01', 't'), row('b2', 'b', 2, [], null, 't')];
    const asCounty = groupVersions(rows, 'c');
    expect(asCounty.map((g) => [g.key, g.own, g.versions.map((v) => v.version), g.latestPublished?.id])).toEqual([
      ['a', true, [2, 1], 'a1'],
      ['b', false, [1], 'b1'],
    ]);
    const asTownship = groupVersions(rows, 't');
    expect(asTownship.map((g) => [g.key, g.own, g.versions.map((v) => v.version)])).toEqual([
      ['a', false, [1]],
      ['b', true, [2, 1]],
    ]);
  });
});
