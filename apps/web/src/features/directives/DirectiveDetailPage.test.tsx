import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';

const DIRECTIVE_ID = 'd1c1b7e0-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const COUNTY = '51/5101/510104';
const countyAdmin = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: 'county', path: COUNTY, level: 'county' }] };
const townshipAdmin = { userId: 'u2', username: 'donghu-admin', displayName: '刘书记', grants: [{ role: 'admin', orgUnitId: 'town2', path: `${COUNTY}/510104018`, level: 'township' }] };

function row(id: string, code: string, name: string, level: string, state: string, parentId: string, context: Record<string, unknown> = {}) {
  return {
    id,
    state,
    parentId,
    updatedAt: '2026-03-22T01:00:00.000Z',
    snapshot: { value: state, status: 'active', context: { deadline: '2026-03-29T01:00:00.000Z', lateToAcknowledge: false, lateToForward: false, escalations: 0, amendments: 0, ...context } },
    unit: { id: `unit-${id}`, name, code, level, path: `${COUNTY}/${code}` },
  };
}

let townships = [row('t1', '510104017', '锦官驿街道', 'township', 'forwarded', DIRECTIVE_ID)];
const freshTownships = () => [row('t1', '510104017', '锦官驿街道', 'township', 'forwarded', DIRECTIVE_ID, { amendments: 1 }), row('t2', '510104018', '东湖街道', 'township', 'received', DIRECTIVE_ID, { lateToAcknowledge: true })];

/** Stands in for the browser's EventSource so a test can play the server's side of tRPC's SSE stream. */
class FakeEventSource {
  static all: FakeEventSource[] = [];
  /** The stream of one procedure, e.g. 'directives.onChange'. */
  static of(path: string): FakeEventSource | undefined {
    return FakeEventSource.all.findLast((s) => s.url.includes(`/trpc/${path}?`));
  }
  readonly listeners = new Map<string, Array<(event: MessageEvent) => void>>();
  readyState = 0;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  removeEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
  }
  close() {
    this.readyState = 2;
  }
  emit(type: string, data: unknown, lastEventId = '') {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }
}
const villages = [row('v1', '510104017001', '水井坊社区', 'village', 'acknowledged', 't1'), row('v2', '510104017002', '崇德里社区', 'village', 'received', 't1')];

const directive = {
  directive: { id: DIRECTIVE_ID, title: '关于开展敲门行动的通知', body: '全面开展敲门行动', requirements: ['全覆盖排查到位'], deadline: '2026-03-29T01:00:00.000Z', issuedAt: '2026-03-22T01:00:00.000Z', issuedBy: 'u1', issuingUnitId: 'county', templateVersionId: 'tv1' },
  state: 'issued',
  issuingUnit: { id: 'county', name: '锦江区', path: COUNTY, level: 'county' },
  counts: [
    { machine: 'receipt:township', state: 'forwarded', n: 1 },
    { machine: 'receipt:township', state: 'received', n: 1 },
    { machine: 'receipt:village', state: 'acknowledged', n: 1 },
    { machine: 'receipt:village', state: 'received', n: 1 },
  ],
};

