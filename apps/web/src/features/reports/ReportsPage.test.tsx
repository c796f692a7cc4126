import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';
import { countyRollup } from './rollupFixture';

const COUNTY = countyRollup.unit.id;
const TOWNSHIP = countyRollup.children[0]!.unitId;
const DIRECTIVE = '00000000-0000-4000-8000-0000000000d1';
const principal = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: COUNTY, path: '51/5101/510104', level: 'county' }] };
const catalog = [
  {
    stageId: 'daily-report',
    formVersionId: 'f1',
    formKey: 'daily-epidemic-report',
    formVersion: 1,
    name: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
    formTitle: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
    level: 'grid',
    period: 'daily',
    periods: [
      { periodKey: '2026-03-23', dueAt: '2026-03-23T12:00:00.000Z', tasks: 6 },
      { periodKey: '2026-03-22', dueAt: '2026-03-22T12:00:00.000Z', tasks: 6 },
    ],
  },
];
const townshipRollup = {
  ...countyRollup,
  unit: { id: TOWNSHIP, name: '锦官驿街道', level: 'township', code: '510104017', path: '51/5101/510104/510104017' },
  ancestors: [...countyRollup.ancestors, { id: TOWNSHIP, name: '锦官驿街道', level: 'township' }],
  ...countyRollup.children[0]!,
  children: [
    { unitId: '00000000-0000-4000-8000-000000000171', code: '510104017001', name: '水井坊社区', level: 'village', expected: 3, received: 2, late: 1, missing: 1, returned: 0, aggregates: { householdsScreened: 30 } },
    { unitId: '00000000-0000-4000-8000-000000000172', code: '510104017002', name: '崇德里社区', level: 'village', expected: 1, received: 1, late: 0, missing: 0, returned: 0, aggregates: { householdsScreened: 15 } },
  ],
};

type RollupInput = { directiveId: string; stageId: string; periodKey: string; unitId: string };

describe('the roll-up screen', () => {
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'directives.list': () => ok([{ id: DIRECTIVE, title: '五级联防联控通知', deadline: '2026-03-29T01:00:00.000Z', issuedAt: '2026-03-22T01:00:00.000Z', state: 'issued', issuingUnitName: '锦江区' }]),
      'orgUnits.roots': () => ok([{ id: COUNTY, name: '锦江区', code: '510104', level: 'county', path: '51/5101/510104', depth: 2, parentId: null, createdAt: '2026-01-01T00:00:00.000Z' }]),
      'reports.catalog': () => ok(catalog),
      'reports.rollup': (input) => ok((input as RollupInput).unitId === TOWNSHIP ? townshipRollup : countyRollup),
      'reports.trend': () => ok({ fields: countyRollup.fields, points: [] }),
    });
    vi.stubGlobal('fetch', server.fetch);
    window.history.replaceState(null, '', `/reports?directive=${DIRECTIVE}`);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  const rollupCalls = () => server.calls.filter((c) => c.path === 'reports.rollup').map((c) => c.input as RollupInput);

  it('opens the newest period of the admin’s own unit, highlights the units missing reports, drills down and climbs back', async () => {
    render(
      <Providers>
        <App />
      </Providers>,
    );
    // The first render of the whole shell in jsdom is slow on a busy machine.
    const rows = await screen.findAllByTestId('rollup-child', {}, { timeout: 20_000 });
    expect(rows.map((r) => [r.getAttribute('data-code'), r.getAttribute('data-standing')])).toEqual([
      ['510104017', 'missing'],
      ['510104018', 'complete'],
    ]);
    expect(rollupCalls()[0]).toEqual({ directiveId: DIRECTIVE, stageId: 'daily-report', periodKey: '2026-03-23', unitId: COUNTY });
    expect(within(screen.getByTestId('aggregate-householdsScreened')).getByTestId('aggregate-value').textContent).toBe('75');
    expect(screen.getAllByTestId('missing-unit').map((m) => m.textContent)).toEqual(['水井坊社区第3网格510104017001003']);

    fireEvent.click(screen.getByRole('button', { name: '下钻到锦官驿街道' }));
    await waitFor(() => expect(screen.getAllByTestId('rollup-child').map((r) => r.getAttribute('data-code'))).toEqual(['510104017001', '510104017002']));
    expect(rollupCalls().at(-1)).toMatchObject({ unitId: TOWNSHIP, periodKey: '2026-03-23' });
    expect(window.location.search).toContain(`unit=${TOWNSHIP}`);
    const crumbs = screen.getByRole('navigation', { name: '层级导航' });
    expect(within(crumbs).getByText('锦官驿街道').getAttribute('aria-current')).toBe('page');

    fireEvent.click(within(crumbs).getByRole('link', { name: '锦江区' }));
    await waitFor(() => expect(screen.getAllByTestId('rollup-child').map((r) => r.getAttribute('data-code'))).toEqual(['510104017', '510104018']));
    expect(window.location.search).toContain(`unit=${COUNTY}`);
  });

  it('asks for another period’s roll-up when the period changes', async () => {
    window.history.replaceState(null, '', `/reports?directive=${DIRECTIVE}&period=2026-03-22`);
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await screen.findAllByTestId('rollup-child', {}, { timeout: 20_000 });
    expect(rollupCalls()[0]).toMatchObject({ periodKey: '2026-03-22', unitId: COUNTY });
    expect(await screen.findByText('暂无多个周期的数据')).toBeTruthy();
  });
});
