import { describe, expect, it } from 'vitest';
import { acceptedEvents, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, expectRefused, run, throughJson, trace } from '../step/testKit.js';
import { directiveMachine } from './directiveMachine.js';

const ISSUED_AT = '2022-03-05T02:00:00.000Z';
const DEADLINE = '2022-03-10T12:00:00.000Z';
const input = { deadline: DEADLINE, at: ISSUED_AT };
const issuedContext = { deadline: DEADLINE, firstLevel: 'township' };
const CLOSE = { type: 'CLOSE', at: '2022-03-10T13:00:00.000Z' };
const PERIOD_START = { type: 'PERIOD_START', stageId: 'daily-report', periodStart: '2022-03-05T16:00:00.000Z', at: '2022-03-05T16:00:00.000Z' };
const ALPHABET: MachineEvent[] = [{ type: 'CLOSE', reason: 'work finished', at: DEADLINE }, PERIOD_START];
const fanOut = (toLevel: string) => ({ type: 'fanOut', toLevel, input: { deadline: DEADLINE, addedRequirements: [], addedForms: [] } });

describe('directive machine without report stages', () => {
  const machine = directiveMachine('township');

  it('is issued on start and fans out to the first receiving level with the deadline and nothing added, scheduling no periods', () => {
    expect(startMachine(machine, input)).toEqual({
      snapshot: { value: 'issued', context: issuedContext, status: 'active' },
      state: 'issued',
      done: false,
      effects: [fanOut('township')],
    });
  });

  it('fans out to whichever level it was built for', () => {
    expect(startMachine(directiveMachine('county'), input).effects).toEqual([fanOut('county')]);
  });

  describeTransitions(
    machine,
    ALPHABET,
    [
      // With no report stages there are no periods to start.
      { state: 'issued', via: [], accepts: [{ event: CLOSE, state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }], context: issuedContext }] },
      { state: 'closed', via: [CLOSE], accepts: [] },
    ],
    input,
  );

  it('closes with a reason as well as without', () => {
    const closed = run(machine, [{ type: 'CLOSE', reason: 'superseded', at: DEADLINE }], input);
    expect(closed).toMatchObject({ state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }] });
  });

  it('refuses a second close', () => {
    expectRefused(machine, run(machine, [CLOSE], input), CLOSE);
  });

  it('replays to identical snapshots and effects', () => {
    const a = trace(machine, [CLOSE], input);
    const b = trace(directiveMachine('township'), [CLOSE], input);
    expect(b).toEqual(a);
  });

  it('can be stepped from a snapshot that went through JSON', () => {
    const issued = throughJson(startMachine(machine, input).snapshot);
    expect(stepMachine(machine, issued, CLOSE)).toMatchObject({ state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }] });
  });
});

describe('directive machine with report stages', () => {
  const machine = directiveMachine('township', true);

  it('fans out and asks for the first period starts to be scheduled', () => {
    expect(startMachine(machine, input)).toEqual({
      snapshot: { value: 'issued', context: issuedContext, status: 'active' },
      state: 'issued',
      done: false,
      effects: [fanOut('township'), { type: 'schedulePeriods' }],
    });
  });

  describeTransitions(
    machine,
    ALPHABET,
    [
      {
        state: 'issued',
        via: [],
        accepts: [
          // A period starts: its tasks are opened and the next start is scheduled; the directive stays issued.
          { event: PERIOD_START, state: 'issued', effects: [{ type: 'openPeriod', stageId: 'daily-report', periodStart: '2022-03-05T16:00:00.000Z' }, { type: 'schedulePeriods', stageId: 'daily-report', after: '2022-03-05T16:00:00.000Z' }], context: issuedContext },
          { event: CLOSE, state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }], context: issuedContext },
        ],
      },
      {
        state: 'issued',
        label: 'issued (after two periods)',
        via: [PERIOD_START, { ...PERIOD_START, stageId: 'weekly-summary', at: '2022-03-06T16:00:00.000Z' }],
        accepts: [
          { event: { ...PERIOD_START, stageId: 'weekly-summary' }, label: 'another stage', state: 'issued', effects: [{ type: 'openPeriod', stageId: 'weekly-summary', periodStart: '2022-03-05T16:00:00.000Z' }, { type: 'schedulePeriods', stageId: 'weekly-summary', after: '2022-03-05T16:00:00.000Z' }], context: issuedContext },
          { event: CLOSE, state: 'closed', done: true, effects: [{ type: 'closeDirectiveWork' }], context: issuedContext },
        ],
      },
      // A period timer that comes after the directive closed is refused (the engine skips it).
      { state: 'closed', via: [CLOSE], accepts: [] },
      { state: 'closed', label: 'closed (after a period)', via: [PERIOD_START, CLOSE], accepts: [] },
    ],
    input,
  );

  it('a period start does not fan out again or re-enter the issued state', () => {
    const effects = trace(machine, [PERIOD_START, PERIOD_START, CLOSE], input).flatMap((s) => s.effects);
    expect(effects.filter((e) => e.type === 'fanOut')).toHaveLength(1);
    expect(effects.filter((e) => e.type === 'schedulePeriods')).toHaveLength(3);
  });

  it('offers CLOSE and PERIOD_START: the period start is a plain event the engine’s period timer carries', () => {
    expect(new Set(acceptedEvents(machine, startMachine(machine, input).snapshot))).toEqual(new Set(['CLOSE', 'PERIOD_START']));
  });

  it('replays to identical snapshots and effects, also through JSON', () => {
    const events = [PERIOD_START, { ...PERIOD_START, at: '2022-03-06T16:00:00.000Z' }, CLOSE];
    const a = trace(machine, events, input);
    expect(trace(directiveMachine('township', true), events, input)).toEqual(a);
    for (let i = 0; i < events.length; i++) expect(stepMachine(machine, throughJson(a[i]!.snapshot), events[i]!)).toEqual(a[i + 1]);
  });
});
