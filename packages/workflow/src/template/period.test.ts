import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextPeriodStart, periodAt } from './period.js';

const TZ = 'Asia/Shanghai';
const daily = { period: 'daily', dueTime: '20:00' } as const;
const weekly = { period: 'weekly', dueTime: '18:30' } as const;
const once = { period: 'once', dueTime: '20:00' } as const;
const DEADLINE = new Date('2022-03-20T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('nextPeriodStart in Asia/Shanghai', () => {
  describe('daily: the next local midnight (16:00Z the day before)', () => {
    it.each([
      ['early morning in Shanghai', '2022-03-10T00:00:00.000Z', '2022-03-10T16:00:00.000Z'],
      ['a second before local midnight', '2022-03-10T15:59:59.999Z', '2022-03-10T16:00:00.000Z'],
      // Exactly local midnight starts a period; the next one is a day later.
      ['exactly local midnight', '2022-03-10T16:00:00.000Z', '2022-03-11T16:00:00.000Z'],
      // Still the 10th in UTC, already the 11th in Shanghai: the next start is the 12th, not the 11th.
      ['a UTC instant already the next day in Shanghai', '2022-03-10T17:30:00.000Z', '2022-03-11T16:00:00.000Z'],
      ['across a month end', '2022-02-28T10:00:00.000Z', '2022-02-28T16:00:00.000Z'],
      ['across a year end, already New Year in Shanghai', '2021-12-31T20:00:00.000Z', '2022-01-01T16:00:00.000Z'],
    ])('%s', (_, now, next) => {
      expect(iso(nextPeriodStart(at(now), daily, TZ))).toBe(next);
    });
  });

  describe('weekly: the next Monday 00:00 local', () => {
    it.each([
      // 2022-03-10 is a Thursday; Monday 14 March 00:00 Shanghai is Sunday 13 March 16:00Z.
      ['midweek', '2022-03-10T04:00:00.000Z', '2022-03-13T16:00:00.000Z'],
      ['Monday morning local, still Sunday in UTC', '2022-03-06T17:00:00.000Z', '2022-03-13T16:00:00.000Z'],
      ['exactly Monday midnight local', '2022-03-13T16:00:00.000Z', '2022-03-20T16:00:00.000Z'],
      ['Sunday evening local', '2022-03-13T15:59:59.000Z', '2022-03-13T16:00:00.000Z'],
      // Sunday 13 March in UTC but Monday 14 March 01:00 in Shanghai: a new week has begun.
      ['a UTC Sunday already Monday in Shanghai', '2022-03-13T17:00:00.000Z', '2022-03-20T16:00:00.000Z'],
    ])('%s', (_, now, next) => {
      const start = nextPeriodStart(at(now), weekly, TZ);
      expect(iso(start)).toBe(next);
      // Monday, midnight, in Shanghai.
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start!)).toBe('Monday 00:00');
    });
  });

  it('once: there is no next period', () => {
    expect(nextPeriodStart(at('2022-03-10T04:00:00.000Z'), once, TZ)).toBeNull();
  });

  it('the next start is the start of the period that contains it', () => {
    for (const now of ['2022-03-10T04:00:00.000Z', '2022-03-10T17:30:00.000Z', '2022-03-13T17:00:00.000Z']) {
      for (const stage of [daily, weekly]) {
        const next = nextPeriodStart(at(now), stage, TZ)!;
        expect(periodAt(next, stage, TZ, DEADLINE).startsAt).toEqual(next);
        expect(periodAt(next, stage, TZ, DEADLINE).key).not.toBe(periodAt(at(now), stage, TZ, DEADLINE).key);
      }
    }
  });

  it('depends on the time zone, not on the machine’s', () => {
    expect(iso(nextPeriodStart(at('2022-03-10T17:30:00.000Z'), daily, 'UTC'))).toBe('2022-03-11T00:00:00.000Z');
    expect(iso(nextPeriodStart(at('2022-03-10T17:30:00.000Z'), daily, TZ))).toBe('2022-03-11T16:00:00.000Z');
  });
});

