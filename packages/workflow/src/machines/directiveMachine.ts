import { setup } from 'xstate';
import type { ReceiptInput } from '../step/effects.js';
import type { Level } from '../levels.js';

export type DirectiveContext = { deadline: string; firstLevel: Level };
export type DirectiveEvent = { type: 'CLOSE'; reason?: string };

/** A directive is issued and cascades at once; closing it closes all open work under it. */
export function directiveMachine(firstLevel: Level) {
  return setup({
    types: {} as { context: DirectiveContext; events: DirectiveEvent; input: { deadline: string } },
    actions: {
      fanOut: (_, _params: { toLevel: Level; input: ReceiptInput }) => {},
      closeDirectiveWork: () => {},
    },
  }).createMachine({
    id: 'directive',
    context: ({ input }) => ({ deadline: input.deadline, firstLevel }),
    initial: 'issued',
    states: {
      issued: {
        entry: {
          type: 'fanOut',
          params: ({ context }) => ({
            toLevel: context.firstLevel,
            input: { deadline: context.deadline, addedRequirements: [], addedForms: [] },
          }),
        },
        on: { CLOSE: { target: 'closed', actions: 'closeDirectiveWork' } },
      },
      closed: { type: 'final' },
    },
  });
}
