import { describe, expect, it } from 'vitest';
import { clampStep, isTypingTarget, stepForKey, stepOfSeq, stepView, type StepRow } from './stepThrough';

// A township's receipt: created, acknowledged, amended, a timer that stays put, forwarded.
const rows: StepRow[] = [
  { seq: 1, eventType: 'xstate.init', fromState: null, toState: 'received' },
  { seq: 2, eventType: 'ACKNOWLEDGE', fromState: 'received', toState: 'acknowledged' },
  { seq: 3, eventType: 'AMEND', fromState: 'acknowledged', toState: 'amended' },
  { seq: 4, eventType: 'TASK_ESCALATED', fromState: 'amended', toState: 'amended' },
  { seq: 5, eventType: 'FORWARD', fromState: 'amended', toState: 'forwarded' },
];

describe('the step-through', () => {
  it('starts on the creation row: the initial state lit, no arrow, nothing visited', () => {
    expect(stepView(rows, 0)).toEqual({ index: 0, total: 5, activeState: 'received', activeTransition: null, visited: [] });
  });

  it('lights each row’s target state and the arrow it took, with every earlier state visited', () => {
    expect(stepView(rows, 1)).toMatchObject({ activeState: 'acknowledged', activeTransition: { from: 'received', to: 'acknowledged' }, visited: ['received'] });
    expect(stepView(rows, 2)).toMatchObject({ activeState: 'amended', activeTransition: { from: 'acknowledged', to: 'amended' }, visited: ['received', 'acknowledged'] });
    expect(stepView(rows, 4)).toMatchObject({ activeState: 'forwarded', activeTransition: { from: 'amended', to: 'forwarded' }, visited: ['received', 'acknowledged', 'amended'] });
  });

  it('draws no arrow for an event that stayed in its state', () => {
    expect(stepView(rows, 3)).toMatchObject({ activeState: 'amended', activeTransition: null, visited: ['received', 'acknowledged', 'amended'] });
  });

  it('keeps the step inside the history', () => {
    expect(stepView(rows, 99).index).toBe(4);
    expect(stepView(rows, -3).index).toBe(0);
    expect(clampStep(2.7, 5)).toBe(2);
    expect(stepView([], 0)).toEqual({ index: 0, total: 0, activeState: null, activeTransition: null, visited: [] });
  });

  it('moves one step with ← and →, to the ends with Home and End, and ignores other keys', () => {
    expect(stepForKey('ArrowRight', 1, 5)).toBe(2);
    expect(stepForKey('ArrowLeft', 1, 5)).toBe(0);
    expect(stepForKey('ArrowLeft', 0, 5)).toBe(0);
    expect(stepForKey('ArrowRight', 4, 5)).toBe(4);
    expect(stepForKey('Home', 3, 5)).toBe(0);
    expect(stepForKey('End', 0, 5)).toBe(4);
    expect(stepForKey('Enter', 2, 5)).toBeNull();
    expect(stepForKey('a', 2, 5)).toBeNull();
  });

  it('opens at the row a link names, or at the last row', () => {
    expect(stepOfSeq(rows, '3')).toBe(2);
    expect(stepOfSeq(rows, 1)).toBe(0);
    expect(stepOfSeq(rows, null)).toBe(4);
    expect(stepOfSeq(rows, '')).toBe(4);
    expect(stepOfSeq(rows, '42')).toBe(4);
    expect(stepOfSeq(rows, 'x')).toBe(4);
  });

  it('leaves keys typed into fields to the fields', () => {
    const input = document.createElement('input');
    const div = document.createElement('div');
    const combo = document.createElement('div');
    combo.setAttribute('role', 'combobox');
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(combo)).toBe(true);
    expect(isTypingTarget(div)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
