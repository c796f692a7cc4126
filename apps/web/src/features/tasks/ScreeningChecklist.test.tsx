import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';
import { communityAdmin, gridWorker, screeningTask, TASK_ID, SLOW } from './testing/taskFixtures';

type Visit = { householdId: string; data: Record<string, unknown> };

describe('door-to-door screening as a household checklist', () => {
  let server: ReturnType<typeof fakeServer>;
  let households: Array<{ id: string; name: string; visitedAt: string | null; data: unknown }>;
  const start = (principal: unknown) => {
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'tasks.get': () => ok(screeningTask(households)),
      'tasks.mine': () => ok([]),
      'tasks.visit': (input) => {
        const { householdId, data } = input as Visit;
        households = households.map((h) => (h.id === householdId ? { ...h, visitedAt: '2026-03-22T04:00:00.000Z', data } : h));
        return ok({ ok: true });
      },
      'tasks.completeScreening': () => {
        const missing = households.filter((h) => !h.visitedAt).length;
        return refused(409, 'CONFLICT', 'taskId [coverage]', [{ path: 'taskId', rule: 'coverage', message: { zh: `尚有 ${missing} 户未登记走访`, en: `${missing} households have no visit recorded yet` } }]);
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    render(
      <Providers>
        <App />
      </Providers>,
    );
  };
  beforeEach(() => {
    households = [
      { id: 'h1', name: '3栋1单元101', visitedAt: '2026-03-22T03:00:00.000Z', data: { visited: true, residents: 4 } },
      { id: 'h2', name: '3栋1单元102', visitedAt: null, data: null },
      { id: 'h3', name: '3栋1单元201', visitedAt: null, data: null },
    ];
    window.history.replaceState(null, '', `/tasks/${TASK_ID}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows coverage, lists the households not yet visited, records a visit with inline validation, and shows the server’s refusal to complete', async () => {
    start(gridWorker);
    expect((await screen.findByTestId('coverage-count', undefined, SLOW)).textContent).toBe('已走访 1/3 户');
    const rows = () => screen.getAllByTestId('household-row');
    expect(rows().map((r) => within(r).getByText(/^3栋/).textContent)).toEqual(['3栋1单元102', '3栋1单元201']);
    fireEvent.click(screen.getByText(/^全部/));
    expect(rows()).toHaveLength(3);
    expect(within(rows()[0]!).getByText('是否入户:是 · 常住人数:4')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '登记走访 3栋1单元102' }));
    const drawer = await screen.findByRole('dialog', undefined, SLOW);
    fireEvent.click(within(drawer).getByRole('button', { name: /保存走访/ }));
    expect(await within(drawer).findByText('"是否入户" 为必填项', undefined, SLOW)).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'tasks.visit')).toBe(false);
    fireEvent.click(within(within(drawer).getByTestId('field-visited')).getByLabelText('否'));
    fireEvent.change(within(drawer).getByLabelText('备注'), { target: { value: '无人应门' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /保存走访/ }));
    await waitFor(() => expect(screen.getByTestId('coverage-count').textContent).toBe('已走访 2/3 户'), SLOW);
    expect(server.calls.find((c) => c.path === 'tasks.visit')?.input).toEqual({ taskId: TASK_ID, householdId: 'h2', data: { visited: false, note: '无人应门' } });

    fireEvent.click(screen.getByRole('button', { name: /完成排查/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }, SLOW));
    expect((await screen.findByTestId('complete-refused', undefined, SLOW)).textContent).toContain('尚有 1 户未登记走访');
  });

  it('shows the checklist read-only to the level above', async () => {
    start(communityAdmin);
    expect((await screen.findByTestId('coverage-count', undefined, SLOW)).textContent).toBe('已走访 1/3 户');
    expect(screen.getAllByTestId('household-row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /登记走访/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /完成排查/ })).toBeNull();
  });
});
