/** What the task list needs of a task (a subset of `tasks.mine`'s rows). */
export type TaskSummary = {
  id: string;
  kind: string;
  state: string;
  dueAt: string | null;
  periodKey: string;
  directiveTitle: string;
  unit: { name: string };
};

/** States in which the worker still has something to do (a late report is still accepted). */
export const ACTIVE_STATES = ['overdue', 'returned', 'open', 'inProgress'];

export const isActive = (task: Pick<TaskSummary, 'state'>): boolean => ACTIVE_STATES.includes(task.state);
export const isOverdue = (task: Pick<TaskSummary, 'state'>): boolean => task.state === 'overdue';

const dueTime = (task: TaskSummary): number => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY);

/** Work still to do first, each group due soonest first; tasks without a due time last. */
export function orderTasks<T extends TaskSummary>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || dueTime(a) - dueTime(b) || a.id.localeCompare(b.id));
}

export type TaskCounts = { total: number; todo: number; overdue: number; returned: number };

export function countTasks(tasks: readonly TaskSummary[]): TaskCounts {
  return {
    total: tasks.length,
    todo: tasks.filter(isActive).length,
    overdue: tasks.filter(isOverdue).length,
    returned: tasks.filter((t) => t.state === 'returned').length,
  };
}
