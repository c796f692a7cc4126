/**
 * The instant an event happened. The engine stamps every event (and every machine's input) with
 * `at`, so delays computed from it come out the same when history is replayed: machines never read
 * the clock.
 */
export function eventTime(event: unknown): number {
  const e = event as { at?: unknown; input?: { at?: unknown } };
  const at = typeof e.at === 'string' ? e.at : typeof e.input?.at === 'string' ? e.input.at : undefined;
  if (at === undefined) throw new Error(`event ${(event as { type?: string }).type} carries no time`);
  return Date.parse(at);
}

/** Milliseconds from the event to an absolute instant; a moment already past fires at once. */
export function msUntil(instant: string | null | undefined, event: unknown): number {
  if (!instant) return 0;
  return Math.max(0, Date.parse(instant) - eventTime(event));
}

export const HOUR_MS = 3_600_000;
