import { describe, expect, it } from 'vitest';
import { countByFilter, defaultFilter, filterTasks, isTaskFilter } from './taskFilters';

const tasks = ['open', 'overdue', 'returned', 'inProgress', 'submitted', 'accepted', 'completed', 'closed'].map((state, i) => ({ id: String(i), state }));

describe('task filters', () => {
  it('puts overdue, returned and started screening under to-do, and each finished state under done', () => {
    expect(filterTasks(tasks, 'todo').map((t) => t.state)).toEqual(['open', 'overdue', 'returned', 'inProgress']);
    expect(filterTasks(tasks, 'overdue').map((t) => t.state)).toEqual(['overdue']);
    expect(filterTasks(tasks, 'returned').map((t) => t.state)).toEqual(['returned']);
    expect(filterTasks(tasks, 'submitted').map((t) => t.state)).toEqual(['submitted']);
    expect(filterTasks(tasks, 'done').map((t) => t.state)).toEqual(['accepted', 'completed', 'closed']);
    expect(filterTasks(tasks, 'all')).toHaveLength(tasks.length);
  });

  it('counts every filter at once', () => {
    expect(countByFilter(tasks)).toEqual({ todo: 4, overdue: 1, returned: 1, submitted: 1, done: 3, all: 8 });
    expect(countByFilter([])).toEqual({ todo: 0, overdue: 0, returned: 0, submitted: 0, done: 0, all: 0 });
  });

  it('reads a filter from the address only when it is one, and opens workers on their to-do list and reviewers on what awaits them', () => {
    expect(isTaskFilter('overdue')).toBe(true);
    expect(isTaskFilter('everything')).toBe(false);
    expect(isTaskFilter(null)).toBe(false);
    expect(defaultFilter(true)).toBe('todo');
    expect(defaultFilter(false)).toBe('submitted');
  });
});
