import { describe, expect, it } from 'vitest';
import { startMachine, stepMachine } from '../step/step.js';
import { describeTransitions, expectRefused, run, throughJson, trace } from '../step/testKit.js';
import { directiveMachine } from './directiveMachine.js';

const DEADLINE = '2022-03-10T12:00:00.000Z';
const ALPHABET = [{ type: 'CLOSE', reason: 'work finished' }];

describe('directive machine', () => {
  const machine = directiveMachine('township');

  it('is issued on start and fans out to the first receiving level with the deadline and nothing added', () => {
    const start = startMachine(machine, { deadline: DEADLINE });
    expect(start).toEqual({
      snapshot: { value: 'issued', context: { deadline: DEADLINE, firstLevel: 'township' }, status: 'active' },
      state: 'issued',
      done: false,
      effects: [{ type: 'fanOut', toLevel: 'township', input: { deadline: DEADLINE, addedRequirements: [], addedForms: [] } }],
    });
  });

  it('fans out to whichever level it was built for', () => {
    expect(startMachine(directiveMachine('county'), { deadline: DEADLINE }).effects).toEqual([
      { type: 'fanOut', toLevel: 'county', input: { deadline: DEADLINE, addedRequirements: [], addedForms: [] } },
    ]);
  });

  describeTransitions(
    machine,
    ALPHABET,
    [
      { state: 'issued', via: [], accepts: [{ event: { type: 'CLOSE' }, state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }] }] },
      { state: 'closed', via: [{ type: 'CLOSE' }], accepts: [] },
    ],
    { deadline: DEADLINE },
  );

  it('closes with a reason as well as without', () => {
    const closed = run(machine, [{ type: 'CLOSE', reason: 'superseded' }], { deadline: DEADLINE });
    expect(closed).toMatchObject({ state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }] });
  });

  it('refuses a second close', () => {
    expectRefused(machine, run(machine, [{ type: 'CLOSE' }], { deadline: DEADLINE }), { type: 'CLOSE' });
  });

  it('replays to identical snapshots and effects', () => {
    const a = trace(machine, [{ type: 'CLOSE' }], { deadline: DEADLINE });
    const b = trace(directiveMachine('township'), [{ type: 'CLOSE' }], { deadline: DEADLINE });
    expect(b).toEqual(a);
  });

  it('can be stepped from a snapshot that went through JSON', () => {
    const issued = throughJson(startMachine(machine, { deadline: DEADLINE }).snapshot);
    expect(stepMachine(machine, issued, { type: 'CLOSE' })).toMatchObject({ state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }] });
  });
});
