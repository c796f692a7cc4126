import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptedEvents, canApply, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { HOUR, cancelTimer, describeTransitions, expectRefused, run, setTimer, throughJson, timerEvent, trace } from '../step/testKit.js';
import { screeningTaskMachine, type ScreeningTaskInput } from './screeningTaskMachine.js';

// Created at 08:00 Shanghai on 10 March, due 72 hours later.
const CREATED_AT = '2022-03-10T00:00:00.000Z';
const DUE = '2022-03-13T00:00:00.000Z';
const input: ScreeningTaskInput = { stageId: 'screening', periodKey: 'once', dueAt: DUE, at: CREATED_AT };

const OPEN_DUE = 'xstate.after.due.task:screening.open';
const IN_PROGRESS_DUE = 'xstate.after.due.task:screening.inProgress';

const VISIT = { type: 'VISIT', householdId: 'h-1', at: '2022-03-11T00:00:00.000Z' };
const VISIT_2 = { type: 'VISIT', householdId: 'h-2', at: '2022-03-12T00:00:00.000Z' };
const LATE_VISIT = { type: 'VISIT', householdId: 'h-3', at: '2022-03-13T02:00:00.000Z' };
const COMPLETE = { type: 'COMPLETE', at: '2022-03-12T06:00:00.000Z' };
const CLOSE = { type: 'CLOSE', at: '2022-03-12T07:00:00.000Z' };
const OPEN_DUE_FIRES = { type: OPEN_DUE, at: DUE };
const IN_PROGRESS_DUE_FIRES = { type: IN_PROGRESS_DUE, at: DUE };
const ALPHABET: MachineEvent[] = [VISIT, COMPLETE, { type: 'CLOSE', reason: 'directive closed', at: DUE }, OPEN_DUE_FIRES, IN_PROGRESS_DUE_FIRES];

const fresh = { dueAt: DUE, reminded: false };
const reminded = { dueAt: DUE, reminded: true };
const REMINDER = { type: 'notify', audience: 'assignees', kind: 'screeningOverdue' } as const;

