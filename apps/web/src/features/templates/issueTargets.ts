import type { TemplateDefinition } from '@cascade/workflow';
import type { AdminUnit } from './useAdminUnits';

export type IssuableTemplate = { id: string; key: string; version: number; publishedAt: string | null; definition?: unknown; ownerName: string };

export type IssueChoice<T extends IssuableTemplate> = { template: T; units: AdminUnit[] };

/** What the admin can issue: each published template version with the admin's units that may
 * issue under it. A unit's list holds its own and its ancestors' templates, so a unit whose list
 * has the template lies in the owner's area; it must also sit on the chain's first level (the
 * server refuses anything else). Lists of several units overlap: one entry per version. */
export function issueChoices<T extends IssuableTemplate>(lists: ReadonlyArray<{ unit: AdminUnit; rows: readonly T[] | undefined }>): Array<IssueChoice<T>> {
  const byId = new Map<string, IssueChoice<T>>();
  for (const { unit, rows } of lists) {
    for (const row of rows ?? []) {
      if (!row.publishedAt || (row.definition as TemplateDefinition).chain[0] !== unit.level) continue;
      const choice = byId.get(row.id) ?? { template: row, units: [] };
      if (!choice.units.some((u) => u.id === unit.id)) choice.units.push(unit);
      byId.set(row.id, choice);
    }
  }
  return [...byId.values()].sort((a, b) => a.template.key.localeCompare(b.template.key) || b.template.version - a.template.version);
}
