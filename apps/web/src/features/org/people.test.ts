import { describe, expect, it } from 'vitest';
import { assignTargets } from './assignTargets';
import { distinctPeople, grantsInScope, isLookupCandidate, type GrantRow } from './people';

const community = { id: 'c', name: '水井坊社区', level: 'village', path: '51/5101/510104/510104017/510104017001' };
const grid = { id: 'g', name: '水井坊第1网格', level: 'grid', path: `${community.path}/510104017001001` };
const row = (grantId: string, userId: string, displayName: string, role: string, unit: GrantRow['unit']): GrantRow => ({ grantId, role, userId, username: `u-${userId}`, displayName, unit });
const rows = [row('1', 'a', '赵书记', 'admin', community), row('2', 'b', '张敏', 'grid_staff', grid), row('3', 'a', '赵书记', 'grid_staff', grid)];

describe('people of a unit', () => {
  it('shows the unit’s own grants, or those below it too', () => {
    expect(grantsInScope(rows, community, false).map((r) => r.grantId)).toEqual(['1']);
    expect(grantsInScope(rows, community, true).map((r) => r.grantId)).toEqual(['1', '2', '3']);
    expect(grantsInScope(rows, grid, true).map((r) => r.grantId)).toEqual(['2', '3']);
  });

  it('lists each person once for the picker, by name', () => {
    expect(distinctPeople(rows).map((p) => p.displayName)).toEqual(['张敏', '赵书记']);
  });

  it('looks a typed username up only when it could be one and is not already listed', () => {
    expect(isLookupCandidate('cadre-down', distinctPeople(rows))).toBe(true);
    expect(isLookupCandidate('u-a', distinctPeople(rows))).toBe(false);
    expect(isLookupCandidate('张', [])).toBe(false);
    expect(isLookupCandidate('ab', [])).toBe(false);
  });
});

describe('assign targets', () => {
  const unit = (id: string, level: string) => ({ id, code: id, name: id, level, path: id });
  it('offers the unit and the units just below it on the directive’s levels', () => {
    const households = [unit('h1', 'household'), unit('h2', 'household')];
    expect(assignTargets(unit('g', 'grid'), households, ['grid', 'household']).map((u) => u.id)).toEqual(['g', 'h1', 'h2']);
    expect(assignTargets(unit('g', 'grid'), households, ['village'])).toEqual([]);
    expect(assignTargets(unit('v', 'village'), [unit('g', 'grid')], ['village']).map((u) => u.id)).toEqual(['v']);
  });
});