describe('periodAt in Asia/Shanghai', () => {
  afterEach(() => vi.useRealTimers());

  it('daily: the local calendar day, due at the due time that day', () => {
    expect(periodAt(at('2022-03-10T04:00:00.000Z'), daily, TZ, DEADLINE)).toEqual({ key: '2022-03-10', startsAt: at('2022-03-09T16:00:00.000Z'), dueAt: at('2022-03-10T12:00:00.000Z') });
  });

  it('daily: a UTC instant already the next day in Shanghai belongs to the next day', () => {
    expect(periodAt(at('2022-03-10T17:30:00.000Z'), daily, TZ, DEADLINE)).toEqual({ key: '2022-03-11', startsAt: at('2022-03-10T16:00:00.000Z'), dueAt: at('2022-03-11T12:00:00.000Z') });
    expect(periodAt(at('2022-03-10T16:00:00.000Z'), daily, TZ, DEADLINE).key).toBe('2022-03-11');
    expect(periodAt(at('2022-03-10T15:59:59.999Z'), daily, TZ, DEADLINE).key).toBe('2022-03-10');
  });

  it('daily: after the due time it is still the same day’s period, already due', () => {
    expect(periodAt(at('2022-03-10T14:00:00.000Z'), daily, TZ, DEADLINE)).toEqual({ key: '2022-03-10', startsAt: at('2022-03-09T16:00:00.000Z'), dueAt: at('2022-03-10T12:00:00.000Z') });
  });

  it('weekly: the ISO week, from Monday 00:00 local, due on its Sunday at the due time', () => {
    // Thursday 10 March 2022 is in ISO week 10: Monday 7 March to Sunday 13 March.
    expect(periodAt(at('2022-03-10T04:00:00.000Z'), weekly, TZ, DEADLINE)).toEqual({ key: '2022-W10', startsAt: at('2022-03-06T16:00:00.000Z'), dueAt: at('2022-03-13T10:30:00.000Z') });
    // Sunday in UTC, Monday in Shanghai: week 11.
    expect(periodAt(at('2022-03-13T17:00:00.000Z'), weekly, TZ, DEADLINE)).toMatchObject({ key: '2022-W11', startsAt: at('2022-03-13T16:00:00.000Z') });
  });

  it('weekly: the ISO week-numbering year, not the calendar year, at a year end', () => {
    // Friday 1 January 2021 in Shanghai (still 31 December in UTC) is in week 53 of 2020.
    expect(periodAt(at('2020-12-31T16:30:00.000Z'), weekly, TZ, DEADLINE)).toEqual({ key: '2020-W53', startsAt: at('2020-12-27T16:00:00.000Z'), dueAt: at('2021-01-03T10:30:00.000Z') });
    // Monday 31 December 2018 is in week 1 of 2019.
    expect(periodAt(at('2018-12-31T04:00:00.000Z'), weekly, TZ, DEADLINE).key).toBe('2019-W01');
  });

  it('once: a single period from now, due at its due time on the deadline\'s local day', () => {
    const now = at('2022-03-10T04:00:00.000Z');
    // The deadline is 20:00 in Shanghai on 03-20: a 20:00 report is due at it.
    expect(periodAt(now, once, TZ, DEADLINE)).toEqual({ key: 'once', startsAt: now, dueAt: DEADLINE });
    // An 18:00 report is due two hours before the deadline, on the same local day.
    expect(iso(periodAt(now, { period: 'once', dueTime: '18:00' }, TZ, DEADLINE).dueAt)).toBe('2022-03-20T10:00:00.000Z');
    // The local day, not the UTC one: 01:30 on 03-21 in Shanghai is still 03-20 in UTC.
    expect(iso(periodAt(now, { period: 'once', dueTime: '00:30' }, TZ, at('2022-03-20T17:30:00.000Z')).dueAt)).toBe('2022-03-20T16:30:00.000Z');
  });

  it('once: never due after the deadline, even when its due time is later that day', () => {
    const now = at('2022-03-10T04:00:00.000Z');
    expect(periodAt(now, { period: 'once', dueTime: '23:00' }, TZ, DEADLINE).dueAt).toEqual(DEADLINE);
  });

  it('reads only the time it is given, never the clock', () => {
    const first = [periodAt(at('2022-03-10T17:30:00.000Z'), daily, TZ, DEADLINE), nextPeriodStart(at('2022-03-10T17:30:00.000Z'), weekly, TZ)];
    vi.useFakeTimers({ now: new Date('2040-07-01T00:00:00.000Z') });
    expect([periodAt(at('2022-03-10T17:30:00.000Z'), daily, TZ, DEADLINE), nextPeriodStart(at('2022-03-10T17:30:00.000Z'), weekly, TZ)]).toEqual(first);
  });
});
