/** The engine never reads the wall clock itself, so tests can walk through days with a fake one. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * A clock that runs `scale` times faster than real time from `origin`: with scale 288 a day passes
 * in five minutes, so the demo shows reports going overdue while someone watches.
 */
export function scaledClock(scale: number, origin: Date = new Date()): Clock {
  const realStart = Date.now();
  return { now: () => new Date(origin.getTime() + (Date.now() - realStart) * scale) };
}
