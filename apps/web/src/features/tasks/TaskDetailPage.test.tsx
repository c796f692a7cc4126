import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyReportForm } from '@cascade/forms';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';
import { SLOW } from './testing/taskFixtures';

const TASK_ID = '6f1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const answers = { householdsScreened: 30, personsScreened: 80, returnees: 2, homeIsolation: 1, feverCases: 0, anomaly: false, reporterPhone: '13800138000' };
const principal = { userId: 'u1', username: 'grid-1', displayName: '网格员 张敏', grants: [{ role: 'grid_staff', orgUnitId: 'g1', path: '51/5101', level: 'grid' }] };
const task = {
  id: TASK_ID,
  kind: 'report',
  stageId: 'daily-report',
  periodKey: '2026-03-22',
  dueAt: '2026-03-22T12:00:00.000Z',
  state: 'returned',
  snapshot: { value: 'returned', context: { lastComment: '排查户数与人数不符' } },
  directiveTitle: '关于做好疫情防控的通知',
  unit: { id: 'g1', name: '水井坊网格1', code: '510104017001001', path: '51/5101' },
  form: dailyReportForm,
  submissions: [{ id: 's1', attempt: 1, data: answers, submittedAt: '2026-03-22T10:00:00.000Z' }],
  previous: null,
  changedFromPrevious: [],
  checklist: null,
};

type SubmitInput = { taskId: string; data: Record<string, unknown>; idempotencyKey: string };

describe('a returned task', () => {
  let server: ReturnType<typeof fakeServer>;
  let handlers: Parameters<typeof fakeServer>[0];
  beforeEach(() => {
    handlers = {
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'tasks.get': () => ok(task),
      'tasks.submit': () =>
        refused(400, 'BAD_REQUEST', 'data.reporterPhone [phone]: …', [{ path: 'data.reporterPhone', rule: 'phone', message: { zh: '"填报人电话" 不是有效的手机或座机号码', en: '"Reporter\'s phone" is not a valid mobile or landline number' } }]),
    };
    server = fakeServer(handlers);
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', `/tasks/${TASK_ID}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the reviewer’s comment, resubmits with an idempotency key, and puts the server’s refusal at the field', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    expect((await screen.findByTestId('returned-comment', undefined, SLOW)).textContent).toContain('排查户数与人数不符');
    expect((document.getElementById('field-householdsScreened') as HTMLInputElement).value).toBe('30');
    const resubmit = screen.getByRole('button', { name: /重新提交/ });

    fireEvent.click(resubmit);
    const field = await screen.findByTestId('field-reporterPhone', undefined, SLOW);
    await waitFor(() => expect(within(field).getByText('"填报人电话" 不是有效的手机或座机号码')).toBeTruthy(), SLOW);
    const submits = () => server.calls.filter((c) => c.path === 'tasks.submit').map((c) => c.input as SubmitInput);
    expect(submits()[0]).toMatchObject({ taskId: TASK_ID, data: answers });
    expect(submits()[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    // The same answers again are the same submission; changed answers are a new one.
    fireEvent.click(screen.getByRole('button', { name: /重新提交/ }));
    await waitFor(() => expect(submits()).toHaveLength(2), SLOW);
    expect(submits()[1]!.idempotencyKey).toBe(submits()[0]!.idempotencyKey);
    fireEvent.change(document.getElementById('field-reporterPhone')!, { target: { value: '13900139000' } });
    fireEvent.click(screen.getByRole('button', { name: /重新提交/ }));
    await waitFor(() => expect(submits()).toHaveLength(3), SLOW);
    expect(submits()[2]!.idempotencyKey).not.toBe(submits()[0]!.idempotencyKey);
    expect(submits()[2]!.data.reporterPhone).toBe('13900139000');
  });

  it('still shows the comment, and offers to resubmit, once the returned report has gone past its due time', async () => {
    handlers['tasks.get'] = () => ok({ ...task, state: 'overdue', snapshot: { value: 'overdue', context: { lastComment: '排查户数与人数不符' } } });
    render(
      <Providers>
        <App />
      </Providers>,
    );
    expect((await screen.findByTestId('returned-comment', undefined, SLOW)).textContent).toContain('排查户数与人数不符');
    expect(screen.getByRole('button', { name: /重新提交/ })).toBeTruthy();
  });

  it('shows no comment on a report overdue before it was ever submitted', async () => {
    handlers['tasks.get'] = () => ok({ ...task, state: 'overdue', snapshot: { value: 'overdue', context: { lastComment: null } }, submissions: [] });
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await screen.findByRole('button', { name: /提\s*交/ }, SLOW);
    expect(screen.queryByTestId('returned-comment')).toBeNull();
    expect(screen.queryByRole('button', { name: /重新提交/ })).toBeNull();
  });
});
