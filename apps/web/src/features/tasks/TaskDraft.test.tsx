import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';
import { answers, gridWorker, reportTask, TASK_ID, SLOW } from './testing/taskFixtures';

const input = (key: string) => document.getElementById(`field-${key}`) as HTMLInputElement;

describe('a report’s draft on the server', () => {
  let server: ReturnType<typeof fakeServer>;
  let draft: { data: Record<string, unknown>; savedAt: string; savedBy: string } | null;
  beforeEach(() => {
    draft = { data: { householdsScreened: 31, feverCases: -1, reporterPhone: null, anomaly: true, anomalyNote: '3 栋有人发热' }, savedAt: '2026-03-22T02:30:00.000Z', savedBy: gridWorker.userId };
    server = fakeServer({
      'auth.me': () => ok(gridWorker),
      'notifications.unreadCount': () => ok(0),
      'tasks.get': () => ok(reportTask('open', { previous: { periodKey: '2026-03-21', data: answers, submittedAt: '2026-03-21T10:00:00.000Z' }, draft })),
      'tasks.saveDraft': (body) => {
        const { data } = body as { data: Record<string, unknown> };
        draft = { data, savedAt: '2026-03-22T03:00:00.000Z', savedBy: gridWorker.userId };
        return ok({ savedAt: draft.savedAt });
      },
      'tasks.discardDraft': () => {
        draft = null;
        return ok({ discarded: true });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', `/tasks/${TASK_ID}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens on the saved draft over yesterday’s answers, saves changes with cleared answers as null, and discards back to yesterday’s', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    expect((await screen.findByTestId('draft-restored', undefined, SLOW)).textContent).toContain('已恢复');
    expect(input('householdsScreened').value).toBe('31');
    expect(input('personsScreened').value).toBe('80');
    expect(input('reporterPhone').value).toBe('');
    expect(input('anomalyNote').value).toBe('3 栋有人发热');
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    // What the draft left wrong shows at once; what it left empty waits for a submit attempt.
    expect(screen.getByText('"发热人员" 不能小于 0')).toBeTruthy();
    expect(screen.queryByText('"填报人电话" 为必填项')).toBeNull();

    fireEvent.change(input('personsScreened'), { target: { value: '85' } });
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(screen.getByText(/草稿已保存/)).toBeTruthy(), SLOW);
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    const saved = server.calls.filter((c) => c.path === 'tasks.saveDraft').map((c) => c.input);
    expect(saved).toEqual([{ taskId: TASK_ID, data: { ...answers, householdsScreened: 31, personsScreened: 85, feverCases: -1, anomaly: true, anomalyNote: '3 栋有人发热', reporterPhone: null } }]);

    fireEvent.click(screen.getByRole('button', { name: /丢弃草稿/ }));
    await waitFor(() => expect(server.calls.map((c) => c.path)).toContain('tasks.discardDraft'), SLOW);
    await waitFor(() => expect(input('householdsScreened').value).toBe('30'), SLOW);
    expect(server.calls.some((c) => c.path === 'tasks.discardDraft')).toBe(true);
    expect(input('reporterPhone').value).toBe('13800138000');
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    expect(screen.getByText(/已按上期答案预填/)).toBeTruthy();
  });
});
