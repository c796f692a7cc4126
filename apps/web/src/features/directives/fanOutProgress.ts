import { levelRank, type OrgLevel } from '@cascade/workflow';

/** One report from the server about a running fan-out: receipts of `level` created so far in the
 * command's transaction, out of `expected`; `done` once it committed. */
export type FanOutReport = { directiveId: string; level: string; created: number; expected: number; done: boolean };
export type FanOutBar = { level: string; created: number; expected: number; done: boolean; at: number };

/** A finished level stays this long at 100 %, so the reader sees it complete. */
export const KEEP_DONE_MS = 4_000;
/** A level with no news for this long belongs to a command that rolled back (no `done` ever comes). */
export const STALE_MS = 30_000;

/** The latest report per level wins: a command retried after a conflict starts its count again. */
export function recordProgress(bars: ReadonlyMap<string, FanOutBar>, report: FanOutReport, at: number): Map<string, FanOutBar> {
  const next = new Map(bars);
  next.set(report.level, { level: report.level, created: report.created, expected: report.expected, done: report.done, at });
  return next;
}

/** The bars to draw now, highest level first: running ones, and finished ones for a moment. */
export function shownProgress(bars: ReadonlyMap<string, FanOutBar>, now: number): FanOutBar[] {
  return [...bars.values()]
    .filter((b) => now - b.at < (b.done ? KEEP_DONE_MS : STALE_MS))
    .sort((a, b) => levelRank(a.level as OrgLevel) - levelRank(b.level as OrgLevel));
}

export function progressPercent(bar: FanOutBar): number {
  if (bar.done) return 100;
  if (bar.expected <= 0) return 0;
  return Math.min(100, Math.floor((bar.created / bar.expected) * 100));
}
