import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyReportForm } from '@cascade/forms';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok, refused, type Reply } from '../../test/fakeServer';

const COUNTY = '00000000-0000-4000-8000-000000000001';
const TOWNSHIP = '00000000-0000-4000-8000-000000000017';
const DIRECTIVE = '00000000-0000-4000-8000-0000000000d1';
const MISSED_TASK = '00000000-0000-4000-8000-0000000000a1';
const LATE_TASK = '00000000-0000-4000-8000-0000000000a2';
const LATE_SUBMISSION = '00000000-0000-4000-8000-0000000000b2';
const CASE = '00000000-0000-4000-8000-0000000000c1';
const admin = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: COUNTY, path: '51/5101/510104', level: 'county' }] };
const auditor = { ...admin, username: 'jinjiang-auditor', grants: [{ role: 'auditor', orgUnitId: COUNTY, path: '51/5101/510104', level: 'county' }] };
const grid = { id: 'g3', name: '水井坊社区第3网格', code: '510104017001003', level: 'grid' };
const evidence = {
  tasks: [
    { id: MISSED_TASK, kind: 'report', stageId: 'daily-report', periodKey: '2026-03-22', dueAt: '2026-03-22T12:00:00.000Z', formVersionId: 'f1', state: 'overdue', unit: grid, latest: null, late: true },
    {
      id: LATE_TASK,
      kind: 'report',
      stageId: 'daily-report',
      periodKey: '2026-03-21',
      dueAt: '2026-03-21T12:00:00.000Z',
      formVersionId: 'f1',
      state: 'submitted',
      unit: { ...grid, id: 'g2', name: '水井坊社区第2网格' },
      latest: { id: LATE_SUBMISSION, attempt: 1, data: { householdsScreened: 12, anomaly: false }, submittedAt: '2026-03-21T13:30:00.000Z' },
      late: true,
    },
  ],
  forms: [{ id: 'f1', key: 'daily-epidemic-report', version: 1, definition: dailyReportForm }],
};
const subjects = {
  evaluator: { id: COUNTY, name: '锦江区', level: 'county', path: '51/5101/510104' },
  subjectLevel: 'township',
  persons: true,
  outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'],
  evidenceRequiredFor: ['criticise', 'accountable'],
  units: [{ id: TOWNSHIP, name: '锦官驿街道', code: '510104017', level: 'township', path: '51/5101/510104/510104017', receiptState: 'forwarded' }],
  people: [],
};

type RecordInput = { subjectUnitId?: string; outcome: string; comment: string; evidence: Array<{ kind: string; id: string }> };

function serve(principal: unknown, record: (input: unknown) => Reply) {
  return fakeServer({
    'auth.me': () => ok(principal),
    'notifications.unreadCount': () => ok(0),
    'directives.list': () => ok([{ id: DIRECTIVE, title: '五级联防联控通知', deadline: '2026-03-29T01:00:00.000Z', issuedAt: '2026-03-22T01:00:00.000Z', state: 'issued', issuingUnitName: '锦江区' }]),
    'evaluations.subjects': () => ok(subjects),
    'evaluations.evidence': () => ok(evidence),
    'evaluations.list': () => ok([]),
    'cases.list': () => ok([]),
    'evaluations.record': record,
  });
}

async function chooseTownship() {
  const picker = await screen.findByRole('combobox', { name: '考评对象' }, { timeout: 20_000 });
  fireEvent.mouseDown(picker);
  const option = await waitFor(() => {
    const found = document.querySelector('.ant-select-item-option[title="锦官驿街道"]');
    if (!found) throw new Error('no option yet');
    return found;
  });
  fireEvent.click(option);
}

describe('evaluating a township', () => {
  let server: ReturnType<typeof fakeServer>;
  afterEach(() => vi.unstubAllGlobals());
  beforeEach(() => {
    window.history.replaceState(null, '', `/evaluations?directive=${DIRECTIVE}`);
    localStorage.clear();
  });
  const records = () => server.calls.filter((c) => c.path === 'evaluations.record').map((c) => c.input as RecordInput);

  it('records “accountable” with the ticked tasks as evidence and links to the case it opened', async () => {
    server = serve(admin, () => ok({ evaluationId: 'e1', caseId: CASE }));
    vi.stubGlobal('fetch', server.fetch);
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await chooseTownship();
    const rows = await screen.findAllByTestId('evidence-row');
    expect(rows.map((r) => [r.getAttribute('data-state'), r.getAttribute('data-late')])).toEqual([
      ['overdue', 'true'],
      ['submitted', 'true'],
    ]);
    fireEvent.click(screen.getByText('问责追责'));
    // Accountability without evidence is stopped before it reaches the server.
    fireEvent.change(screen.getByLabelText('考评意见'), { target: { value: '  两个网格漏报迟报  ' } });
    fireEvent.click(screen.getByRole('button', { name: '记录考评' }));
    expect(await screen.findByText('需附依据', { selector: '.ant-form-item-explain-error' })).toBeTruthy();
    expect(records()).toEqual([]);

    fireEvent.click(screen.getByRole('checkbox', { name: '水井坊社区第3网格 2026-03-22' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '水井坊社区第2网格 2026-03-21' }));
    expect(screen.getByText('已选 2 项依据')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '记录考评' }));
    await waitFor(() => expect(records()).toHaveLength(1));
    expect(records()[0]).toEqual({
      directiveId: DIRECTIVE,
      evaluatorUnitId: COUNTY,
      subjectUnitId: TOWNSHIP,
      outcome: 'accountable',
      comment: '两个网格漏报迟报',
      evidence: [
        { kind: 'task', id: MISSED_TASK },
        { kind: 'submission', id: LATE_SUBMISSION },
      ],
    });
    const opened = await screen.findByTestId('case-opened');
    expect(within(opened).getByRole('link').getAttribute('href')).toBe(`/evaluations/cases/${CASE}`);
    // The whole shell renders in jsdom, slowly on a busy machine.
  }, 90_000);

  it('shows the server’s refusal at the field it names', async () => {
    server = serve(admin, () =>
      refused(400, 'BAD_REQUEST', 'subjectUnitId [level]: …', [{ path: 'subjectUnitId', rule: 'level', message: { zh: '此模板不考评"township"级单位', en: 'this template does not evaluate township units' } }]),
    );
    vi.stubGlobal('fetch', server.fetch);
    render(
      <Providers>
        <App />
      </Providers>,
    );
    await chooseTownship();
    fireEvent.click(screen.getByText('嘉奖'));
    fireEvent.change(screen.getByLabelText('考评意见'), { target: { value: '排查全覆盖' } });
    fireEvent.click(screen.getByRole('button', { name: '记录考评' }));
    expect(await screen.findByText('此模板不考评"township"级单位', { selector: '.ant-form-item-explain-error' })).toBeTruthy();
    expect(records()[0]).toMatchObject({ outcome: 'commend', evidence: [] });
  });

  it('shows an auditor the records but no form to record with', async () => {
    server = serve(auditor, () => refused(403, 'FORBIDDEN', 'no'));
    vi.stubGlobal('fetch', server.fetch);
    render(
      <Providers>
        <App />
      </Providers>,
    );
    expect(await screen.findByText('暂无考评记录', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText('您可以查看考评与问责记录;考评与办理案件由上级单位管理员进行。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '记录考评' })).toBeNull();
    expect(server.calls.some((c) => c.path === 'evaluations.subjects')).toBe(false);
  });
});
