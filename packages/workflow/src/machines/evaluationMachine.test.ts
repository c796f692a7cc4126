import { describe, expect, it } from 'vitest';
import { acceptedEvents, canApply, startMachine } from '../step/step.js';
import { expectRefused, throughJson } from '../step/testKit.js';
import { EVALUATION_OUTCOMES } from '../template/templateDefinition.js';
import { evaluationMachine } from './evaluationMachine.js';

describe('evaluation machine', () => {
  const machine = evaluationMachine();

  it('an accountable outcome is recorded at once and opens a case', () => {
    expect(startMachine(machine, { outcome: 'accountable' })).toEqual({
      snapshot: { value: 'recorded', context: { outcome: 'accountable' }, status: 'done' },
      state: 'recorded',
      done: true,
      effects: [{ type: 'openCase' }],
    });
  });

  it.each(EVALUATION_OUTCOMES.filter((o) => o !== 'accountable'))('a %s outcome is recorded at once and opens no case', (outcome) => {
    expect(startMachine(machine, { outcome })).toEqual({
      snapshot: { value: 'recorded', context: { outcome }, status: 'done' },
      state: 'recorded',
      done: true,
      effects: [],
    });
  });

  it.each(EVALUATION_OUTCOMES)('once recorded as %s it accepts nothing, also after JSON', (outcome) => {
    const recorded = startMachine(machine, { outcome });
    const stored = { ...recorded, snapshot: throughJson(recorded.snapshot) };
    expect(acceptedEvents(machine, stored.snapshot)).toEqual([]);
    for (const type of ['RECORD', 'CLOSE', 'INVESTIGATE', 'xstate.init']) {
      expect(canApply(machine, stored.snapshot, { type })).toBe(false);
      expectRefused(machine, stored, { type });
    }
  });

  it('records the same way every time', () => {
    expect(startMachine(evaluationMachine(), { outcome: 'accountable' })).toEqual(startMachine(machine, { outcome: 'accountable' }));
  });
});
