import type { MessageKey } from '../../i18n/messages';
import { eventLabel, stateLabel } from './machineLabels';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A history row as the server sends it (audit.history). */
export type HistoryRow = {
  id: number;
  seq: number;
  eventType: string;
  payload?: unknown;
  actorId: string | null;
  actorName: string | null;
  fromState: string | null;
  toState: string;
  at: string;
  templateVersionId: string;
  hash: string;
  prevHash: string | null;
};

export type TimelineRow = HistoryRow & {
  actor: string;
  event: string;
  from: string;
  to: string;
  payloadSummary: string;
  shortHash: string;
};

const SUMMARY_MAX = 160;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A payload on one line, `key: value; …`, for the timeline; the full JSON shows on the step itself.
 * The event's own time stamp (`at`) is left out here because the time column already shows it.
 */
export function payloadSummary(payload: unknown, empty = ''): string {
  if (payload === null || payload === undefined) return empty;
  if (typeof payload !== 'object' || Array.isArray(payload)) return valueText(payload);
  const parts = Object.entries(payload as Record<string, unknown>)
    .filter(([key]) => key !== 'at')
    .map(([key, value]) => `${key}: ${valueText(value)}`);
  const line = parts.join('; ');
  if (!line) return empty;
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** The server's rows as the timeline shows them: names for actors, states and events in the
 * reader's language, the payload on one line, hashes shortened (the full one is kept). */
export function timelineRows(rows: readonly HistoryRow[], t: Translate): TimelineRow[] {
  return rows.map((row) => ({
    ...row,
    actor: row.actorName ?? row.actorId ?? t('auditActorSystem'),
    event: eventLabel(t, row.eventType),
    from: stateLabel(t, row.fromState),
    to: stateLabel(t, row.toState),
    payloadSummary: payloadSummary(row.payload, t('auditPayloadEmpty')),
    shortHash: row.hash.slice(0, 12),
  }));
}
