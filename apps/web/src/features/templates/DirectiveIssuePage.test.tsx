import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fiveLevelScreeningTemplate, templateDefinitionSchema } from '@cascade/workflow';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused, type Reply } from '../../test/fakeServer';

const COUNTY = '51/5101/510104';
const TEMPLATE_ID = 'aa1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const principal = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: 'county', path: COUNTY, level: 'county' }] };
const template = { id: TEMPLATE_ID, key: 'five-level-screening', version: 1, definition: templateDefinitionSchema.parse(fiveLevelScreeningTemplate), publishedAt: '2026-03-01T00:00:00.000Z', derivedFromId: null, ownerUnitId: 'county', ownerName: '锦江区' };
const recipients = { level: 'township', total: 11, units: [{ id: 't1', name: '锦官驿街道', code: '510104017', path: `${COUNTY}/510104017` }, { id: 't2', name: '东湖街道', code: '510104018', path: `${COUNTY}/510104018` }] };

type IssueInput = { templateVersionId: string; issuingUnitId: string; title: string; body: string; requirements: string[]; deadline: string };

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(
    <Providers>
      <App />
    </Providers>,
  );
}

describe('issuing a directive', () => {
  let server: ReturnType<typeof fakeServer>;
  let issue: () => Reply;
  beforeEach(() => {
    issue = () => refused(400, 'BAD_REQUEST', 'deadline [future]', [{ path: 'deadline', rule: 'future', message: { zh: '截止时间必须晚于现在', en: 'deadline must be in the future' } }]);
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'orgUnits.roots': () => ok([{ id: 'county', name: '锦江区', code: '510104', level: 'county', path: COUNTY }]),
      'templates.list': () => ok([template, { ...template, id: 'draft', version: 2, publishedAt: null }]),
      'templates.recipients': () => ok(recipients),
      'directives.issue': () => issue(),
      'directives.list': () => ok([]),
    });
    vi.stubGlobal('fetch', server.fetch);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows who will receive it, sends what was entered, puts a refusal at its field, and opens the directive once issued', async () => {
    renderAt(`/directives/new?template=${TEMPLATE_ID}`);
    const who = await screen.findByTestId('recipients');
    expect(who.textContent).toContain('将下发至 11 个乡镇(街道)单位');
    expect(within(who).getByText('锦官驿街道')).toBeTruthy();
    expect(within(who).getByText('等共 9 个')).toBeTruthy();
    expect(server.calls.find((c) => c.path === 'templates.recipients')?.input).toEqual({ templateVersionId: TEMPLATE_ID, issuingUnitId: 'county' });

    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '关于开展敲门行动的通知' } });
    fireEvent.change(screen.getByLabelText('正文'), { target: { value: '全面开展敲门行动' } });
    fireEvent.change(screen.getByRole('textbox', { name: '要求 1' }), { target: { value: '不漏一户' } });
    fireEvent.click(screen.getByRole('button', { name: /添加要求/ }));
    const deadline = screen.getByLabelText('截止时间');
    fireEvent.mouseDown(deadline);
    fireEvent.change(deadline, { target: { value: '2099-05-01 18:00' } });
    fireEvent.keyDown(deadline, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect((deadline as HTMLInputElement).value).toBe('2099-05-01 18:00'));

    fireEvent.click(screen.getByRole('button', { name: /下\s*发$/ }));
    const deadlineItem = deadline.closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(deadlineItem).getByText('截止时间必须晚于现在')).toBeTruthy());
    const sent = server.calls.filter((c) => c.path === 'directives.issue').map((c) => c.input as IssueInput);
    expect(sent).toHaveLength(1);
    // The empty second requirement is left out; the deadline goes as an instant.
    expect(sent[0]).toMatchObject({ templateVersionId: TEMPLATE_ID, issuingUnitId: 'county', title: '关于开展敲门行动的通知', body: '全面开展敲门行动', requirements: ['不漏一户'] });
    expect(new Date(sent[0]!.deadline).getFullYear()).toBe(2099);

    issue = () => ok({ directiveId: 'bb1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f' });
    fireEvent.click(screen.getByRole('button', { name: /下\s*发$/ }));
    await waitFor(() => expect(window.location.pathname).toBe('/directives/bb1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f'));
  });

  it('refuses to send without a title, body or deadline, naming each field', async () => {
    renderAt(`/directives/new?template=${TEMPLATE_ID}`);
    await screen.findByTestId('recipients');
    fireEvent.click(screen.getByRole('button', { name: /下\s*发$/ }));
    await screen.findByText('请填写标题');
    expect(screen.getByText('请填写正文')).toBeTruthy();
    expect(screen.getByText('请选择截止时间')).toBeTruthy();
    expect(server.calls.some((c) => c.path === 'directives.issue')).toBe(false);
  });

  it('says so when the template asked for cannot be issued here, offering the published ones', async () => {
    renderAt('/directives/new?template=draft');
    await screen.findByText('所选模板未发布,或不能由您的单位下发;请从下列模板中选择');
    expect(screen.queryByTestId('recipients')).toBeNull();
  });
});
