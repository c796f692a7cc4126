import { describe, expect, it } from 'vitest';
import { countTasks, orderTasks, type TaskSummary } from './taskOrdering';

const task = (id: string, state: string, dueAt: string | null): TaskSummary => ({ id, kind: 'report', state, dueAt, periodKey: '2026-03-22', directiveTitle: `directive ${id}`, unit: { name: '水井坊网格1' } });

describe('orderTasks', () => {
  it('puts work still to do first, due soonest first, and finished work after', () => {
    const tasks = [
      task('a', 'accepted', '2026-03-20T12:00:00Z'),
      task('b', 'open', '2026-03-23T12:00:00Z'),
      task('c', 'overdue', '2026-03-21T12:00:00Z'),
      task('d', 'returned', '2026-03-22T12:00:00Z'),
      task('e', 'submitted', '2026-03-19T12:00:00Z'),
      task('f', 'open', null),
    ];
    expect(orderTasks(tasks).map((t) => t.id)).toEqual(['c', 'd', 'b', 'f', 'e', 'a']);
  });

  it('does not reorder the array it was given', () => {
    const tasks = [task('b', 'open', '2026-03-23T12:00:00Z'), task('a', 'open', '2026-03-22T12:00:00Z')];
    orderTasks(tasks);
    expect(tasks.map((t) => t.id)).toEqual(['b', 'a']);
  });
});

describe('countTasks', () => {
  it('counts to-do, overdue and returned tasks', () => {
    const tasks = [task('a', 'overdue', null), task('b', 'returned', null), task('c', 'open', null), task('d', 'accepted', null)];
    expect(countTasks(tasks)).toEqual({ total: 4, todo: 3, overdue: 1, returned: 1 });
  });
});
