import { describe, expect, it } from 'vitest';
import type { TaskSummary } from './taskOrdering';
import { chinaDay, workerSummary } from './workerSummary';

const task = (id: string, state: string, dueAt: string | null): TaskSummary => ({ id, kind: 'report', state, dueAt, periodKey: '2026-03-22', directiveTitle: id, unit: { name: '网格' } });

describe('the worker’s day', () => {
  // 2026-03-22 23:30 in China is still 15:30 UTC on the 22nd; 00:30 on the 23rd is 16:30 UTC on the 22nd.
  it('reckons the day in China time', () => {
    expect(chinaDay('2026-03-22T15:30:00Z')).toBe('2026-03-22');
    expect(chinaDay('2026-03-22T16:30:00Z')).toBe('2026-03-23');
  });

  it('lists the work still to do that is due today in China, and counts overdue and to-do work', () => {
    const tasks = [
      task('report-today', 'open', '2026-03-22T12:00:00Z'),
      task('screening-today', 'inProgress', '2026-03-22T09:00:00Z'),
      task('done-today', 'submitted', '2026-03-22T12:00:00Z'),
      task('tomorrow', 'open', '2026-03-23T12:00:00Z'),
      task('yesterday', 'overdue', '2026-03-21T12:00:00Z'),
      task('undated', 'open', null),
    ];
    const summary = workerSummary(tasks, new Date('2026-03-22T02:00:00Z'));
    expect(summary.dueToday.map((t) => t.id)).toEqual(['screening-today', 'report-today']);
    expect(summary.overdue).toBe(1);
    expect(summary.todo).toBe(5);
  });
});
