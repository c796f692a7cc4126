import { dailyReportForm, screeningForm } from '@cascade/forms';

/** What the component tests of this feature share: people at the demo's levels and tasks as
 * `tasks.get` returns them. */
export const TASK_ID = '6f1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
export const GRID_PATH = '51/5101/510104/510104017/510104017001/510104017001001';

type Role = 'admin' | 'grid_staff' | 'auditor';
export const principalAt = (role: Role, path: string, username = `${role}-user`) => ({
  userId: `user-${username}`,
  username,
  displayName: username,
  grants: [{ role, orgUnitId: `unit-${path}`, path, level: 'x' }],
});
export const gridWorker = principalAt('grid_staff', GRID_PATH, 'grid-shuijingfang-1');
export const communityAdmin = principalAt('admin', '51/5101/510104/510104017/510104017001', 'shuijingfang-admin');

export const answers = { householdsScreened: 30, personsScreened: 80, returnees: 2, homeIsolation: 1, feverCases: 0, anomaly: false, reporterPhone: '13800138000' };

const base = {
  id: TASK_ID,
  stageId: 'daily-report',
  periodKey: '2026-03-22',
  dueAt: '2026-03-22T12:00:00.000Z',
  directiveId: 'd1',
  directiveTitle: '关于做好疫情防控的通知',
  formVersionId: 'f1',
  formKey: 'daily-epidemic-report',
  formVersion: 1,
  unit: { id: 'g1', name: '水井坊社区第1网格', code: '510104017001001', path: GRID_PATH },
  changedFromPrevious: [],
  assignedToMe: false,
};

export function reportTask(state: string, extra: Record<string, unknown> = {}) {
  return { ...base, kind: 'report', state, snapshot: { value: state, context: {} }, form: dailyReportForm, submissions: [], previous: null, checklist: null, draft: null, ...extra };
}

export const submission = (data: Record<string, unknown>, attempt = 1) => ({ id: `s${attempt}`, attempt, data, submittedAt: '2026-03-22T10:00:00.000Z' });

export function screeningTask(households: Array<{ id: string; name: string; visitedAt: string | null; data?: unknown }>, state = 'inProgress') {
  const list = households.map((h, i) => ({ code: `51010401700100100${i + 1}`, data: null, ...h }));
  return {
    ...base,
    kind: 'screening',
    stageId: 'screening',
    state,
    snapshot: { value: state, context: {} },
    form: screeningForm,
    submissions: [],
    previous: null,
    draft: null,
    checklist: { households: list, coverage: { visited: list.filter((h) => h.visitedAt).length, total: list.length } },
  };
}

/** For the first screen of a whole-app test and for waits on a round trip: on a loaded two-core
 * machine Ant Design takes longer to render in jsdom than the suite's default wait. */
export const SLOW = { timeout: 20_000 };
