import { describe, expect, it } from 'vitest';
import { startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, throughJson, trace } from '../step/testKit.js';
import { screeningTaskMachine } from './screeningTaskMachine.js';

const VISIT = { type: 'VISIT', householdId: 'h-1' };
const VISIT_2 = { type: 'VISIT', householdId: 'h-2' };
const COMPLETE = { type: 'COMPLETE' };
const CLOSE = { type: 'CLOSE' };
const ALPHABET: MachineEvent[] = [VISIT, COMPLETE, { type: 'CLOSE', reason: 'directive closed' }];

describe('screening task machine', () => {
  const machine = screeningTaskMachine();

  it('opens asking for nothing', () => {
    expect(startMachine(machine)).toEqual({ snapshot: { value: 'open', context: {}, status: 'active' }, state: 'open', done: false, effects: [] });
  });

  describeTransitions(machine, ALPHABET, [
    { state: 'open', via: [], accepts: [{ event: VISIT, state: 'inProgress' }, { event: CLOSE, state: 'closed', done: true }] },
    {
      state: 'inProgress',
      via: [VISIT],
      accepts: [
        { event: VISIT_2, state: 'inProgress' },
        { event: COMPLETE, state: 'completed', done: true },
        { event: CLOSE, state: 'closed', done: true },
      ],
    },
    { state: 'inProgress', label: 'inProgress (after many visits)', via: [VISIT, VISIT_2, VISIT], accepts: [{ event: VISIT, state: 'inProgress' }, { event: COMPLETE, state: 'completed', done: true }, { event: CLOSE, state: 'closed', done: true }] },
    { state: 'completed', via: [VISIT, COMPLETE], accepts: [] },
    { state: 'closed', via: [CLOSE], accepts: [] },
    { state: 'closed', label: 'closed (while in progress)', via: [VISIT, CLOSE], accepts: [] },
  ]);

  it('replays deterministically and steps on from JSON', () => {
    const events = [VISIT, VISIT_2, COMPLETE];
    const first = trace(machine, events);
    expect(trace(screeningTaskMachine(), events)).toEqual(first);
    expect(stepMachine(machine, throughJson(first[2]!.snapshot), COMPLETE)).toEqual(first[3]);
  });
});
