import { isActive, isOverdue, type TaskSummary } from './taskOrdering';

/** The filters of "My tasks": what to do (overdue and returned included), each of those on its own,
 * what waits for the level above, what is finished, everything. */
export const TASK_FILTERS = ['todo', 'overdue', 'returned', 'submitted', 'done', 'all'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];

const DONE_STATES = ['accepted', 'completed', 'closed'];

const MATCHES: Record<TaskFilter, (task: Pick<TaskSummary, 'state'>) => boolean> = {
  todo: isActive,
  overdue: isOverdue,
  returned: (task) => task.state === 'returned',
  submitted: (task) => task.state === 'submitted',
  done: (task) => DONE_STATES.includes(task.state),
  all: () => true,
};

export function matchesFilter(task: Pick<TaskSummary, 'state'>, filter: TaskFilter): boolean {
  return MATCHES[filter](task);
}

export function filterTasks<T extends Pick<TaskSummary, 'state'>>(tasks: readonly T[], filter: TaskFilter): T[] {
  return tasks.filter((task) => matchesFilter(task, filter));
}

export function countByFilter(tasks: readonly Pick<TaskSummary, 'state'>[]): Record<TaskFilter, number> {
  return Object.fromEntries(TASK_FILTERS.map((f) => [f, tasks.filter(MATCHES[f]).length])) as Record<TaskFilter, number>;
}

export function isTaskFilter(value: string | null): value is TaskFilter {
  return value !== null && (TASK_FILTERS as readonly string[]).includes(value);
}

/** Where "My tasks" opens: grid staff on their work to do; someone who only reviews on what awaits review. */
export function defaultFilter(isWorker: boolean): TaskFilter {
  return isWorker ? 'todo' : 'submitted';
}
