import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused, type Handler } from '../../test/fakeServer';

const T = '51/5101/510104/510104017';
const unit = (id: string, code: string, name: string, level: string, path: string, childCount?: number) => ({ id, code, name, level, path, depth: path.split('/').length - 1, parentId: null, createdAt: '2026-03-01T00:00:00Z', ...(childCount === undefined ? {} : { childCount }) });
const township = unit('00000000-0000-4000-8000-000000000001', '510104017', '锦官驿街道', 'township', T);
const community = unit('00000000-0000-4000-8000-000000000002', '510104017001', '水井坊社区', 'village', `${T}/510104017001`, 3);
const grid = unit('00000000-0000-4000-8000-000000000003', '510104017001001', '水井坊社区第1网格', 'grid', `${community.path}/510104017001001`, 2);
const household = unit('00000000-0000-4000-8000-000000000004', '5101040170010010001', '1号院1单元101', 'household', `${grid.path}/5101040170010010001`, 0);

const me = { userId: 'admin-1', username: 'jinguanyi-admin', displayName: '锦官驿街道 陈书记', grants: [{ role: 'admin', orgUnitId: township.id, path: T, level: 'township' }] };
const grant = (grantId: string, userId: string, displayName: string, role: string, u: typeof township) => ({ grantId, role, userId, username: `user-${userId}`, displayName, unit: { id: u.id, name: u.name, level: u.level, path: u.path } });
const people = [grant('g-own', 'admin-1', '锦官驿街道 陈书记', 'admin', township), grant('g-worker', 'w-1', '网格员 张敏', 'grid_staff', grid)];

function handlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  const byId = new Map([township, community, grid, household].map((u) => [u.id, u]));
  return {
    'auth.me': () => ok(me),
    'notifications.unreadCount': () => ok(0),
    'mobilize.mine': () => ok([]),
    'orgUnits.roots': () => ok([township]),
    'orgUnits.children': (input) => {
      const id = (input as { id: string }).id;
      return ok(id === township.id ? [community] : id === community.id ? [grid] : id === grid.id ? [household] : []);
    },
    'orgUnits.get': (input) => ok(byId.get((input as { id: string }).id)),
    'orgUnits.ancestors': (input) => {
      const target = byId.get((input as { id: string }).id)!;
      return ok([township, community, grid, household].filter((u) => target.path === u.path || target.path.startsWith(`${u.path}/`)));
    },
    'orgUnits.search': (input) => ok((input as { query: string }).query === '第1网格' ? [grid] : []),
    'people.list': (input) => {
      const scope = byId.get((input as { orgUnitId: string }).orgUnitId)!;
      return ok(people.filter((p) => p.unit.path === scope.path || p.unit.path.startsWith(`${scope.path}/`)));
    },
    ...extra,
  };
}

/** The first screen of a test waits for the whole app to load; other waits use the default. */
const SLOW = { timeout: 20_000 };

const renderAt = (path: string, server: ReturnType<typeof fakeServer>) => {
  vi.stubGlobal('fetch', server.fetch);
  window.history.replaceState(null, '', path);
  return render(
    <Providers>
      <App />
    </Providers>,
  );
};

