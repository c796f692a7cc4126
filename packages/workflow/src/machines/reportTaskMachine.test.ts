import { describe, expect, it } from 'vitest';
import { startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, throughJson, trace } from '../step/testKit.js';
import { reportTaskMachine } from './reportTaskMachine.js';

const SUBMIT = { type: 'SUBMIT', submissionId: 's-1' };
const RESUBMIT = { type: 'SUBMIT', submissionId: 's-2' };
const RETURN = { type: 'RETURN', comment: '排查户数与人数不符' };
const ACCEPT = { type: 'ACCEPT' };
const CLOSE = { type: 'CLOSE' };
const ALPHABET: MachineEvent[] = [SUBMIT, RETURN, ACCEPT, { type: 'CLOSE', reason: 'directive closed' }];

describe('report task machine', () => {
  const machine = reportTaskMachine();

  it('opens with no attempts and no comment, asking for nothing', () => {
    expect(startMachine(machine)).toEqual({
      snapshot: { value: 'open', context: { attempts: 0, lastComment: null }, status: 'active' },
      state: 'open',
      done: false,
      effects: [],
    });
  });

  describeTransitions(machine, ALPHABET, [
    {
      state: 'open',
      via: [],
      accepts: [
        { event: SUBMIT, state: 'submitted', context: { attempts: 1, lastComment: null } },
        { event: CLOSE, state: 'closed', done: true, context: { attempts: 0 } },
      ],
    },
    {
      state: 'submitted',
      via: [SUBMIT],
      accepts: [
        { event: RETURN, state: 'returned', context: { attempts: 1, lastComment: '排查户数与人数不符' } },
        { event: ACCEPT, state: 'accepted', done: true, context: { attempts: 1 } },
        { event: CLOSE, state: 'closed', done: true },
      ],
    },
    {
      state: 'returned',
      via: [SUBMIT, RETURN],
      accepts: [
        { event: RESUBMIT, state: 'submitted', context: { attempts: 2, lastComment: '排查户数与人数不符' } },
        { event: CLOSE, state: 'closed', done: true },
      ],
    },
    { state: 'submitted', label: 'submitted (second attempt)', via: [SUBMIT, RETURN, RESUBMIT], accepts: [{ event: RETURN, state: 'returned' }, { event: ACCEPT, state: 'accepted', done: true, context: { attempts: 2 } }, { event: CLOSE, state: 'closed', done: true }] },
    { state: 'accepted', via: [SUBMIT, ACCEPT], accepts: [] },
    { state: 'accepted', label: 'accepted (after a return)', via: [SUBMIT, RETURN, RESUBMIT, ACCEPT], accepts: [] },
    { state: 'closed', via: [CLOSE], accepts: [] },
    { state: 'closed', label: 'closed (while returned)', via: [SUBMIT, RETURN, CLOSE], accepts: [] },
  ]);

  it('counts every attempt and keeps the latest return comment', () => {
    const steps = trace(machine, [SUBMIT, { type: 'RETURN', comment: 'first' }, RESUBMIT, { type: 'RETURN', comment: 'second' }, SUBMIT, ACCEPT]);
    expect(steps.map((s) => [s.state, s.snapshot.context])).toEqual([
      ['open', { attempts: 0, lastComment: null }],
      ['submitted', { attempts: 1, lastComment: null }],
      ['returned', { attempts: 1, lastComment: 'first' }],
      ['submitted', { attempts: 2, lastComment: 'first' }],
      ['returned', { attempts: 2, lastComment: 'second' }],
      ['submitted', { attempts: 3, lastComment: 'second' }],
      ['accepted', { attempts: 3, lastComment: 'second' }],
    ]);
    expect(steps.flatMap((s) => s.effects)).toEqual([]);
  });

  it('replays deterministically and steps on from JSON', () => {
    const events = [SUBMIT, RETURN, RESUBMIT, ACCEPT];
    const first = trace(machine, events);
    expect(trace(reportTaskMachine(), events)).toEqual(first);
    const stored = throughJson(first[3]!.snapshot);
    expect(stepMachine(machine, stored, ACCEPT)).toEqual(first[4]);
  });
});
