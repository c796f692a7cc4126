import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithLocale } from '../../test/renderWithLocale';
import { TaskList } from './TaskList';
import type { TaskSummary } from './taskOrdering';

const task = (id: string, state: string, dueAt: string): TaskSummary => ({ id, kind: 'report', state, dueAt, periodKey: '2026-03-22', directiveTitle: `通知${id}`, unit: { name: '水井坊网格1' } });

describe('TaskList', () => {
  const tasks = [task('late', 'open', '2026-03-23T12:00:00Z'), task('done', 'accepted', '2026-03-20T12:00:00Z'), task('over', 'overdue', '2026-03-22T12:00:00Z')];

  it('lists the overdue task first and marks it, with the counts on top', () => {
    renderWithLocale(<TaskList tasks={tasks} onOpen={() => {}} />);
    const rows = screen.getAllByTestId('task-row');
    expect(rows.map((r) => within(r).getByText(/^通知/).textContent)).toEqual(['通知over', '通知late', '通知done']);
    expect(rows.map((r) => r.getAttribute('data-overdue'))).toEqual(['true', null, null]);
    expect(within(rows[0]!).getByText('已逾期')).toBeTruthy();
    const counts = screen.getByLabelText('counts');
    expect(within(counts).getByText('待办').closest('.ant-statistic')?.textContent).toContain('2');
    expect(within(counts).getByText('已逾期').closest('.ant-statistic')?.textContent).toContain('1');
  });

  it('opens a task when its row is clicked', () => {
    const onOpen = vi.fn();
    renderWithLocale(<TaskList tasks={tasks} onOpen={onOpen} />, 'en');
    fireEvent.click(screen.getAllByTestId('task-row')[1]!);
    expect(onOpen).toHaveBeenCalledWith('late');
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
  });

  it('says so when there are no tasks', () => {
    renderWithLocale(<TaskList tasks={[]} onOpen={() => {}} />);
    expect(screen.getByText('暂无任务')).toBeTruthy();
  });
});
