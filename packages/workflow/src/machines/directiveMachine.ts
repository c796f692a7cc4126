import { setup } from 'xstate';
import type { ReceiptInput } from '../step/effects.js';
import type { Level } from '../levels.js';

export type DirectiveContext = { deadline: string; firstLevel: Level };
export type DirectiveEvent = { type: 'CLOSE'; reason?: string; at?: string } | { type: 'PERIOD_START'; stageId: string; at?: string };

/**
 * A directive is issued and cascades at once; while it is open, each report period starts on the
 * clock (PERIOD_START, from a timer the engine keeps per report stage) and creates that period's
 * tasks. Closing it closes all open work under it.
 */
export function directiveMachine(firstLevel: Level, hasReports = false) {
  return setup({
    types: {} as { context: DirectiveContext; events: DirectiveEvent; input: { deadline: string } },
    actions: {
      fanOut: (_, _params: { toLevel: Level; input: ReceiptInput }) => {},
      closeDirectiveWork: () => {},
      schedulePeriods: () => {},
      openPeriod: (_, _params: { stageId: string }) => {},
    },
  }).createMachine({
    id: 'directive',
    context: ({ input }) => ({ deadline: input.deadline, firstLevel }),
    initial: 'issued',
    states: {
      issued: {
        entry: [
          {
            type: 'fanOut',
            params: ({ context }) => ({
              toLevel: context.firstLevel,
              input: { deadline: context.deadline, addedRequirements: [], addedForms: [] },
            }),
          },
          ...(hasReports ? ['schedulePeriods' as const] : []),
        ],
        on: {
          CLOSE: { target: 'closed', actions: 'closeDirectiveWork' },
          ...(hasReports
            ? { PERIOD_START: { actions: [{ type: 'openPeriod' as const, params: ({ event }: { event: DirectiveEvent }) => ({ stageId: event.type === 'PERIOD_START' ? event.stageId : '' }) }, 'schedulePeriods' as const] } }
            : {}),
        },
      },
      closed: { type: 'final' },
    },
  });
}
