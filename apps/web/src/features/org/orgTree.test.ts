import { describe, expect, it } from 'vitest';
import { findNode, levelName, revealPlan, rootNodes, toNode, withChildren, type OrgUnitSummary } from './orgTree';

const unit = (code: string, level: string, path: string, childCount?: number): OrgUnitSummary => ({ id: `id-${code}`, code, name: `单位${code}`, level, path, ...(childCount === undefined ? {} : { childCount }) });
const district = unit('510104', 'county', '51/5101/510104');
const township = unit('510104017', 'township', '51/5101/510104/510104017', 2);
const community = unit('510104017001', 'village', '51/5101/510104/510104017/510104017001', 3);
const grid = unit('510104017001001', 'grid', '51/5101/510104/510104017/510104017001/510104017001001', 30);
const household = unit('5101040170010010001', 'household', `${grid.path}/5101040170010010001`);

describe('the org tree', () => {
  it('starts from the topmost units an admin holds, once each, in code order', () => {
    const other = unit('510104018', 'township', '51/5101/510104/510104018');
    expect(rootNodes([other, township, district, township]).map((n) => n.key)).toEqual(['id-510104']);
    expect(rootNodes([other, township]).map((n) => n.key)).toEqual(['id-510104017', 'id-510104018']);
    expect(rootNodes([])).toEqual([]);
  });

  it('makes households and childless units leaves; units of unknown size can be opened', () => {
    expect(toNode(household).isLeaf).toBe(true);
    expect(toNode({ ...grid, childCount: 0 }).isLeaf).toBe(true);
    expect(toNode(grid).isLeaf).toBe(false);
    expect(toNode(district).isLeaf).toBe(false);
  });

  it('puts loaded children under their parent at any depth without changing the old tree', () => {
    const roots = rootNodes([township]);
    const once = withChildren(roots, township.id, [community]);
    const twice = withChildren(once, community.id, [grid]);
    expect(findNode(twice, grid.id)?.unit.name).toBe('单位510104017001001');
    expect(roots[0]?.children).toBeUndefined();
    expect(findNode(once, grid.id)).toBeUndefined();
    // A unit that turns out to have nothing below becomes a leaf.
    expect(findNode(withChildren(twice, grid.id, []), grid.id)?.isLeaf).toBe(true);
  });

  it('plans how to reveal a search hit: load what is missing on the way down, expand every unit above it', () => {
    const tree = withChildren(rootNodes([township]), township.id, [community]);
    const plan = revealPlan(tree, [township, community, grid], ['id-x']);
    expect(plan.load).toEqual([community.id]);
    expect(plan.expand).toEqual(['id-x', township.id, community.id]);
    expect(revealPlan(tree, [township], [])).toEqual({ load: [], expand: [] });
  });

  it('names levels in both languages', () => {
    expect(levelName('township')).toEqual({ zh: '乡镇(街道)', en: 'Township' });
    expect(levelName('grid').zh).toBe('网格');
    expect(levelName('ward')).toEqual({ zh: 'ward', en: 'ward' });
  });
});
