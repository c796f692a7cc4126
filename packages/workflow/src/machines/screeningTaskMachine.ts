import { assign, setup } from 'xstate';
import { msUntil } from './eventTime.js';

export type ScreeningTaskInput = { stageId: string; periodKey: string; dueAt: string; at?: string };
export type ScreeningTaskEvent =
  | { type: 'VISIT'; householdId: string; at?: string }
  | { type: 'COMPLETE'; at?: string }
  | { type: 'CLOSE'; reason?: string; at?: string };

/** Door-to-door screening of a grid (敲门行动). Coverage is counted from the visits themselves, so
 * the machine only tracks whether work has started and whether the grid declared it complete; past
 * its due time the grid is reminded once. */
export function screeningTaskMachine() {
  // Entering inProgress re-arms the timer; the guard keeps the reminder to one.
  const overdue = { after: { due: { guard: 'notReminded' as const, actions: ['markReminded', { type: 'notify', params: { audience: 'assignees', kind: 'screeningOverdue' } }] as const } } };
  return setup({
    types: {} as { context: { dueAt: string; reminded: boolean }; events: ScreeningTaskEvent; input: ScreeningTaskInput },
    actions: { notify: (_, _params: { audience: string; kind: string }) => {}, markReminded: assign({ reminded: true }) },
    guards: { notReminded: ({ context }) => !context.reminded },
    delays: { due: ({ context, event }) => msUntil(context.dueAt, event) },
  }).createMachine({
    id: 'task:screening',
    context: ({ input }) => ({ dueAt: input.dueAt, reminded: false }),
    initial: 'open',
    states: {
      open: { on: { VISIT: 'inProgress', CLOSE: 'closed' }, ...overdue },
      // Targeting its own state does not re-enter it in XState 5, so further visits keep the timer.
      inProgress: { on: { VISIT: 'inProgress', COMPLETE: 'completed', CLOSE: 'closed' }, ...overdue },
      completed: { type: 'final' },
      closed: { type: 'final' },
    },
  });
}