describe('the org screen', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('starts the tree at the admin’s unit, opens children on demand, and opens a search hit in the tree with its people', async () => {
    const server = fakeServer(handlers());
    renderAt('/org', server);
    const tree = await screen.findByRole('tree', { name: '组织架构' }, SLOW);
    expect(await within(tree.parentElement!).findByText('锦官驿街道')).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'orgUnits.children')).toBe(false);

    fireEvent.change(screen.getByLabelText('按名称或代码查找单位'), { target: { value: '第1网格' } });
    fireEvent.keyDown(screen.getByLabelText('按名称或代码查找单位'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    const hit = await screen.findByTestId('org-search-hit');
    expect(within(hit).getByText('网格')).toBeTruthy();
    fireEvent.click(within(hit).getByRole('button', { name: '水井坊社区第1网格' }));

    expect((await screen.findByTestId('unit-title')).textContent).toBe('水井坊社区第1网格');
    // The way down was loaded so the grid shows in the tree under its community.
    await waitFor(() => expect(server.calls.filter((c) => c.path === 'orgUnits.children').map((c) => (c.input as { id: string }).id)).toEqual(expect.arrayContaining([township.id, community.id])));
    expect(await within(tree.parentElement!).findByText('水井坊社区第1网格')).toBeTruthy();
    expect(await screen.findByText('网格员 张敏')).toBeTruthy();
    expect(screen.queryByText('锦官驿街道 陈书记')).toBeNull();
    fireEvent.click(screen.getByText('仅本单位'));
    expect(await screen.findByText('网格员 张敏')).toBeTruthy();
  });

  it('offers revoking others’ roles with confirmation, never the admin’s own', async () => {
    const server = fakeServer(handlers({ 'people.revoke': () => ok({ ok: true }) }));
    renderAt(`/org/${township.id}`, server);
    // Role queries walk antd's large DOM slowly on a busy machine: labels find the same buttons faster.
    const revoke = await screen.findByLabelText('撤销 网格员 张敏', {}, SLOW);
    expect(revoke.tagName).toBe('BUTTON');
    expect(screen.queryByLabelText('撤销 锦官驿街道 陈书记')).toBeNull();
    expect(screen.getByText('本人的角色需由上级管理员撤销')).toBeTruthy();

    fireEvent.click(revoke);
    expect(server.calls.some((c) => c.path === 'people.revoke')).toBe(false);
    const confirm = await screen.findByRole('tooltip');
    expect(confirm.textContent).toContain('撤销 网格员 张敏 在 水井坊社区第1网格 的"网格员"角色?');
    fireEvent.click(within(confirm).getByRole('button', { name: /撤\s*销/ }));
    await waitFor(() => expect(server.calls.filter((c) => c.path === 'people.revoke').map((c) => c.input)).toEqual([{ grantId: 'g-worker' }]));
  });

  it('shows no people actions on a household, where no one holds a role', async () => {
    renderAt(`/org/${household.id}`, fakeServer(handlers()));
    expect(await screen.findByText('住户不设角色;请在网格或更高层级授权', {}, SLOW)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /添加人员/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /授予角色/ })).toBeNull();
  });

  it('creates a person with a first role, and shows the server’s refusal at the field it names', async () => {
    const server = fakeServer(
      handlers({
        'people.create': () => refused(400, 'BAD_REQUEST', 'username [unique]: …', [{ path: 'username', rule: 'unique', message: { zh: '用户名 zhang-min 已存在', en: 'username zhang-min is taken' } }]),
      }),
    );
    renderAt(`/org/${grid.id}`, server);
    fireEvent.click(await screen.findByText('添加人员', {}, SLOW));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('用户名'), { target: { value: 'zhang-min' } });
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '网格员 张敏' } });
    fireEvent.change(within(dialog).getByLabelText('初始密码'), { target: { value: 'first-password' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /创\s*建/ }));
    expect(await within(dialog).findByText('用户名 zhang-min 已存在')).toBeTruthy();
    expect(server.calls.filter((c) => c.path === 'people.create').map((c) => c.input)).toEqual([
      { username: 'zhang-min', displayName: '网格员 张敏', password: 'first-password', role: 'grid_staff', orgUnitId: grid.id },
    ]);
  });
});

