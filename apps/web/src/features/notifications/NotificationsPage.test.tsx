import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';

const principal = { userId: 'u1', username: 'grid-1', displayName: '网格员 张敏', grants: [{ role: 'grid_staff', orgUnitId: 'g1', path: '51/5101', level: 'grid' }] };
const TASK_ID = '6f1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const note = (id: string, kind: string, readAt: string | null) => ({ id, userId: 'u1', kind, instanceId: TASK_ID, payload: { instanceKind: 'task', state: 'overdue' }, createdAt: '2026-03-22T12:00:00.000Z', readAt });

describe('the notifications inbox', () => {
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    const inbox = [note('n1', 'reportOverdue', null), note('n2', 'reportReminder', '2026-03-22T11:00:00.000Z')];
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(inbox.filter((n) => !n.readAt).length),
      'notifications.list': () => ok(inbox),
      'notifications.markRead': (input) => {
        const ids = (input as { ids: string[] | 'all' }).ids;
        for (const n of inbox) if (ids === 'all' || ids.includes(n.id)) n.readAt ??= '2026-03-22T13:00:00.000Z';
        return ok({ marked: 1 });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', '/notifications');
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists notifications in the user’s language, with the unread count, and marks them read', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    expect(await screen.findByText('报告已逾期')).toBeTruthy();
    expect(screen.getByText('报告即将到期,请及时填报')).toBeTruthy();
    expect(await screen.findByText('1')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '标为已读' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /全部标为已读/ }));
    await waitFor(() => expect(server.calls.some((c) => c.path === 'notifications.markRead' && (c.input as { ids: unknown }).ids === 'all')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('button', { name: '标为已读' })).toBeNull());
  });
});
