import { describe, expect, it } from 'vitest';
import { startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, throughJson, trace } from '../step/testKit.js';
import { registrationMachine } from './registrationMachine.js';

const REGISTER = { type: 'REGISTER' };
const RELEASE = { type: 'RELEASE' };
const CLOSE = { type: 'CLOSE' };
const ALPHABET: MachineEvent[] = [REGISTER, RELEASE, { type: 'CLOSE', reason: 'directive closed' }];

describe('registration machine', () => {
  const machine = registrationMachine();

  it('starts assigned, asking for nothing', () => {
    expect(startMachine(machine)).toEqual({ snapshot: { value: 'assigned', context: {}, status: 'active' }, state: 'assigned', done: false, effects: [] });
  });

  describeTransitions(machine, ALPHABET, [
    { state: 'assigned', via: [], accepts: [{ event: REGISTER, state: 'registered' }, { event: CLOSE, state: 'closed', done: true }] },
    { state: 'registered', via: [REGISTER], accepts: [{ event: RELEASE, state: 'released', done: true }, { event: CLOSE, state: 'closed', done: true }] },
    { state: 'released', via: [REGISTER, RELEASE], accepts: [] },
    { state: 'closed', via: [CLOSE], accepts: [] },
    { state: 'closed', label: 'closed (after registering)', via: [REGISTER, CLOSE], accepts: [] },
  ]);

  it('replays deterministically and steps on from JSON', () => {
    const first = trace(machine, [REGISTER, RELEASE]);
    expect(trace(registrationMachine(), [REGISTER, RELEASE])).toEqual(first);
    expect(stepMachine(machine, throughJson(first[1]!.snapshot), RELEASE)).toEqual(first[2]);
  });
});
