import { levelRank, type OrgLevel } from '@cascade/workflow';
import type { RouterOutputs } from '../../trpc';

export type ReceiptRow = RouterOutputs['directives']['receipts'][number];
export type CountRow = RouterOutputs['directives']['get']['counts'][number];
export type InstanceChange = { instanceId: string; directiveId: string | null; kind: string; orgUnitId: string | null; state: string };

export const RECEIPT_STATES = ['received', 'acknowledged', 'amended', 'forwarded', 'closed'] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

/** Ant Design preset colours per receipt state: work not yet taken up is blue, passed down is green,
 * ended is grey; red is kept for lateness, which is marked on top of the state. */
export const STATE_COLOUR: Record<ReceiptState, string> = {
  received: 'blue',
  acknowledged: 'cyan',
  amended: 'purple',
  forwarded: 'green',
  closed: 'default',
};

export function stateColour(state: string): string {
  return (STATE_COLOUR as Record<string, string>)[state] ?? 'default';
}

type ReceiptContextView = { deadline?: string; lateToAcknowledge?: boolean; lateToForward?: boolean; escalations?: number; amendments?: number };

export type Standing = {
  state: string;
  /** Late now: not acknowledged, or acknowledged but not passed down, after the level's time limit. */
  overdue: boolean;
  /** Tasks of this unit escalated to the level above. */
  escalations: number;
  amendments: number;
  deadline: string | null;
};

export type StandingFacts = { state: string; lateToAcknowledge?: boolean; lateToForward?: boolean; escalations?: number; amendments?: number; deadline?: string | null };

/** How a unit stands on its receipt, from the state and the flags its machine keeps. The flags stay
 * set after the unit catches up, so only the state says whether the lateness still stands (the same
 * rule the server's late-units list applies). */
export function standingOf(facts: StandingFacts): Standing {
  const { state } = facts;
  const overdue = (state === 'received' && facts.lateToAcknowledge === true) || ((state === 'acknowledged' || state === 'amended') && facts.lateToForward === true);
  return { state, overdue, escalations: state === 'closed' ? 0 : (facts.escalations ?? 0), amendments: facts.amendments ?? 0, deadline: facts.deadline ?? null };
}

/** The standing of a row of the cascade, read from its snapshot (or the list's own escalations field when it has one). */
export function receiptStanding(receipt: { state: string; snapshot?: unknown; escalations?: number }): Standing {
  const context = ((receipt.snapshot as { context?: ReceiptContextView } | null)?.context ?? {}) as ReceiptContextView;
  return standingOf({ ...context, state: receipt.state, escalations: receipt.escalations ?? context.escalations ?? 0 });
}

/** Whether a unit needs the attention of the level above: late, or with escalated tasks. */
export function needsAttention(standing: Standing): boolean {
  return standing.overdue || standing.escalations > 0;
}

export type LevelCount = { level: OrgLevel; total: number; byState: Record<ReceiptState, number>; other: number };

/** The cascade at a glance: per level (highest first) how many units received it, in each state. */
export function levelCounts(rows: readonly CountRow[]): LevelCount[] {
  const byLevel = new Map<OrgLevel, LevelCount>();
  for (const row of rows) {
    const level = row.machine.split(':')[1] as OrgLevel | undefined;
    if (!level) continue;
    let entry = byLevel.get(level);
    if (!entry) {
      entry = { level, total: 0, byState: { received: 0, acknowledged: 0, amended: 0, forwarded: 0, closed: 0 }, other: 0 };
      byLevel.set(level, entry);
    }
    entry.total += row.n;
    if ((RECEIPT_STATES as readonly string[]).includes(row.state)) entry.byState[row.state as ReceiptState] += row.n;
    else entry.other += row.n;
  }
  return [...byLevel.values()].sort((a, b) => levelRank(a.level) - levelRank(b.level));
}

/** The share of a level's units that have taken it up (acknowledged or further), for a progress bar. */
export function takenUp(count: LevelCount): number {
  if (count.total === 0) return 0;
  return (count.total - count.byState.received) / count.total;
}

export type LiveUpdate = {
  /** Cached child lists with new states patched in, keyed by parent id. */
  patched: Map<string, ReceiptRow[]>;
  /** Child lists to fetch again: those whose rows changed (their snapshots moved on too) and those
   * of receipts just forwarded (their new children are not in any list yet). */
  refetch: Set<string>;
  /** Whether counts per level are stale: any receipt changed or appeared. */
  countsStale: boolean;
  /** Whether the directive itself changed (closed). */
  directiveChanged: boolean;
};

/**
 * What one batch of live changes does to the cached tree. The change carries the new state only, so
 * a known row gets its state at once (the tree recolours without waiting) and its list is refetched
 * for the rest; a receipt that was forwarded gets its children list refetched when it is cached.
 * Changes of other directives and of tasks are ignored except that they may not touch the counts.
 */
export function applyChanges(lists: ReadonlyMap<string, readonly ReceiptRow[]>, changes: readonly InstanceChange[], directiveId: string): LiveUpdate {
  const patched = new Map<string, ReceiptRow[]>();
  const refetch = new Set<string>();
  let countsStale = false;
  let directiveChanged = false;
  const where = new Map<string, string>();
  for (const [parentId, list] of lists) for (const row of list) where.set(row.id, parentId);

  for (const change of changes) {
    if (change.directiveId !== directiveId) continue;
    if (change.kind === 'directive') {
      directiveChanged = true;
      countsStale = true;
      continue;
    }
    if (change.kind !== 'receipt') continue;
    countsStale = true;
    const parentId = where.get(change.instanceId);
    if (parentId !== undefined) {
      const list = patched.get(parentId) ?? [...(lists.get(parentId) ?? [])];
      const i = list.findIndex((r) => r.id === change.instanceId);
      const row = list[i];
      if (row && row.state !== change.state) {
        list[i] = { ...row, state: change.state };
        patched.set(parentId, list);
      }
      refetch.add(parentId);
    }
    if (change.state === 'forwarded' && lists.has(change.instanceId)) refetch.add(change.instanceId);
  }
  return { patched, refetch, countsStale, directiveChanged };
}
