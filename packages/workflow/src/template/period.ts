import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format, getISOWeek, getISOWeekYear, startOfDay, startOfISOWeek } from 'date-fns';
import type { ReportStage } from './templateDefinition.js';

export type Period = { key: string; startsAt: Date; dueAt: Date };

function atTimeOfDay(day: TZDate, hhmm: string): Date {
  const at = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)), 0, day.timeZone);
  return new Date(at.getTime());
}

/**
 * The report period containing `now`, reckoned in the template's time zone: a calendar day, an ISO
 * week (due on its Sunday), or the single period of a once-only report, due at its due time on the
 * local day of `onceDueAt` (the receipt's deadline) but never after that deadline itself.
 * Keys are stable strings so "one task per unit per period" is a unique constraint.
 */
export function periodAt(now: Date, stage: Pick<ReportStage, 'period' | 'dueTime'>, timeZone: string, onceDueAt: Date): Period {
  const local = new TZDate(now.getTime(), timeZone);
  if (stage.period === 'daily') {
    const day = startOfDay(local);
    return { key: format(day, 'yyyy-MM-dd'), startsAt: new Date(day.getTime()), dueAt: atTimeOfDay(day, stage.dueTime) };
  }
  if (stage.period === 'weekly') {
    const monday = startOfISOWeek(local);
    const key = `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
    return { key, startsAt: new Date(monday.getTime()), dueAt: atTimeOfDay(addDays(monday, 6), stage.dueTime) };
  }
  const dueThatDay = atTimeOfDay(startOfDay(new TZDate(onceDueAt.getTime(), timeZone)), stage.dueTime);
  return { key: 'once', startsAt: now, dueAt: new Date(Math.min(dueThatDay.getTime(), onceDueAt.getTime())) };
}

/** When the period after the one containing `now` starts, in the template's time zone; a once-only
 * report has no next period. */
export function nextPeriodStart(now: Date, stage: Pick<ReportStage, 'period'>, timeZone: string): Date | null {
  const local = new TZDate(now.getTime(), timeZone);
  if (stage.period === 'daily') return new Date(addDays(startOfDay(local), 1).getTime());
  if (stage.period === 'weekly') return new Date(addWeeks(startOfISOWeek(local), 1).getTime());
  return null;
}