describe('screening task machine', () => {
  const machine = screeningTaskMachine();

  it('opens not yet reminded, arming the due time from its input time', () => {
    expect(startMachine(machine, input)).toEqual({ snapshot: { value: 'open', context: fresh, status: 'active' }, state: 'open', done: false, effects: [setTimer(OPEN_DUE, 72 * HOUR)] });
  });

  it('created after its due time, it is due at once', () => {
    expect(startMachine(machine, { ...input, at: '2022-03-14T00:00:00.000Z' }).effects).toEqual([setTimer(OPEN_DUE, 0)]);
  });

  describeTransitions(
    machine,
    ALPHABET,
    [
      {
        state: 'open',
        via: [],
        accepts: [
          // Starting work re-arms the same due time: 48 hours after the first visit.
          { event: VISIT, state: 'inProgress', effects: [cancelTimer(OPEN_DUE), setTimer(IN_PROGRESS_DUE, 48 * HOUR)], context: fresh },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(OPEN_DUE)], context: fresh },
          { event: OPEN_DUE_FIRES, label: 'due', state: 'open', effects: [REMINDER], context: reminded },
        ],
      },
      {
        state: 'open',
        label: 'open (reminded)',
        via: [OPEN_DUE_FIRES],
        accepts: [
          // Already past due: re-armed at once, but it will not remind again.
          { event: LATE_VISIT, state: 'inProgress', effects: [cancelTimer(OPEN_DUE), setTimer(IN_PROGRESS_DUE, 0)], context: reminded },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(OPEN_DUE)], context: reminded },
        ],
      },
      {
        state: 'inProgress',
        via: [VISIT],
        accepts: [
          // Further visits stay in the state: the timer stands, nothing is re-armed.
          { event: VISIT_2, state: 'inProgress', effects: [], context: fresh },
          { event: COMPLETE, state: 'completed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: fresh },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: fresh },
          { event: IN_PROGRESS_DUE_FIRES, label: 'due', state: 'inProgress', effects: [REMINDER], context: reminded },
        ],
      },
      {
        state: 'inProgress',
        label: 'inProgress (after many visits)',
        via: [VISIT, VISIT_2, VISIT],
        accepts: [
          { event: VISIT, state: 'inProgress', effects: [], context: fresh },
          { event: COMPLETE, state: 'completed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: fresh },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: fresh },
          { event: IN_PROGRESS_DUE_FIRES, label: 'due', state: 'inProgress', effects: [REMINDER], context: reminded },
        ],
      },
      {
        state: 'inProgress',
        label: 'inProgress (reminded while in progress)',
        via: [VISIT, IN_PROGRESS_DUE_FIRES],
        accepts: [
          { event: LATE_VISIT, state: 'inProgress', effects: [], context: reminded },
          { event: COMPLETE, state: 'completed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: reminded },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: reminded },
        ],
      },
      {
        state: 'inProgress',
        label: 'inProgress (reminded while open)',
        via: [OPEN_DUE_FIRES, LATE_VISIT],
        accepts: [
          { event: VISIT_2, state: 'inProgress', effects: [], context: reminded },
          { event: COMPLETE, state: 'completed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: reminded },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(IN_PROGRESS_DUE)], context: reminded },
        ],
      },
      { state: 'completed', via: [VISIT, COMPLETE], accepts: [] },
      { state: 'closed', via: [CLOSE], accepts: [] },
      { state: 'closed', label: 'closed (while in progress)', via: [VISIT, CLOSE], accepts: [] },
    ],
    input,
  );

  it('reminds once: the timer re-armed on starting work after the reminder is refused when it comes', () => {
    const opened = startMachine(machine, input);
    const late = stepMachine(machine, opened.snapshot, timerEvent(opened, OPEN_DUE, DUE));
    expect(late).toEqual({ snapshot: { value: 'open', context: reminded, status: 'active' }, state: 'open', done: false, effects: [REMINDER] });
    const working = stepMachine(machine, late.snapshot, LATE_VISIT);
    const rearmed = timerEvent(working, IN_PROGRESS_DUE, LATE_VISIT.at);
    expect(canApply(machine, working.snapshot, rearmed)).toBe(false);
    expectRefused(machine, working, rearmed);
  });

  it('reminds when the due time passes during the work, from the timer armed on the first visit', () => {
    const working = run(machine, [VISIT], input);
    const afterMore = stepMachine(machine, working.snapshot, VISIT_2);
    expect(stepMachine(machine, afterMore.snapshot, timerEvent(working, IN_PROGRESS_DUE, DUE))).toEqual({
      snapshot: { value: 'inProgress', context: reminded, status: 'active' },
      state: 'inProgress',
      done: false,
      effects: [REMINDER],
    });
  });

  it('refuses the timer of a state it has left, and does not offer timers as actions', () => {
    expectRefused(machine, run(machine, [VISIT], input), OPEN_DUE_FIRES);
    expectRefused(machine, startMachine(machine, input), IN_PROGRESS_DUE_FIRES);
    expect(new Set(acceptedEvents(machine, startMachine(machine, input).snapshot))).toEqual(new Set(['VISIT', 'CLOSE']));
  });

  describe('replay', () => {
    const events: MachineEvent[] = [VISIT, VISIT_2, IN_PROGRESS_DUE_FIRES, LATE_VISIT, { ...COMPLETE, at: '2022-03-13T03:00:00.000Z' }];
    afterEach(() => vi.useRealTimers());

    it('the same events from the same input give identical snapshots and effects, whatever the clock says', () => {
      const first = trace(machine, events, input);
      expect(trace(screeningTaskMachine(), events, input)).toEqual(first);
      vi.useFakeTimers({ now: new Date('2031-06-01T00:00:00.000Z') });
      expect(trace(screeningTaskMachine(), events, input)).toEqual(first);
    });

    it('steps on from JSON exactly as from the original', () => {
      const first = trace(machine, events, input);
      for (let i = 0; i < events.length; i++) expect(stepMachine(machine, throughJson(first[i]!.snapshot), events[i]!)).toEqual(first[i + 1]);
    });
  });
});
