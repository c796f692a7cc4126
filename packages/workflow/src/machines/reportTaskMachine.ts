import { assign, setup } from 'xstate';

export type ReportTaskContext = { attempts: number; lastComment: string | null };
export type ReportTaskEvent =
  | { type: 'SUBMIT'; submissionId: string }
  | { type: 'RETURN'; comment: string }
  | { type: 'ACCEPT' }
  | { type: 'CLOSE'; reason?: string };

/** One report for one unit and one period: submitted, possibly returned for correction and
 * resubmitted, then accepted by the level above. */
export function reportTaskMachine() {
  return setup({
    types: {} as { context: ReportTaskContext; events: ReportTaskEvent },
    actions: {
      countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
      keepComment: assign(({ event }) => ({ lastComment: event.type === 'RETURN' ? event.comment : null })),
    },
  }).createMachine({
    id: 'task:report',
    context: { attempts: 0, lastComment: null },
    initial: 'open',
    states: {
      open: { on: { SUBMIT: { target: 'submitted', actions: 'countAttempt' }, CLOSE: 'closed' } },
      submitted: { on: { RETURN: { target: 'returned', actions: 'keepComment' }, ACCEPT: 'accepted', CLOSE: 'closed' } },
      returned: { on: { SUBMIT: { target: 'submitted', actions: 'countAttempt' }, CLOSE: 'closed' } },
      accepted: { type: 'final' },
      closed: { type: 'final' },
    },
  });
}
