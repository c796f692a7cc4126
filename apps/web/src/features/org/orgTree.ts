import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import type { LocalizedText } from '@cascade/forms';
import { reaches } from '../../app/roles';

/** What the tree needs of a unit; `childCount` comes with children (orgUnits.children), not roots. */
export type OrgUnitSummary = { id: string; code: string; name: string; level: string; path: string; childCount?: number };

export type OrgTreeNode = { key: string; unit: OrgUnitSummary; isLeaf: boolean; children?: OrgTreeNode[] };

/** The level's name in both languages; an unknown level is shown as it is stored. */
export function levelName(level: string): LocalizedText {
  return LEVEL_NAMES[level as OrgLevel] ?? { zh: level, en: level };
}

/** A unit as a tree node: households and units known to have nothing below are leaves. */
export function toNode(unit: OrgUnitSummary): OrgTreeNode {
  return { key: unit.id, unit, isLeaf: unit.level === 'household' || unit.childCount === 0 };
}

/**
 * The tops of an admin's view: one node per unit, leaving out units that lie under another one
 * (an admin of a district who is also admin of one of its townships sees the district once).
 */
export function rootNodes(units: readonly OrgUnitSummary[]): OrgTreeNode[] {
  const unique = [...new Map(units.map((u) => [u.id, u])).values()];
  return unique
    .filter((u) => !unique.some((other) => other.id !== u.id && reaches(other.path, u.path)))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(toNode);
}

/** The tree with `children` under the node `parentKey` (a new tree; the old one is untouched). */
export function withChildren(tree: readonly OrgTreeNode[], parentKey: string, children: readonly OrgUnitSummary[]): OrgTreeNode[] {
  return tree.map((node) => {
    if (node.key === parentKey) return { ...node, isLeaf: children.length === 0, children: children.map(toNode) };
    if (node.children) return { ...node, children: withChildren(node.children, parentKey, children) };
    return node;
  });
}

export function findNode(tree: readonly OrgTreeNode[], key: string): OrgTreeNode | undefined {
  for (const node of tree) {
    if (node.key === key) return node;
    const found = node.children && findNode(node.children, key);
    if (found) return found;
  }
  return undefined;
}

/**
 * What must happen to show a unit, given the way down to it (orgUnits.ancestors, topmost first):
 * the ancestors whose children are not loaded yet, in order, and the keys to expand.
 */
export function revealPlan(tree: readonly OrgTreeNode[], chain: readonly OrgUnitSummary[], expanded: readonly string[]): { load: string[]; expand: string[] } {
  const above = chain.slice(0, -1).map((u) => u.id);
  return {
    load: above.filter((id) => !findNode(tree, id)?.children),
    expand: [...new Set([...expanded, ...above])],
  };
}
