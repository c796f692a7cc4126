import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, scaledClock } from './clock.js';

describe('scaledClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs `scale` times faster than real time from its origin', () => {
    vi.useFakeTimers({ now: new Date('2026-05-01T00:00:00Z') });
    const clock = scaledClock(288, new Date('2026-03-22T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-22T01:00:00.000Z');
    // Five real minutes are one workflow day at 288×.
    vi.advanceTimersByTime(5 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-03-23T01:00:00.000Z');
    vi.advanceTimersByTime(150);
    expect(clock.now().toISOString()).toBe('2026-03-23T01:00:43.200Z');
  });

  it('starts from the real time when given no origin', () => {
    vi.useFakeTimers({ now: new Date('2026-05-01T08:00:00Z') });
    const clock = scaledClock(60);
    expect(clock.now().toISOString()).toBe('2026-05-01T08:00:00.000Z');
    vi.advanceTimersByTime(60_000);
    expect(clock.now().toISOString()).toBe('2026-05-01T09:00:00.000Z');
  });

  it('with scale 1 keeps step with real time', () => {
    vi.useFakeTimers({ now: new Date('2026-05-01T08:00:00Z') });
    const clock = scaledClock(1, new Date('2026-01-01T00:00:00Z'));
    vi.advanceTimersByTime(1234);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.234Z');
  });
});

describe('fixedClock', () => {
  it('moves only when told, and hands out copies', () => {
    const clock = fixedClock(new Date('2026-03-22T01:00:00Z'));
    const seen = clock.now();
    seen.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-03-22T01:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-22T01:01:30.000Z');
    clock.set(new Date('2026-04-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
