import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, ok, refused } from '../test/fakeServer';
import { App } from './App';
import { Providers } from './Providers';

const principal = { userId: 'u1', username: 'grid-shuijingfang-1', displayName: '网格员 张敏', grants: [{ role: 'grid_staff', orgUnitId: 'g1', path: '51/5101', level: 'grid' }] };

function server() {
  let signedIn = false;
  const authed = (reply: () => ReturnType<typeof ok>) => () => (signedIn ? reply() : refused(401, 'UNAUTHORIZED', '请先登录 / sign in first'));
  return fakeServer({
    'auth.login': (input) => {
      if ((input as { password: string }).password !== 'cascade-demo-2026') {
        return refused(403, 'FORBIDDEN', 'password [credentials]: 用户名或密码错误 / wrong username or password', [{ path: 'password', rule: 'credentials', message: { zh: '用户名或密码错误', en: 'wrong username or password' } }]);
      }
      signedIn = true;
      return ok({ token: 't', expiresAt: '2026-03-23T00:00:00Z' });
    },
    'auth.me': authed(() => ok(principal)),
    'notifications.unreadCount': authed(() => ok(3)),
  });
}

const renderApp = () =>
  render(
    <Providers>
      <App />
    </Providers>,
  );

describe('the app shell', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', server().fetch);
    window.history.replaceState(null, '', '/');
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks to sign in, shows the server’s refusal, then shows the grid worker’s navigation', async () => {
    renderApp();
    const username = await screen.findByLabelText('用户名');
    fireEvent.change(username, { target: { value: 'grid-shuijingfang-1' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-password' } });
    fireEvent.submit(username.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('用户名或密码错误');

    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'cascade-demo-2026' } });
    fireEvent.submit(username.closest('form')!);
    expect(await screen.findByText(/网格员 张敏/)).toBeTruthy();
    expect(screen.getAllByRole('button').some((b) => /我的任务/.test(b.textContent ?? ''))).toBe(true);
    expect(await screen.findByText('3')).toBeTruthy();
  });

  it('switches the shell to English and remembers the choice', async () => {
    renderApp();
    await screen.findByLabelText('用户名');
    fireEvent.click(within(screen.getByLabelText('语言')).getByText('English'));
    expect(await screen.findByLabelText('Username')).toBeTruthy();
    expect(localStorage.getItem('cascade.lang')).toBe('en');
  });
});
