import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';
import { answers, communityAdmin, gridWorker, principalAt, reportTask, submission, TASK_ID, SLOW } from './testing/taskFixtures';

function open(principal: unknown, state = 'submitted') {
  let task = reportTask(state, { submissions: [submission(answers)] });
  const server = fakeServer({
    'auth.me': () => ok(principal),
    'notifications.unreadCount': () => ok(0),
    'tasks.get': () => ok(task),
    'tasks.mine': () => ok([]),
    'tasks.return': (input) => {
      task = reportTask('returned', { submissions: [submission(answers)], snapshot: { value: 'returned', context: { lastComment: (input as { comment: string }).comment } } });
      return ok({ ok: true });
    },
    'tasks.accept': () => {
      task = reportTask('accepted', { submissions: [submission(answers)] });
      return ok({ ok: true });
    },
  });
  vi.stubGlobal('fetch', server.fetch);
  window.history.replaceState(null, '', `/tasks/${TASK_ID}`);
  localStorage.clear();
  render(
    <Providers>
      <App />
    </Providers>,
  );
  return server;
}

const answersShown = async () => expect(((await screen.findByTestId('field-householdsScreened', undefined, SLOW)).querySelector('input') as HTMLInputElement).value).toBe('30');

describe('review by the level above', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets the community admin read the answers and return the report only with a comment', async () => {
    const server = open(communityAdmin);
    await answersShown();
    expect((document.getElementById('field-householdsScreened') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /提\s*交/ })).toBeNull();
    const review = screen.getByTestId('review-actions');
    fireEvent.click(within(review).getByRole('button', { name: /退\s*回/ }));
    const dialog = await screen.findByRole('dialog', undefined, SLOW);
    fireEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    expect(await within(dialog).findByText('请填写退回意见', undefined, SLOW)).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'tasks.return')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('退回意见'), { target: { value: '  排查户数与网格台账不符  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    await waitFor(() => expect(server.calls.find((c) => c.path === 'tasks.return')?.input).toEqual({ taskId: TASK_ID, comment: '排查户数与网格台账不符' }), SLOW);
    expect((await screen.findByTestId('returned-comment', undefined, SLOW)).textContent).toContain('排查户数与网格台账不符');
    expect(screen.queryByTestId('review-actions')).toBeNull();
  });

  it('lets a district admin accept after confirming', async () => {
    const server = open(principalAt('admin', '51/5101/510104', 'jinjiang-admin'));
    await answersShown();
    fireEvent.click(within(screen.getByTestId('review-actions')).getByRole('button', { name: /审核通过/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }, SLOW));
    await waitFor(() => expect(server.calls.find((c) => c.path === 'tasks.accept')?.input).toEqual({ taskId: TASK_ID }), SLOW);
    await waitFor(() => expect(screen.queryByTestId('review-actions')).toBeNull(), SLOW);
  });

  it('shows no review actions to the grid’s worker, to an admin of the grid itself, or to an auditor', async () => {
    for (const principal of [gridWorker, principalAt('admin', gridWorker.grants[0]!.path, 'grid-admin'), principalAt('auditor', '51/5101/510104', 'auditor')]) {
      open(principal);
      await answersShown();
      expect(screen.queryByTestId('review-actions')).toBeNull();
      expect(screen.queryByRole('button', { name: /审核通过/ })).toBeNull();
      vi.unstubAllGlobals();
      cleanup();
    }
  });
});
