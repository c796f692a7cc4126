import { initialTransition, setup, transition, type AnyMachineSnapshot, type AnyStateMachine, type ExecutableActionObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import { reportTaskMachine } from '../machines/reportTaskMachine.js';
import { pureInitialTransition, pureTransition } from './pureTransition.js';
import type { MachineEvent } from './step.js';

const DUE = '2022-03-10T12:00:00.000Z';
const input = { stageId: 'daily-report', periodKey: '2022-03-10', dueAt: DUE, at: '2022-03-09T16:00:00.000Z' };
/** Typed loosely, as the engine holds machines, so one list of events can go to both functions. */
const machine: AnyStateMachine = reportTaskMachine({ id: 'daily-report', remindBeforeHours: 2, escalateAfterHours: 4 });
/** Reminder, due time and escalation fire; a late report is returned, its due timer fires, it comes again and is accepted. */
const EVENTS: MachineEvent[] = [
  { type: 'xstate.after.remindDue.task:report:daily-report.open', at: '2022-03-10T10:00:00.000Z' },
  { type: 'xstate.after.due.task:report:daily-report.open', at: DUE },
  { type: 'xstate.after.escalateDue.task:report:daily-report.overdue', at: '2022-03-10T16:00:00.000Z' },
  { type: 'SUBMIT', submissionId: 's-late', at: '2022-03-10T17:00:00.000Z' },
  { type: 'RETURN', comment: '补报不完整', at: '2022-03-10T18:00:00.000Z' },
  { type: 'xstate.after.due.task:report:daily-report.returned', at: '2022-03-10T18:00:00.000Z' },
  { type: 'SUBMIT', submissionId: 's-again', at: '2022-03-10T19:00:00.000Z' },
  { type: 'ACCEPT', at: '2022-03-10T20:00:00.000Z' },
];

/** What a step yields that the engine uses: state, context, status and each action's type and params. */
const outcome = ([snapshot, actions]: [AnyMachineSnapshot, ExecutableActionObject[]]) => ({
  value: snapshot.value,
  context: snapshot.context,
  status: snapshot.status,
  actions: actions.map(({ type, params }) => ({ type, params })),
});

describe('a pure transition with one scope per machine', () => {
  it("gives what XState's own transition() and initialTransition() give, step by step", () => {
    let ours = pureInitialTransition(machine, input);
    let theirs = initialTransition(machine, input);
    expect(outcome(ours)).toEqual(outcome(theirs));
    for (const event of EVENTS) {
      ours = pureTransition(machine, ours[0], event);
      theirs = transition(machine, theirs[0], event);
      expect(outcome(ours)).toEqual(outcome(theirs));
    }
    expect(ours[0].value).toBe('accepted');
  });

  it('hands each call only its own actions', () => {
    const [open, entry] = pureInitialTransition(machine, input);
    expect(entry.map((a) => a.type)).toEqual(['xstate.raise', 'xstate.raise']);
    for (let i = 0; i < 2; i++) {
      const [submitted, actions] = pureTransition(machine, open, EVENTS[3]!);
      expect(submitted.value).toBe('submitted');
      expect(actions.map((a) => a.type)).toEqual(['xstate.cancel', 'xstate.cancel']);
    }
  });

  it("makes no actor per event: the machine's context is built once for its scope, not on every step", () => {
    let built = 0;
    const counter = setup({ types: {} as { input: { start: number }; context: { n: number }; events: { type: 'ADD' } } }).createMachine({
      context: ({ input }) => {
        built++;
        return { n: input.start };
      },
      on: { ADD: { actions: ({ context }) => context } },
    });
    let [snapshot] = pureInitialTransition(counter, { start: 1 });
    const afterStart = built;
    for (let i = 0; i < 10; i++) [snapshot] = pureTransition(counter, snapshot, { type: 'ADD' });
    expect(built).toBe(afterStart);
    // XState's transition() builds an actor, and so the context, on every call: what this avoids.
    transition(counter, snapshot, { type: 'ADD' });
    expect(built).toBe(afterStart + 1);
  });
});
