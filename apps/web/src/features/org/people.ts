import { reaches } from '../../app/roles';

/** One row of people.list: a person's active role on a unit. */
export type GrantRow = { grantId: string; role: string; userId: string; username: string; displayName: string; unit: { id: string; name: string; level: string; path: string } };

export type PersonOption = { userId: string; username: string; displayName: string };

/** The grants to show for a unit: on the unit itself, or anywhere below it too. */
export function grantsInScope(rows: readonly GrantRow[], unit: { id: string; path: string }, includeBelow: boolean): GrantRow[] {
  return rows.filter((r) => (includeBelow ? reaches(unit.path, r.unit.path) : r.unit.id === unit.id));
}

/** Each person once (people.list has a row per grant), by name, for a person picker. */
export function distinctPeople(rows: readonly GrantRow[]): PersonOption[] {
  const byUser = new Map<string, PersonOption>();
  for (const r of rows) if (!byUser.has(r.userId)) byUser.set(r.userId, { userId: r.userId, username: r.username, displayName: r.displayName });
  return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.username.localeCompare(b.username));
}

/** Whether the text typed into the picker could be a whole username worth looking up. */
export function isLookupCandidate(text: string, known: readonly PersonOption[]): boolean {
  const name = text.trim();
  return /^[a-zA-Z0-9_.-]{3,64}$/.test(name) && !known.some((p) => p.username === name);
}
