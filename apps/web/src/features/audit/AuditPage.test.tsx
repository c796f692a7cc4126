import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';

const DIRECTIVE = 'd0000000-0000-4000-8000-000000000001';
const principal = { userId: 'u-auditor', username: 'jinjiang-auditor', displayName: '锦江区纪委监委 李审计', grants: [{ role: 'auditor', orgUnitId: 'district', path: '51/5101/510104', level: 'county' }] };
const directive = { id: DIRECTIVE, title: '五级联防联控:敲门排查与每日报告', deadline: '2026-03-29T01:00:00.000Z', issuedAt: '2026-03-22T01:00:00.000Z', state: 'issued', issuingUnitName: '锦江区' };
const unit = { id: 'u-jgy', code: '510104017', name: '锦官驿街道', level: 'township', depth: 3, parentId: 'district', path: '51/5101/510104/510104017', createdAt: '2026-03-22T00:00:00.000Z' };
const instance = (n: number) => ({
  id: `a${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`,
  kind: 'receipt',
  machine: 'receipt:village',
  state: 'received',
  events: 1,
  templateVersionId: 'tv',
  directiveId: DIRECTIVE,
  directiveTitle: directive.title,
  createdAt: '2026-03-22T01:00:00.000Z',
  updatedAt: '2026-03-22T01:00:00.000Z',
  unit: { id: `unit-${n}`, name: `第${n}社区`, code: `510104017${String(n).padStart(3, '0')}`, level: 'village', path: '51/5101/510104/510104017/x' },
  stageId: null,
  periodKey: null,
  subjectName: null,
});

type InstancesInput = { directiveId?: string; unitId?: string; kind?: string; page: number; pageSize: number; subtree: boolean };

describe('finding what to audit', () => {
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'directives.list': () => ok([directive]),
      'directives.get': () => ok({ directive: { ...directive, body: '', requirements: [] }, state: 'issued', issuingUnit: { id: 'district', name: '锦江区', path: '51/5101/510104', level: 'county' }, counts: [] }),
      'orgUnits.search': () => ok([unit]),
      'orgUnits.get': () => ok(unit),
      'audit.instances': (input) => {
        const { page, pageSize, kind } = input as InstancesInput;
        const all = Array.from({ length: kind === 'case' ? 0 : 45 }, (_, i) => instance(i + 1));
        return ok({ items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderAt = (path: string) => {
    window.history.replaceState(null, '', path);
    return render(
      <Providers>
        <App />
      </Providers>,
    );
  };
  const instanceCalls = () => server.calls.filter((c) => c.path === 'audit.instances').map((c) => c.input as InstancesInput);

  it('lists directives, and opens one with its instances a page at a time, filtered by kind', async () => {
    renderAt('/audit');
    // The first whole-app render in a test process is slow on a busy machine.
    fireEvent.click(await screen.findByRole('link', { name: directive.title }, { timeout: 20_000 }));
    expect(await screen.findByTestId('audit-directive-title')).toBeTruthy();
    await screen.findByRole('link', { name: '收文 · 第1社区' });
    expect(instanceCalls().at(-1)).toEqual({ directiveId: DIRECTIVE, subtree: false, page: 1, pageSize: 20 });
    // Nothing here writes: verify and export only.
    expect(screen.getByRole('button', { name: /核验整份通知/ })).toBeTruthy();

    // jsdom is phone-sized for antd (no media queries match): the list's pager is the simple one.
    fireEvent.click(document.querySelector('.ant-pagination-next') as HTMLElement);
    await screen.findByRole('link', { name: '收文 · 第21社区' });
    expect(instanceCalls().at(-1)).toMatchObject({ page: 2, pageSize: 20 });

    fireEvent.mouseDown(within(screen.getByText('全部类型').closest('.ant-select') as HTMLElement).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('问责案件'));
    await screen.findByText('没有符合条件的实例');
    expect(instanceCalls().at(-1)).toMatchObject({ kind: 'case', page: 1 });
  }, 90_000);

  it('finds a unit by name and lists its instances, with its subtree when asked', async () => {
    renderAt('/audit');
    const search = await screen.findByLabelText('单位名称或代码', {}, { timeout: 20_000 });
    fireEvent.change(search, { target: { value: '锦官驿' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(await screen.findByRole('link', { name: '锦官驿街道' }));
    await screen.findByRole('link', { name: '收文 · 第1社区' });
    expect(server.calls.find((c) => c.path === 'orgUnits.search')?.input).toMatchObject({ query: '锦官驿' });
    expect(instanceCalls().at(-1)).toEqual({ unitId: 'u-jgy', subtree: false, page: 1, pageSize: 20 });
    fireEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(instanceCalls().at(-1)).toMatchObject({ unitId: 'u-jgy', subtree: true }));
  });

  it('opens an instance by id, refusing what is not one', async () => {
    renderAt('/audit');
    const field = await screen.findByLabelText('实例编号', {}, { timeout: 20_000 });
    fireEvent.change(field, { target: { value: 'not-an-id' } });
    fireEvent.click(screen.getByRole('button', { name: /打\s*开/ }));
    expect(await screen.findByText(/实例编号应为 UUID/)).toBeTruthy();
    expect(window.location.pathname).toBe('/audit');
    fireEvent.change(field, { target: { value: ` ${instance(3).id} ` } });
    fireEvent.click(screen.getByRole('button', { name: /打\s*开/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/audit/instances/${instance(3).id}`));
  });
});
