import { setup } from 'xstate';

export type ScreeningTaskEvent =
  | { type: 'VISIT'; householdId: string }
  | { type: 'COMPLETE' }
  | { type: 'CLOSE'; reason?: string };

/** Door-to-door screening of a grid (敲门行动). Coverage is counted from the visits themselves, so
 * the machine only tracks whether work has started and whether the grid declared it complete. */
export function screeningTaskMachine() {
  return setup({ types: {} as { events: ScreeningTaskEvent } }).createMachine({
    id: 'task:screening',
    initial: 'open',
    states: {
      open: { on: { VISIT: 'inProgress', CLOSE: 'closed' } },
      inProgress: { on: { VISIT: 'inProgress', COMPLETE: 'completed', CLOSE: 'closed' } },
      completed: { type: 'final' },
      closed: { type: 'final' },
    },
  });
}
