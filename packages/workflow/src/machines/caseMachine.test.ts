import { describe, expect, it } from 'vitest';
import { acceptedEvents, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, expectRefused, run, throughJson, trace } from '../step/testKit.js';
import { caseMachine } from './caseMachine.js';

const INVESTIGATE = { type: 'INVESTIGATE' };
const SANCTION = { type: 'DECIDE', decision: 'sanction', finding: '未按时报告三次' };
const NO_FAULT = { type: 'DECIDE', decision: 'no_fault', finding: '系统故障,非本人原因' };
const RECTIFY = { type: 'REQUIRE_RECTIFICATION', requirements: ['补报缺失报告'], dueAt: '2022-03-15T12:00:00.000Z' };
const CLOSE_CASE = { type: 'CLOSE_CASE', summary: '已整改' };
const ALPHABET: MachineEvent[] = [INVESTIGATE, SANCTION, RECTIFY, CLOSE_CASE];

describe('case machine', () => {
  const machine = caseMachine();

  it('opens with no decision, asking for nothing', () => {
    expect(startMachine(machine)).toEqual({ snapshot: { value: 'opened', context: { decision: null }, status: 'active' }, state: 'opened', done: false, effects: [] });
  });

  describeTransitions(machine, ALPHABET, [
    { state: 'opened', via: [], accepts: [{ event: INVESTIGATE, state: 'investigating', context: { decision: null } }] },
    {
      state: 'investigating',
      via: [INVESTIGATE],
      accepts: [
        { event: SANCTION, label: 'sanction', state: 'decided', context: { decision: 'sanction' } },
        { event: NO_FAULT, label: 'no fault', state: 'decided', context: { decision: 'no_fault' } },
      ],
    },
    {
      state: 'decided',
      label: 'decided (sanction)',
      via: [INVESTIGATE, SANCTION],
      accepts: [{ event: RECTIFY, state: 'rectifying', context: { decision: 'sanction' } }],
      // A sanction must go through rectification before the case closes.
      refusesAlso: [{ event: CLOSE_CASE, label: 'a sanction is not closed without rectification' }],
    },
    {
      state: 'decided',
      label: 'decided (no fault)',
      via: [INVESTIGATE, NO_FAULT],
      accepts: [{ event: CLOSE_CASE, label: 'no fault closes at once', state: 'closed', done: true, context: { decision: 'no_fault' } }],
      // Nothing to rectify where nobody was at fault.
      refusesAlso: [{ event: RECTIFY, label: 'no fault needs no rectification' }],
    },
    { state: 'rectifying', via: [INVESTIGATE, SANCTION, RECTIFY], accepts: [{ event: CLOSE_CASE, state: 'closed', done: true, context: { decision: 'sanction' } }] },
    { state: 'closed', label: 'closed (after rectification)', via: [INVESTIGATE, SANCTION, RECTIFY, CLOSE_CASE], accepts: [] },
    { state: 'closed', label: 'closed (no fault)', via: [INVESTIGATE, NO_FAULT, CLOSE_CASE], accepts: [] },
  ]);

  it('the guard reads the decision kept in the stored snapshot, also after JSON', () => {
    const sanctioned = run(machine, [INVESTIGATE, SANCTION]);
    const stored = { ...sanctioned, snapshot: throughJson(sanctioned.snapshot) };
    expectRefused(machine, stored, CLOSE_CASE);
    expect(acceptedEvents(machine, stored.snapshot)).toEqual(['REQUIRE_RECTIFICATION']);
    const cleared = throughJson(run(machine, [INVESTIGATE, NO_FAULT]).snapshot);
    expect(stepMachine(machine, cleared, CLOSE_CASE)).toMatchObject({ state: 'closed', done: true });
  });

  it('never asks for effects of its own', () => {
    expect(trace(machine, [INVESTIGATE, SANCTION, RECTIFY, CLOSE_CASE]).flatMap((s) => s.effects)).toEqual([]);
  });

  it('replays deterministically', () => {
    const events = [INVESTIGATE, SANCTION, RECTIFY, CLOSE_CASE];
    expect(trace(caseMachine(), events)).toEqual(trace(machine, events));
  });
});
