import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';
import { gridWorker, SLOW } from './testing/taskFixtures';

const row = (id: string, kind: string, state: string, dueAt: string) => ({ id, kind, state, dueAt, periodKey: '2026-03-22', directiveTitle: '关于做好疫情防控的通知', directiveId: 'd1', stageId: 's', formVersionId: 'f', unit: { id: 'g1', name: '水井坊社区第1网格', code: 'c', path: 'p' } });

describe('the grid worker’s home screen', () => {
  beforeEach(() => {
    // Only the date is fixed (2026-03-22 10:00 in China), so timers and animations still run.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-22T02:00:00Z'));
    const server = fakeServer({
      'auth.me': () => ok(gridWorker),
      'notifications.unreadCount': () => ok(4),
      'tasks.mine': () =>
        ok([
          row('today-report', 'report', 'open', '2026-03-22T12:00:00.000Z'),
          row('today-screening', 'screening', 'inProgress', '2026-03-22T08:00:00.000Z'),
          row('yesterday', 'report', 'overdue', '2026-03-21T12:00:00.000Z'),
          row('sent', 'report', 'submitted', '2026-03-22T12:00:00.000Z'),
        ]),
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', '/');
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('counts today’s tasks, the overdue ones and unread messages, lists today’s and leads into My tasks', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    const overview = await screen.findByTestId('worker-overview', undefined, SLOW);
    const stat = async (title: string) => (await within(overview).findByText(title)).closest('.ant-statistic')?.textContent;
    expect(await stat('今日到期')).toContain('2');
    expect(await stat('已逾期')).toContain('1');
    expect(await stat('待办')).toContain('3');
    expect(await stat('未读消息')).toContain('4');
    const links = within(overview).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['排查 · 水井坊社区第1网格', '报告 · 水井坊社区第1网格']);
    expect(links[0]!.getAttribute('href')).toBe('/tasks/today-screening');
    fireEvent.click(within(overview).getByRole('button', { name: /进入我的任务/ }));
    expect(await screen.findByRole('heading', { name: '我的任务' }, SLOW)).toBeTruthy();
    expect(window.location.pathname).toBe('/tasks');
  });
});
