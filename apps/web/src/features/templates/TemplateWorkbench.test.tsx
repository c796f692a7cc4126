import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyReportForm, screeningForm } from '@cascade/forms';
import { compileTemplate, describeMachine, fiveLevelScreeningTemplate, templateDefinitionSchema } from '@cascade/workflow';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused } from '../../test/fakeServer';

const COUNTY = '51/5101/510104';
const DRAFT_ID = '7a1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const principal = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: 'county', path: COUNTY, level: 'county' }] };
const published = (form: { key: string }, id: string) => ({ id, key: form.key, version: 1, definition: form, publishedAt: '2026-03-01T00:00:00.000Z', ownerUnitId: 'county', ownerName: '锦江区' });
const definition = templateDefinitionSchema.parse(fiveLevelScreeningTemplate);
const machines = Object.fromEntries([...compileTemplate(definition).machines].map(([k, m]) => [k, describeMachine(m)]));

function draft(def: unknown) {
  return { id: DRAFT_ID, key: 'five-level-screening', version: 2, definition: def, publishedAt: null, derivedFromId: null, ownerUnitId: 'county', createdBy: 'u1', createdAt: '2026-03-20T00:00:00.000Z', owner: { id: 'county', name: '锦江区', level: 'county', path: COUNTY }, machines };
}

type SaveInput = { ownerUnitId: string; definition: { key: string; stages: { report: Array<{ startsOn: string }> } }; derivedFromId: string | null };

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(
    <Providers>
      <App />
    </Providers>,
  );
}

/** The antd form item holding the input with this id. */
const item = (id: string) => document.getElementById(id)!.closest('.ant-form-item') as HTMLElement;
/** Whether the item shows an error now (its leaving message lingers in jsdom, which ends no transitions). */
const inError = (id: string) => item(id).classList.contains('ant-form-item-has-error');

// React Flow measures its canvas; jsdom has no ResizeObserver.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

