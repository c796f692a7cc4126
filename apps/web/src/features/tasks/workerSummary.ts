import { isActive, isOverdue, orderTasks, type TaskSummary } from './taskOrdering';

/** The calendar day of an instant in China time, where every directive chain runs. */
export function chinaDay(at: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** What the grid worker's home screen says: work still to do that is due today (most urgent first),
 * how much is overdue and how much is to do in all. */
export function workerSummary<T extends TaskSummary>(tasks: readonly T[], now: Date): { dueToday: T[]; overdue: number; todo: number } {
  const today = chinaDay(now);
  return {
    dueToday: orderTasks(tasks.filter((t) => isActive(t) && t.dueAt !== null && chinaDay(t.dueAt) === today)),
    overdue: tasks.filter(isOverdue).length,
    todo: tasks.filter(isActive).length,
  };
}