describe('mobilisation', () => {
  const directive = { id: '00000000-0000-4000-8000-0000000000d1', title: '五级联防联控:敲门排查', deadline: '2026-03-29T00:00:00Z', issuedAt: '2026-03-22T00:00:00Z', state: 'issued', issuingUnitName: '锦江区' };
  const assignment = (id: string, name: string, u: typeof township, registration: { id: string; state: string } | null, releasedAt: string | null = null) => ({
    id,
    directiveId: directive.id,
    directiveTitle: directive.title,
    assignedAt: '2026-03-22T02:00:00Z',
    releasedAt,
    person: { id: `p-${id}`, username: `user-${id}`, displayName: name },
    assignedBy: { id: 'admin-1', displayName: '锦官驿街道 陈书记' },
    unit: { id: u.id, name: u.name, code: u.code, level: u.level, path: u.path },
    registration,
  });
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('lists assignments with their registration state, releases a registered cadre and withdraws a 包户 after confirmation, and shows coverage', async () => {
    const server = fakeServer(
      handlers({
        'directives.list': () => ok([directive]),
        'mobilize.options': () => ok({ levels: ['grid', 'household'], registrationLevel: null }),
        'mobilize.list': () =>
          ok([
            assignment('a1', '下沉干部 甲', grid, { id: 'r1', state: 'registered' }),
            assignment('a2', '党员 乙', household, null),
            assignment('a3', '党员 丙', household, null, '2026-03-22T05:00:00Z'),
          ]),
        'mobilize.coverage': () => ok([{ id: grid.id, name: grid.name, code: grid.code, path: grid.path, households: 2, covered: 1 }]),
        'mobilize.release': () => ok({ ok: true }),
        'mobilize.unassign': () => ok({ assignmentId: 'a2', registrationId: null }),
      }),
    );
    renderAt(`/org/${grid.id}`, server);
    fireEvent.click(await screen.findByText('动员与包联', {}, SLOW));
    const rows = await screen.findAllByTestId('assignment-row');
    expect(rows.map((r) => r.querySelector('[data-status]')?.getAttribute('data-status'))).toEqual(['registered', 'active', 'released']);
    expect(within(rows[2]!).queryByRole('button')).toBeNull();
    expect((await screen.findByTestId('coverage-total')).textContent).toBe('合计 1/2 户');
    expect(screen.getByText('可分配到:网格、户')).toBeTruthy();

    fireEvent.click(within(rows[0]!).getByRole('button', { name: '结束下沉' }));
    fireEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '结束下沉' }));
    await waitFor(() => expect(server.calls.filter((c) => c.path === 'mobilize.release').map((c) => c.input)).toEqual([{ registrationId: 'r1' }]));

    fireEvent.click(within(rows[1]!).getByRole('button', { name: '撤销分配' }));
    const confirm = (await screen.findAllByRole('tooltip')).find((el) => el.textContent?.includes('党员 乙'))!;
    fireEvent.click(within(confirm).getByRole('button', { name: '撤销分配' }));
    await waitFor(() => expect(server.calls.filter((c) => c.path === 'mobilize.unassign').map((c) => c.input)).toEqual([{ assignmentId: 'a2' }]));
  });

  it('lets the assigned person register (报到) from their own screen', async () => {
    let state = 'assigned';
    const mine = () => ok([{ ...assignment('a1', '锦官驿街道 陈书记', community, { id: 'r1', state }), person: { id: 'admin-1', username: 'jinguanyi-admin', displayName: '锦官驿街道 陈书记' } }]);
    const server = fakeServer(
      handlers({
        'mobilize.mine': mine,
        'mobilize.register': () => ((state = 'registered'), ok({ ok: true })),
      }),
    );
    renderAt('/assignments', server);
    const item = await screen.findByTestId('my-assignment', {}, SLOW);
    expect(within(item).getByText('待报到')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: /报\s*到/ }));
    await waitFor(() => expect(within(screen.getByTestId('my-assignment')).getByText('已报到')).toBeTruthy());
    expect(server.calls.filter((c) => c.path === 'mobilize.register').map((c) => c.input)).toEqual([{ registrationId: 'r1' }]);
    expect(within(screen.getByTestId('my-assignment')).queryByRole('button', { name: /报\s*到/ })).toBeNull();
  });
});
