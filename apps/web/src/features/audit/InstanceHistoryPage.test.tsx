import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';

const INSTANCE = '6f1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const TEMPLATE = '0d3c0f6e-1111-4000-8000-000000000002';
const principal = { userId: 'u-auditor', username: 'jinjiang-auditor', displayName: '锦江区审计员', grants: [{ role: 'auditor', orgUnitId: 'd1', path: '51/5101/510104', level: 'county' }] };
const row = (seq: number, eventType: string, fromState: string | null, toState: string, actorName: string | null, payload: unknown = {}) => ({
  id: 100 + seq,
  seq,
  eventType,
  payload,
  actorId: actorName ? `u-${seq}` : null,
  actorName,
  fromState,
  toState,
  at: `2026-03-22T0${seq}:00:00+00:00`,
  templateVersionId: TEMPLATE,
  hash: `${seq}`.repeat(64),
  prevHash: seq === 1 ? null : `${seq - 1}`.repeat(64),
});
const history = {
  instance: { id: INSTANCE, kind: 'receipt', machine: 'receipt:township', directiveId: 'dir-1', state: 'forwarded', templateVersionId: TEMPLATE, version: 4 },
  unit: { id: 'unit-1', name: '锦官驿街道', code: '510104017', level: 'township', path: '51/5101/510104/510104017' },
  directive: { id: 'dir-1', title: '五级联防联控:敲门排查与每日报告' },
  templateVersion: { id: TEMPLATE, key: 'five-level-screening', version: 1 },
  machine: {
    id: 'receipt:township',
    initial: 'received',
    states: [
      { name: 'received', final: false, entry: [], transitions: [{ event: 'ACKNOWLEDGE', target: 'acknowledged', guard: null }, { event: 'CLOSE', target: 'closed', guard: null }] },
      { name: 'acknowledged', final: false, entry: [], transitions: [{ event: 'AMEND', target: 'amended', guard: null }, { event: 'FORWARD', target: 'forwarded', guard: null }] },
      { name: 'amended', final: false, entry: [], transitions: [{ event: 'FORWARD', target: 'forwarded', guard: null }] },
      { name: 'forwarded', final: false, entry: [], transitions: [{ event: 'CLOSE', target: 'closed', guard: null }] },
      { name: 'closed', final: true, entry: [], transitions: [] },
    ],
  },
  rows: [
    row(1, 'xstate.init', null, 'received', '锦江区管理员', { input: { level: 'township' } }),
    row(2, 'ACKNOWLEDGE', 'received', 'acknowledged', '锦官驿街道管理员'),
    row(3, 'AMEND', 'acknowledged', 'amended', '锦官驿街道管理员', { requirements: ['各社区每日 18:00 前完成台账核对'] }),
    row(4, 'FORWARD', 'amended', 'forwarded', '锦官驿街道管理员'),
  ],
};

// React Flow measures its canvas; jsdom has no layout, so it gets a ResizeObserver that never fires.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}

describe('an instance’s history', () => {
  let server: ReturnType<typeof fakeServer>;
  let verifyReply: unknown;
  beforeEach(() => {
    verifyReply = { ok: true, instances: 1, rows: 4, failures: [] };
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'audit.history': () => ok(history),
      'audit.verifyInstance': () => ok(verifyReply),
    });
    vi.stubGlobal('fetch', server.fetch);
    vi.stubGlobal('ResizeObserver', NoResize);
    window.history.replaceState(null, '', `/audit/instances/${INSTANCE}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderApp = () =>
    render(
      <Providers>
        <App />
      </Providers>,
    );
  const diagram = () => screen.getByTestId('state-diagram');
  // The first ELK layout in a test process loads its worker code: slow on a busy machine.
  const diagramDrawn = () => screen.findByTestId('state-diagram', {}, { timeout: 25_000 });
  const selectedSeq = () => document.querySelector('[data-testid="history-row"][data-selected="true"]')?.getAttribute('data-seq');

  it('opens on the last row, and steps back and forth with the buttons and ← / →, moving the highlight', async () => {
    renderApp();
    await diagramDrawn();
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('forwarded'));
    expect(screen.getByTestId('step-counter').textContent).toBe('第 4 / 4 步');
    expect(selectedSeq()).toBe('4');
    expect(screen.getAllByText('锦官驿街道管理员').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /下一步/ })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: /上一步/ }));
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('amended'));
    expect(selectedSeq()).toBe('3');
    expect(within(screen.getByTestId('step-detail')).getByText(/各社区每日 18:00 前完成台账核对/)).toBeTruthy();
    expect(window.location.search).toBe('?seq=3');

    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('acknowledged'));
    fireEvent.keyDown(window, { key: 'Home' });
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('received'));
    expect(screen.getByTestId('step-counter').textContent).toBe('第 1 / 4 步');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(selectedSeq()).toBe('2'));

    // Choosing a row in the timeline moves the step-through there.
    fireEvent.click(screen.getByRole('button', { name: '查看第 4 步' }));
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('forwarded'));
  }, 90_000);

  it('opens at the row a link names', async () => {
    window.history.replaceState(null, '', `/audit/instances/${INSTANCE}?seq=2`);
    renderApp();
    await diagramDrawn();
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('acknowledged'));
    expect(selectedSeq()).toBe('2');
  });

  it('verifies the instance and says it is intact, or names the bad row with a link to it', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: /核验此实例/ }));
    expect((await screen.findByTestId('verify-result')).textContent).toContain('核验通过:1 个实例、4 条记录');
    expect(server.calls.find((c) => c.path === 'audit.verifyInstance')?.input).toEqual({ instanceId: INSTANCE });

    verifyReply = { ok: false, instances: 1, rows: 4, failures: [{ historyId: 102, instanceId: INSTANCE, seq: 2, reason: 'hash does not match the row content (row altered)' }] };
    fireEvent.click(screen.getByRole('button', { name: /核验此实例/ }));
    await waitFor(() => expect(screen.getByTestId('verify-result').getAttribute('data-ok')).toBe('false'));
    const failure = screen.getByTestId('verify-failure');
    expect(failure.textContent).toContain('哈希与记录内容不符(记录被改动)');
    expect(failure.textContent).toContain('第 2 条');
    fireEvent.click(within(failure).getByRole('link'));
    await waitFor(() => expect(diagram().getAttribute('data-active-state')).toBe('acknowledged'));
  });

  it('shows an auditor no action that changes anything', async () => {
    renderApp();
    await screen.findByTestId('history-timeline');
    const labels = screen.getAllByRole('button').map((b) => b.textContent ?? b.getAttribute('aria-label') ?? '');
    for (const write of ['签收', '转发', '补充', '关闭', '退回', '通过', '提交']) expect(labels.filter((l) => l.trim() === write)).toEqual([]);
  });
});
