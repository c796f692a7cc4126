import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyReportForm } from '@cascade/forms';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';

const DIRECTIVE_ID = 'd1c1b7e0-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const principal = { userId: 'u1', username: 'donghu-admin', displayName: '东湖街道 刘书记', grants: [{ role: 'admin', orgUnitId: 'town', path: '51/5101/510104/510104018', level: 'township' }] };

function receipt(id: string, state: string, actions: string[], over: Record<string, unknown> = {}) {
  return {
    id,
    state,
    directiveId: DIRECTIVE_ID,
    parentId: DIRECTIVE_ID,
    updatedAt: '2026-03-22T01:00:00.000Z',
    title: '关于开展敲门行动的通知',
    body: '全面开展敲门行动',
    issuedAt: '2026-03-22T01:00:00.000Z',
    issuingUnit: { id: 'county', name: '锦江区', path: '51/5101/510104' },
    unit: { id: `unit-${id}`, name: '东湖街道', code: '510104018', level: 'township', path: '51/5101/510104/510104018' },
    directiveDeadline: '2026-03-29T01:00:00.000Z',
    deadline: '2026-03-29T01:00:00.000Z',
    fromAbove: { unitName: '锦江区', requirements: ['全覆盖排查到位', '全天候服务到位'], addedRequirements: [], addedForms: [] },
    own: { addedRequirements: [], addedForms: [], amendments: 0 },
    receivedAt: '2026-03-22T01:00:00.000Z',
    acknowledgedAt: null,
    lateToAcknowledge: false,
    lateToForward: false,
    escalations: 0,
    actions,
    ...over,
  };
}

describe('received directives', () => {
  let server: ReturnType<typeof fakeServer>;
  let inbox: Array<ReturnType<typeof receipt>>;
  beforeEach(() => {
    inbox = [
      receipt('r1', 'acknowledged', ['AMEND', 'FORWARD'], { acknowledgedAt: '2026-03-22T02:00:00.000Z' }),
      receipt('r2', 'received', ['ACKNOWLEDGE'], { lateToAcknowledge: true, unit: { id: 'v1', name: '东湖社区', code: '510104018001', level: 'village', path: '51/5101/510104/510104018/510104018001' }, fromAbove: { unitName: '东湖街道', requirements: ['全覆盖排查到位'], addedRequirements: ['东湖街道:每日18时前报台账'], addedForms: [] } }),
    ];
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'receipts.inbox': () => ok(inbox),
      'forms.list': () => ok([{ id: 'f1', key: dailyReportForm.key, version: 1, definition: dailyReportForm, publishedAt: '2026-03-01T00:00:00.000Z', ownerUnitId: 'county', ownerName: '锦江区' }]),
      'receipts.acknowledge': (input) => {
        const found = inbox.find((r) => r.id === (input as { receiptId: string }).receiptId)!;
        Object.assign(found, { state: 'acknowledged', actions: ['FORWARD'] });
        return ok({ ok: true });
      },
      'receipts.amend': () =>
        refused(400, 'BAD_REQUEST', 'deadline [tightenOnly]: …', [{ path: 'deadline', rule: 'tightenOnly', message: { zh: '截止时间只能提前,不得晚于 2026-03-29T01:00:00.000Z', en: 'the deadline may only be tightened' } }]),
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', '/received');
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  // The first render loads Ant Design and the whole app: on a busy machine it can take longer than findBy's default.
  const cardOf = async (code: string) => (await screen.findAllByTestId('received-receipt', {}, { timeout: 20_000 })).find((c) => c.getAttribute('data-unit') === code)!;

  it('shows what the levels above required, marks lateness, and offers only the actions allowed now', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    const township = await cardOf('510104018');
    expect(within(township).getByTestId('requirements-directive').textContent).toContain('全覆盖排查到位');
    expect(within(township).queryByTestId('requirements-above')).toBeNull();
    expect(within(township).getByRole('button', { name: /补充要求/ })).toBeTruthy();
    expect(within(township).getByRole('button', { name: /转\s*发/ })).toBeTruthy();
    expect(within(township).queryByRole('button', { name: /签\s*收/ })).toBeNull();

    const village = await cardOf('510104018001');
    expect(within(village).getByTestId('requirements-above').textContent).toContain('东湖街道:每日18时前报台账');
    expect(within(village).getByTestId('receipt-overdue')).toBeTruthy();
    expect(within(village).queryByRole('button', { name: /转\s*发/ })).toBeNull();

    fireEvent.click(within(village).getByRole('button', { name: /签\s*收/ }));
    await waitFor(() => expect(server.calls.filter((c) => c.path === 'receipts.acknowledge').map((c) => c.input)).toEqual([{ receiptId: 'r2' }]));
    // The inbox is fetched again after the command: the village now may forward.
    await waitFor(async () => expect(within(await cardOf('510104018001')).getByRole('button', { name: /转\s*发/ })).toBeTruthy());
  });

  it('sends an amendment and shows the server’s refusal of the deadline at the deadline field', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    fireEvent.click(within(await cardOf('510104018')).getByRole('button', { name: /补充要求/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('要求 1'), { target: { value: '  东湖街道:卡口测温验码  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /提交补充/ }));
    await waitFor(() => expect(server.calls.some((c) => c.path === 'receipts.amend')).toBe(true));
    expect(server.calls.find((c) => c.path === 'receipts.amend')!.input).toEqual({ receiptId: 'r1', requirements: ['东湖街道:卡口测温验码'], forms: [] });
    const deadlineItem = within(dialog).getByLabelText('收紧截止时间').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(deadlineItem).getByText(/截止时间只能提前/)).toBeTruthy());
    // The dialog stays open with what was typed, for the admin to correct.
    expect((within(dialog).getByLabelText('要求 1') as HTMLTextAreaElement).value).toContain('卡口测温验码');
  });

  it('refuses to send an empty amendment', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    fireEvent.click(within(await cardOf('510104018')).getByRole('button', { name: /补充要求/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /提交补充/ }));
    expect(await within(dialog).findByText('请至少增加一条要求、一张表单或收紧截止时间')).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'receipts.amend')).toBe(false);
  });
});
