import { setup } from 'xstate';
import type { EvaluationOutcome } from '../template/templateDefinition.js';

export type EvaluationInput = { outcome: EvaluationOutcome };

/** An evaluation is a record, made once; "accountable" opens a case as it is recorded. */
export function evaluationMachine() {
  return setup({
    types: {} as { context: EvaluationInput; input: EvaluationInput },
    actions: { openCase: () => {} },
    guards: { isAccountable: ({ context }) => context.outcome === 'accountable' },
  }).createMachine({
    id: 'evaluation',
    context: ({ input }) => ({ outcome: input.outcome }),
    initial: 'recording',
    states: {
      recording: { always: [{ guard: 'isAccountable', target: 'recorded', actions: 'openCase' }, { target: 'recorded' }] },
      recorded: { type: 'final' },
    },
  });
}
