import type { RouterOutputs } from '../../trpc';

export type Catalog = RouterOutputs['reports']['catalog'];
export type CatalogEntry = Catalog[number];

/** What the roll-up shows, as it stands in the address bar (`/reports?directive=…&unit=…`), so a
 * view can be linked to and survives a reload. Missing parts fall back to sensible defaults. */
export type Selection = { directive: string | null; unit: string | null; stage: string | null; period: string | null; field: string | null };

export const SELECTION_KEYS = ['directive', 'unit', 'stage', 'period', 'field'] as const;

export function readSelection(params: URLSearchParams): Selection {
  const get = (key: string) => params.get(key) || null;
  return { directive: get('directive'), unit: get('unit'), stage: get('stage'), period: get('period'), field: get('field') };
}

/** The address after a change; picking a directive or a stage forgets what depended on the old one. */
export function changeSelection(params: URLSearchParams, change: Partial<Selection>): URLSearchParams {
  const next = new URLSearchParams(params);
  const dependants: Partial<Record<keyof Selection, Array<keyof Selection>>> = { directive: ['stage', 'period', 'field'], stage: ['period', 'field'] };
  for (const [key, value] of Object.entries(change) as Array<[keyof Selection, string | null]>) {
    if (value) next.set(key, value);
    else next.delete(key);
    if (params.get(key) !== value) for (const dependant of dependants[key] ?? []) if (!(dependant in change)) next.delete(dependant);
  }
  return next;
}

/** The stage and period to show: the chosen ones when the catalog has them, else the first stage
 * and its newest period. */
export function resolveStage(catalog: Catalog, selection: Pick<Selection, 'stage' | 'period'>): { entry: CatalogEntry; periodKey: string } | null {
  const entry = catalog.find((c) => c.stageId === selection.stage) ?? catalog[0];
  if (!entry) return null;
  const period = entry.periods.find((p) => p.periodKey === selection.period) ?? entry.periods[0];
  return period ? { entry, periodKey: period.periodKey } : null;
}

/** The field a trend follows by default: the chosen one if the form has it, else the first summed one. */
export function resolveField(fields: ReadonlyArray<{ key: string; aggregate: string }>, chosen: string | null): string | null {
  if (chosen && fields.some((f) => f.key === chosen)) return chosen;
  return (fields.find((f) => f.aggregate === 'sum') ?? fields[0])?.key ?? null;
}