describe('a directive’s cascade', () => {
  let server: ReturnType<typeof fakeServer>;
  let principal = countyAdmin;
  beforeEach(() => {
    principal = countyAdmin;
    townships = freshTownships();
    FakeEventSource.all = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'directives.get': () => ok(directive),
      'directives.receipts': (input) => {
        const { parentId } = input as { parentId: string };
        return ok(parentId === DIRECTIVE_ID ? townships : parentId === 't1' ? villages : []);
      },
      'receipts.get': () => ok({
        id: 't1',
        state: 'forwarded',
        directiveId: DIRECTIVE_ID,
        parentId: DIRECTIVE_ID,
        updatedAt: '2026-03-22T01:00:00.000Z',
        title: directive.directive.title,
        body: directive.directive.body,
        issuedAt: directive.directive.issuedAt,
        issuingUnit: { id: 'county', name: '锦江区', path: COUNTY },
        unit: townships[0]!.unit,
        directiveDeadline: '2026-03-29T01:00:00.000Z',
        deadline: '2026-03-27T01:00:00.000Z',
        fromAbove: { unitName: '锦江区', requirements: ['全覆盖排查到位'], addedRequirements: [], addedForms: [] },
        own: { addedRequirements: ['锦官驿街道:各社区每日 18:00 前完成台账核对'], addedForms: [], amendments: 1 },
        receivedAt: '2026-03-22T01:00:00.000Z',
        acknowledgedAt: '2026-03-22T02:00:00.000Z',
        lateToAcknowledge: false,
        lateToForward: false,
        escalations: 0,
        actions: [],
      }),
      'directives.close': () => refused(400, 'BAD_REQUEST', 'reason [too_big]', [{ path: 'reason', rule: 'too_big', message: { zh: '关闭原因过长', en: 'reason too long' } }]),
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', `/directives/${DIRECTIVE_ID}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  const nodes = () => screen.queryAllByTestId('cascade-node');
  const node = (name: string) => nodes().find((n) => n.getAttribute('data-unit') === name);

  it('draws the first level coloured by state with lateness marked, counts per level, and expands a forwarded unit on demand', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await waitFor(() => expect(nodes()).toHaveLength(2), { timeout: 20_000 });
    expect(node('锦官驿街道')!.getAttribute('data-state')).toBe('forwarded');
    expect(node('东湖街道')!.getAttribute('data-overdue')).toBe('true');
    expect(within(node('东湖街道')!).getByText('逾期')).toBeTruthy();
    const levels = screen.getAllByTestId('level-count');
    expect(levels.map((l) => l.getAttribute('data-level'))).toEqual(['township', 'village']);
    expect(within(levels[0]!).getByText('已签收 1/2')).toBeTruthy();
    // Only the first level was fetched; the villages come when 锦官驿街道 is expanded.
    const fetched = () => server.calls.filter((c) => c.path === 'directives.receipts').map((c) => (c.input as { parentId: string }).parentId);
    expect(fetched()).toEqual([DIRECTIVE_ID]);
    const treeItem = node('锦官驿街道')!.closest('.ant-tree-treenode') as HTMLElement;
    fireEvent.click(treeItem.querySelector('.ant-tree-switcher') as HTMLElement);
    await waitFor(() => expect(node('水井坊社区')).toBeTruthy());
    expect(fetched()).toContain('t1');
    expect(node('崇德里社区')!.getAttribute('data-state')).toBe('received');
    // A unit that has not forwarded has no children to expand.
    const eastLake = node('东湖街道')!.closest('.ant-tree-treenode') as HTMLElement;
    expect(eastLake.querySelector('.ant-tree-switcher-noop')).toBeTruthy();

    // Choosing a unit shows what it was asked and what it added.
    fireEvent.click(node('锦官驿街道')!);
    const panel = await screen.findByTestId('receipt-panel');
    expect(within(panel).getByTestId('requirements-own').textContent).toContain('各社区每日 18:00 前完成台账核对');
  });

  it('lets the issuer close it with a reason, showing the server’s refusal at the reason', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /关闭通知/ }, { timeout: 20_000 }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /确认关闭/ }));
    expect(await within(dialog).findByText('请填写关闭原因')).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'directives.close')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('关闭原因'), { target: { value: '疫情平稳,转入常态化防控' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确认关闭/ }));
    await waitFor(() => expect(server.calls.find((c) => c.path === 'directives.close')?.input).toEqual({ id: DIRECTIVE_ID, reason: '疫情平稳,转入常态化防控' }));
    expect(await within(dialog).findByText('关闭原因过长')).toBeTruthy();
  });

  it('offers no closing to a unit that only received it', async () => {
    principal = townshipAdmin;
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await waitFor(() => expect(nodes().length).toBeGreaterThan(0), { timeout: 20_000 });
    expect(screen.queryByRole('button', { name: /关闭通知/ })).toBeNull();
  });

  it('follows the cascade live: a change recolours the unit and refetches what it touched, without reloading', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await waitFor(() => expect(nodes()).toHaveLength(2), { timeout: 20_000 });
    const source = await waitFor(() => {
      expect(FakeEventSource.of('directives.onChange')).toBeDefined();
      return FakeEventSource.of('directives.onChange')!;
    });
    expect(source.url).toContain(encodeURIComponent(DIRECTIVE_ID));
    expect(source.init).toMatchObject({ withCredentials: true });
    act(() => source.emit('connected', {}));
    await waitFor(() => expect(screen.getByTestId('live-status').getAttribute('data-live')).toBe('on'));

    // Expand 锦官驿街道 so its communities' list is cached too.
    fireEvent.click((node('锦官驿街道')!.closest('.ant-tree-treenode') as HTMLElement).querySelector('.ant-tree-switcher') as HTMLElement);
    await waitFor(() => expect(node('崇德里社区')).toBeTruthy());
    const calls = (path: string, parentId?: string) => server.calls.filter((c) => c.path === path && (parentId === undefined || (c.input as { parentId?: string }).parentId === parentId)).length;
    const before = { root: calls('directives.receipts', DIRECTIVE_ID), villages: calls('directives.receipts', 't1'), counts: calls('directives.get') };

    // 东湖街道 forwards (the server's next answer says so too); a community acknowledges.
    townships[1] = { ...townships[1]!, state: 'forwarded' };
    act(() =>
      source.emit(
        'message',
        [
          { instanceId: 't2', directiveId: DIRECTIVE_ID, kind: 'receipt', orgUnitId: 'unit-t2', state: 'forwarded' },
          { instanceId: 'v2', directiveId: DIRECTIVE_ID, kind: 'receipt', orgUnitId: 'unit-v2', state: 'acknowledged' },
          { instanceId: 'x9', directiveId: DIRECTIVE_ID, kind: 'receipt', orgUnitId: 'unit-x9', state: 'received' },
        ],
        '1',
      ),
    );
    // The new states show at once, from the change itself: the server still says 崇德里社区 received,
    // so 'acknowledged' can only come from the patch.
    await waitFor(() => expect(node('崇德里社区')!.getAttribute('data-state')).toBe('acknowledged'));
    expect(node('东湖街道')!.getAttribute('data-state')).toBe('forwarded');
    // Then each touched list and the counts are fetched again, once.
    await waitFor(() => expect(calls('directives.get')).toBe(before.counts + 1));
    await waitFor(() => expect(calls('directives.receipts', DIRECTIVE_ID)).toBe(before.root + 1));
    expect(calls('directives.receipts', 't1')).toBe(before.villages + 1);
    // The refetched communities list still says received (the fake server did not change it): the server is the truth.
    await waitFor(() => expect(node('崇德里社区')!.getAttribute('data-state')).toBe('received'));
    expect(node('东湖街道')!.getAttribute('data-state')).toBe('forwarded');

    // Changes of another directive are not this tree's business.
    act(() => source.emit('message', [{ instanceId: 't1', directiveId: 'another', kind: 'receipt', orgUnitId: 'unit-t1', state: 'closed' }], '2'));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(node('锦官驿街道')!.getAttribute('data-state')).toBe('forwarded');
    expect(calls('directives.get')).toBe(before.counts + 1);
  });

  it('shows a progress bar per level while a fan-out runs, full once it is done', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await waitFor(() => expect(nodes()).toHaveLength(2), { timeout: 20_000 });
    const source = await waitFor(() => {
      expect(FakeEventSource.of('directives.onFanOutProgress')).toBeDefined();
      return FakeEventSource.of('directives.onFanOutProgress')!;
    });
    expect(screen.queryByTestId('fanout')).toBeNull();
    act(() => source.emit('connected', {}));
    act(() => source.emit('message', { directiveId: DIRECTIVE_ID, level: 'village', created: 3, expected: 13, done: false }));
    act(() => source.emit('message', { directiveId: DIRECTIVE_ID, level: 'grid', created: 0, expected: 39, done: false }));
    const bars = await screen.findAllByTestId('fanout-progress');
    expect(bars.map((b) => b.getAttribute('data-level'))).toEqual(['village', 'grid']);
    expect(within(bars[0]!).getByText('已生成 3/13 份回执')).toBeTruthy();
    expect(within(bars[0]!).getByText('正在下发至村(社区)')).toBeTruthy();
    expect(within(bars[0]!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('23');
    act(() => source.emit('message', { directiveId: DIRECTIVE_ID, level: 'village', created: 13, expected: 13, done: true }));
    await waitFor(() => expect(screen.getAllByTestId('fanout-progress')[0]!.getAttribute('data-done')).toBe('true'));
    expect(within(screen.getAllByTestId('fanout-progress')[0]!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });
});
