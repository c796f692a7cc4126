import { assign, setup } from 'xstate';

export type CaseDecision = 'sanction' | 'no_fault';
export type CaseContext = { decision: CaseDecision | null };
export type CaseEvent =
  | { type: 'INVESTIGATE' }
  | { type: 'DECIDE'; decision: CaseDecision; finding: string }
  | { type: 'REQUIRE_RECTIFICATION'; requirements: string[]; dueAt: string }
  | { type: 'CLOSE_CASE'; summary: string };

/** An accountability case (问责): opened → investigating → decided → rectifying → closed. A decision
 * of no fault closes the case and needs no rectification; a sanction must go through rectification first. */
export function caseMachine() {
  return setup({
    types: {} as { context: CaseContext; events: CaseEvent },
    actions: { keepDecision: assign(({ event }) => (event.type === 'DECIDE' ? { decision: event.decision } : {})) },
    guards: { noFault: ({ context }) => context.decision === 'no_fault', sanctioned: ({ context }) => context.decision === 'sanction' },
  }).createMachine({
    id: 'case',
    context: { decision: null },
    initial: 'opened',
    states: {
      opened: { on: { INVESTIGATE: 'investigating' } },
      investigating: { on: { DECIDE: { target: 'decided', actions: 'keepDecision' } } },
      decided: { on: { REQUIRE_RECTIFICATION: { target: 'rectifying', guard: 'sanctioned' }, CLOSE_CASE: { target: 'closed', guard: 'noFault' } } },
      rectifying: { on: { CLOSE_CASE: 'closed' } },
      closed: { type: 'final' },
    },
  });
}
