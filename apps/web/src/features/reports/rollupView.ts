import type { LocalizedText } from '@cascade/forms';
import type { MessageKey } from '../../i18n/messages';
import type { RouterOutputs } from '../../trpc';

export type Rollup = RouterOutputs['reports']['rollup'];
export type RollupChild = Rollup['children'][number];
export type RollupField = Rollup['fields'][number];
export type Aggregation = RollupField['aggregate'];
export type Counts = { expected: number; received: number; late: number; missing: number; returned: number };

/** How a unit stands for one period; missing outranks late, since a missing report is the worse failing. */
export type Standing = 'missing' | 'late' | 'complete' | 'partial' | 'none';

export function standingOf(row: Counts): Standing {
  if (row.expected === 0) return 'none';
  if (row.missing > 0) return 'missing';
  if (row.late > 0) return 'late';
  return row.received >= row.expected ? 'complete' : 'partial';
}

/** Share of expected reports received, 0..1; null when nothing was expected. */
export function reportingRate(row: Counts): number | null {
  return row.expected > 0 ? row.received / row.expected : null;
}

export const STANDING_COLOUR: Record<Standing, string> = { missing: 'red', late: 'orange', complete: 'green', partial: 'blue', none: 'default' };

export type ChildRow = RollupChild & { standing: Standing; rate: number | null; drillable: boolean; highlighted: boolean };

/**
 * The units below as table rows: each with its standing, reporting rate, whether it can be opened
 * further (its level is above the level that reports) and whether it is highlighted (late or missing).
 */
export function childRows(rollup: Pick<Rollup, 'children'>, reportingLevel: string | null): ChildRow[] {
  return rollup.children.map((child) => {
    const standing = standingOf(child);
    return { ...child, standing, rate: reportingRate(child), drillable: child.level !== reportingLevel, highlighted: standing === 'missing' || standing === 'late' };
  });
}

export type AggregateRow = { key: string; label: LocalizedText; aggregate: Aggregation; value: number | null };

export function aggregateRows(fields: readonly RollupField[], aggregates: Record<string, number | null>): AggregateRow[] {
  return fields.map((f) => ({ key: f.key, label: f.label, aggregate: f.aggregate, value: aggregates[f.key] ?? null }));
}

export function aggregationKey(aggregate: Aggregation): MessageKey {
  return `reportsAgg_${aggregate}`;
}

/** Averages keep two decimals, everything else is a whole count; nothing reported shows a dash. */
export function formatAggregate(value: number | null | undefined, aggregate: Aggregation): string {
  if (value === null || value === undefined) return '—';
  return aggregate === 'avg' ? value.toFixed(2) : String(Math.round(value * 100) / 100);
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid', 'household'] as const;

export function levelKey(level: string): MessageKey | null {
  return (LEVELS as readonly string[]).includes(level) ? (`reportsLevel_${level}` as MessageKey) : null;
}
