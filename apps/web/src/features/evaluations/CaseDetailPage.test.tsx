import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';

const CASE = '00000000-0000-4000-8000-0000000000c1';
const TOWNSHIP_PATH = '51/5101/510104/510104017';
const county = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: 'c', path: '51/5101/510104', level: 'county' }] };
const township = { userId: 'u2', username: 'jinguanyi-admin', displayName: '陈书记', grants: [{ role: 'admin', orgUnitId: 't', path: TOWNSHIP_PATH, level: 'township' }] };

const ACCEPTED: Record<string, string[]> = { opened: ['INVESTIGATE'], investigating: ['DECIDE'], decided: ['REQUIRE_RECTIFICATION'], rectifying: ['CLOSE_CASE'], closed: [] };
const NEXT: Record<string, string> = { INVESTIGATE: 'investigating', DECIDE: 'decided', REQUIRE_RECTIFICATION: 'rectifying', CLOSE_CASE: 'closed' };

describe('an accountability case', () => {
  let server: ReturnType<typeof fakeServer>;
  let state: string;
  const history = [
    { id: 1, seq: 1, eventType: 'xstate.init', payload: {}, actorId: null, actorName: null, fromState: null, toState: 'opened', at: '2026-03-22T13:00:00.000Z', templateVersionId: 't', hash: 'a', prevHash: null },
    { id: 2, seq: 2, eventType: 'INVESTIGATE', payload: { type: 'INVESTIGATE' }, actorId: 'u1', actorName: '王主任', fromState: 'opened', toState: 'investigating', at: '2026-03-22T14:00:00.000Z', templateVersionId: 't', hash: 'b', prevHash: 'a' },
  ];
  const caseRow = () => ({
    id: CASE,
    state,
    snapshot: { value: state, context: { decision: state === 'investigating' ? null : 'sanction' }, status: 'active' },
    templateVersionId: '00000000-0000-4000-8000-0000000000f1',
    directiveId: '00000000-0000-4000-8000-0000000000d1',
    evaluationId: 'e1',
    subjectUserId: null,
    subjectUserName: null,
    unitId: 't',
    unitName: '锦官驿街道',
    unitPath: TOWNSHIP_PATH,
    createdAt: '2026-03-22T13:00:00.000Z',
    updatedAt: '2026-03-22T14:00:00.000Z',
    evaluation: { outcome: 'accountable', comment: '两个网格漏报迟报', evidence: [], evaluatorUnitId: 'c', evaluatedAt: '2026-03-22T13:00:00.000Z' },
    acceptedEvents: ACCEPTED[state],
  });
  const start = (principal: unknown) => {
    state = 'investigating';
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'cases.get': () => ok(caseRow()),
      'audit.history': () => ok({ instance: {}, rows: history }),
      'templates.get': () => refused(403, 'FORBIDDEN', '无权查看模板 / not allowed'),
      'cases.advance': (input) => {
        state = NEXT[(input as { command: { type: string } }).command.type]!;
        return ok({ ok: true });
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
    window.history.replaceState(null, '', `/evaluations/cases/${CASE}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers the level above only the step its state allows, sends it, then offers the next', async () => {
    start(county);
    expect(await screen.findByRole('button', { name: '作出决定' }, { timeout: 20_000 })).toBeTruthy();
    for (const other of ['启动调查', '责令整改', '结案']) expect(screen.queryByRole('button', { name: other })).toBeNull();
    expect((await screen.findAllByTestId('case-history-item')).map((i) => i.getAttribute('data-to'))).toEqual(['opened', 'investigating']);

    fireEvent.click(screen.getByRole('button', { name: '作出决定' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('调查结论'), { target: { value: ' 责任落实不到位 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(server.calls.some((c) => c.path === 'cases.advance')).toBe(true));
    expect(server.calls.find((c) => c.path === 'cases.advance')!.input).toEqual({ caseId: CASE, command: { type: 'DECIDE', decision: 'sanction', finding: '责任落实不到位' } });
    expect(await screen.findByRole('button', { name: '责令整改' })).toBeTruthy();
    expect((await screen.findByTestId('case-state')).getAttribute('data-state')).toBe('decided');
  }, 90_000);

  it('shows the unit concerned its case without any step to take', async () => {
    start(township);
    expect(await screen.findByText('案件由问责对象的上级单位办理,您只能查看', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '作出决定' })).toBeNull();
    expect(screen.getByText('考评问责:两个网格漏报迟报')).toBeTruthy();
  });
});
