import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithLocale } from '../../test/renderWithLocale';
import { TaskList } from './TaskList';
import type { TaskFilter } from './taskFilters';
import type { TaskSummary } from './taskOrdering';

const task = (id: string, state: string, dueAt: string): TaskSummary => ({ id, kind: 'report', state, dueAt, periodKey: '2026-03-22', directiveTitle: `通知${id}`, unit: { name: '水井坊网格1' } });

describe('TaskList', () => {
  const tasks = [task('late', 'open', '2026-03-23T12:00:00Z'), task('done', 'accepted', '2026-03-20T12:00:00Z'), task('over', 'overdue', '2026-03-22T12:00:00Z'), task('back', 'returned', '2026-03-24T12:00:00Z')];
  const titles = () => screen.queryAllByTestId('task-row').map((r) => within(r).getByText(/^通知/).textContent);

  it('lists the overdue task first and marks it, with the count of each filter on the filter bar', () => {
    renderWithLocale(<TaskList tasks={tasks} onOpen={() => {}} />);
    const rows = screen.getAllByTestId('task-row');
    expect(titles()).toEqual(['通知over', '通知late', '通知back', '通知done']);
    expect(rows.map((r) => r.getAttribute('data-overdue'))).toEqual(['true', null, null, null]);
    expect(within(rows[0]!).getByText('已逾期')).toBeTruthy();
    expect(screen.getByTestId('filter-todo').textContent).toBe('待办 3');
    expect(screen.getByTestId('filter-overdue').textContent).toBe('已逾期 1');
    expect(screen.getByTestId('filter-returned').textContent).toBe('被退回 1');
    expect(screen.getByTestId('filter-done').textContent).toBe('已完成 1');
    expect(screen.getByTestId('filter-all').textContent).toBe('全部 4');
  });

  it('shows only the tasks of the chosen filter and reports a change of filter', () => {
    const onFilterChange = vi.fn();
    function Harness() {
      const [filter, setFilter] = useState<TaskFilter>('todo');
      return (
        <TaskList
          tasks={tasks}
          filter={filter}
          onFilterChange={(f) => {
            onFilterChange(f);
            setFilter(f);
          }}
          onOpen={() => {}}
        />
      );
    }
    renderWithLocale(<Harness />);
    expect(titles()).toEqual(['通知over', '通知late', '通知back']);
    fireEvent.click(screen.getByTestId('filter-returned'));
    expect(onFilterChange).toHaveBeenCalledWith('returned');
    expect(titles()).toEqual(['通知back']);
    fireEvent.click(screen.getByTestId('filter-done'));
    expect(titles()).toEqual(['通知done']);
    fireEvent.click(screen.getByTestId('filter-submitted'));
    expect(titles()).toEqual([]);
    expect(screen.getByText('此分类下暂无任务')).toBeTruthy();
  });

  it('opens a task from its row or its title link, and the title is a real link', () => {
    const onOpen = vi.fn();
    renderWithLocale(<TaskList tasks={tasks} onOpen={onOpen} />, 'en');
    fireEvent.click(screen.getAllByTestId('task-row')[1]!);
    expect(onOpen).toHaveBeenCalledWith('late');
    const link = screen.getByRole('link', { name: '通知back' });
    expect(link.getAttribute('href')).toBe('/tasks/back');
    fireEvent.click(link);
    expect(onOpen).toHaveBeenLastCalledWith('back');
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
  });

  it('says so when there are no tasks', () => {
    renderWithLocale(<TaskList tasks={[]} onOpen={() => {}} />);
    expect(screen.getByText('暂无任务')).toBeTruthy();
  });
});
