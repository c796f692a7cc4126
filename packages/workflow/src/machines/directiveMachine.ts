import { setup } from 'xstate';
import type { ReceiptInput } from '../step/effects.js';
import type { Level } from '../levels.js';

export type DirectiveContext = { deadline: string; firstLevel: Level };
export type DirectiveEvent =
  | { type: 'CLOSE'; reason?: string; at?: string }
  /** `periodStart` is when the period began, which after downtime is earlier than `at`. */
  | { type: 'PERIOD_START'; stageId: string; periodStart?: string; at?: string };

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
      schedulePeriods: (_, _params?: { stageId: string; after: string | null }) => {},
      openPeriod: (_, _params: { stageId: string; periodStart: string | null }) => {},
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
            ? {
                PERIOD_START: {
                  actions: [
                    { type: 'openPeriod' as const, params: ({ event }: { event: DirectiveEvent }) => (event.type === 'PERIOD_START' ? { stageId: event.stageId, periodStart: event.periodStart ?? null } : { stageId: '', periodStart: null }) },
                    // The next period follows this one, not "now": after downtime every missed period still opens, in order.
                    { type: 'schedulePeriods' as const, params: ({ event }: { event: DirectiveEvent }) => (event.type === 'PERIOD_START' ? { stageId: event.stageId, after: event.periodStart ?? null } : { stageId: '', after: null }) },
                  ],
                },
              }
            : {}),
        },
      },
      closed: { type: 'final' },
    },
  });
}