describe('the template editor', () => {
  let server: ReturnType<typeof fakeServer>;
  let stored: unknown;
  beforeEach(() => {
    stored = { ...fiveLevelScreeningTemplate, stages: { ...fiveLevelScreeningTemplate.stages, report: [{ ...fiveLevelScreeningTemplate.stages.report?.[0], startsOn: 'amended' }] } };
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'orgUnits.roots': () => ok([{ id: 'county', name: '锦江区', code: '510104', level: 'county', path: COUNTY }]),
      'templates.get': () => ok(draft(stored)),
      'forms.list': () => ok([published(dailyReportForm, 'f1'), published(screeningForm, 'f2')]),
      'templates.saveDraft': () =>
        refused(400, 'BAD_REQUEST', 'definition.key [unique]', [{ path: 'definition.key', rule: 'unique', message: { zh: '模板编号 five-level-screening 已被其他单位使用', en: 'template key five-level-screening belongs to another unit' } }]),
    });
    vi.stubGlobal('fetch', server.fetch);
    vi.stubGlobal('ResizeObserver', NoResizeObserver);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks a stored draft as it loads and puts each problem at its input; fixing it clears it and draws the machines', async () => {
    renderAt(`/templates/${DRAFT_ID}`);
    await screen.findByText('第 2 版');
    // Grids cannot amend under this template, so a report starting on "amended" can never start.
    const startsOn = item('template_stages_report_0_startsOn');
    await waitFor(() => expect(within(startsOn).getByText(/永远不会进入"amended"状态/)).toBeTruthy());
    expect(screen.getByTestId('template-check').textContent).toBe('1 处问题');
    expect(screen.getByText('模板校验通过后显示状态图')).toBeTruthy();
    expect((screen.getByRole('button', { name: /发布模板/ }) as HTMLButtonElement).disabled).toBe(true);

    // Letting grids amend makes the stage reachable: the message goes and the diagram appears.
    const gridCanAmend = within(screen.getByTestId('issue-level-grid')).getAllByRole('switch')[0]!;
    fireEvent.click(gridCanAmend);
    await waitFor(() => expect(screen.getByTestId('template-check').textContent).toBe('校验通过'));
    expect(inError('template_stages_report_0_startsOn')).toBe(false);
    await screen.findByTestId('machine-picker');
  });

  it('shows a malformed key once it is touched, and a server refusal at its input until the input changes', async () => {
    stored = fiveLevelScreeningTemplate;
    renderAt(`/templates/${DRAFT_ID}`);
    await screen.findByText('第 2 版');
    const key = document.getElementById('template_key') as HTMLInputElement;
    fireEvent.change(key, { target: { value: 'Five Level' } });
    await waitFor(() => expect(within(item('template_key')).getByText(/必须满足正则表达式/)).toBeTruthy());
    fireEvent.change(key, { target: { value: 'five-level-screening' } });
    await waitFor(() => expect(inError('template_key')).toBe(false));

    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(within(item('template_key')).getByText('模板编号 five-level-screening 已被其他单位使用')).toBeTruthy());
    const saved = server.calls.filter((c) => c.path === 'templates.saveDraft').map((c) => c.input as SaveInput);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ ownerUnitId: 'county', derivedFromId: null, definition: { key: 'five-level-screening' } });
    expect(templateDefinitionSchema.parse(saved[0]!.definition)).toEqual(definition);

    fireEvent.change(key, { target: { value: 'five-level-screening-2' } });
    await waitFor(() => expect(inError('template_key')).toBe(false));
  });

  it('reorders the chain with buttons and names the level out of order', async () => {
    stored = fiveLevelScreeningTemplate;
    renderAt(`/templates/${DRAFT_ID}`);
    await screen.findByText('第 2 版');
    fireEvent.click(screen.getByRole('button', { name: '上移 村(社区)' }));
    const row = await screen.findByTestId('chain-township');
    await waitFor(() => expect(within(row).getByRole('alert').textContent).toContain('层级"乡镇(街道)"必须低于"村(社区)"'));
    expect(within(screen.getByTestId('chain-editor')).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['chain-county', 'chain-village', 'chain-township', 'chain-grid']);
  });

  it('does not save a template the browser already finds wrong', async () => {
    renderAt(`/templates/${DRAFT_ID}`);
    await screen.findByText('第 2 版');
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await screen.findByText('请先改正标红的字段');
    expect(server.calls.some((c) => c.path === 'templates.saveDraft')).toBe(false);
  });

  it('derives a township’s own chain from the county’s published template and saves it naming its parent', async () => {
    const township = { ...principal, grants: [{ role: 'admin', orgUnitId: 'town', path: `${COUNTY}/510104017`, level: 'township' }] };
    const parentId = 'cc1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
    const parent = { ...draft(definition), id: parentId, version: 1, publishedAt: '2026-03-01T00:00:00.000Z' };
    let saved: SaveInput | undefined;
    server = fakeServer({
      'auth.me': () => ok(township),
      'notifications.unreadCount': () => ok(0),
      'orgUnits.roots': () => ok([{ id: 'town', name: '锦官驿街道', code: '510104017', level: 'township', path: `${COUNTY}/510104017` }]),
      'templates.get': () => ok(parent),
      'forms.list': () => ok([published(dailyReportForm, 'f1'), published(screeningForm, 'f2')]),
      'templates.saveDraft': (input) => {
        saved = input as SaveInput;
        return ok({ id: DRAFT_ID, version: 1 });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    renderAt(`/templates/new?unit=town&from=${parentId}&mode=derive`);
    await screen.findByText('派生模板');
    expect((document.getElementById('template_key') as HTMLInputElement).value).toBe('five-level-screening-510104017');
    expect(within(screen.getByTestId('chain-editor')).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['chain-township', 'chain-village', 'chain-grid']);
    await waitFor(() => expect(screen.getByTestId('template-check').textContent).toBe('校验通过'));

    // Loosening the parent's deadline is named at the input, against the parent's limit.
    const ack = document.getElementById('template_stages_issue_levels_village_acknowledgeWithinHours') as HTMLInputElement;
    fireEvent.change(ack, { target: { value: '8' } });
    await waitFor(() => expect(within(item('template_stages_issue_levels_village_acknowledgeWithinHours')).getByText('时限不得宽于上级模板的 4 小时')).toBeTruthy());
    fireEvent.change(ack, { target: { value: '2' } });
    await waitFor(() => expect(screen.getByTestId('template-check').textContent).toBe('校验通过'));
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(saved).toBeDefined());
    expect(saved).toMatchObject({ ownerUnitId: 'town', derivedFromId: parentId, definition: { key: 'five-level-screening-510104017', chain: ['township', 'village', 'grid'] } });
  });
});
