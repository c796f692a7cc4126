import { assign, cancel, raise, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { EventNotAllowedError } from './eventNotAllowedError.js';
import { acceptedEvents, canApply, restoreSnapshot, startMachine, stepMachine } from './step.js';
import { expectRefused, refusal, throughJson } from './testKit.js';

/** A small machine with timers, to see how delayed events come out as effects. */
const reminder = setup({
  types: {} as { context: { nudges: string[] }; events: { type: 'SNOOZE' } | { type: 'DONE' } | { type: 'NUDGE'; note: string } | { type: 'STOP_NUDGING' } },
  actions: { keep: assign(({ context, event }) => ({ nudges: event.type === 'NUDGE' ? [...context.nudges, event.note] : context.nudges })) },
  delays: { reminderDelay: 7_200_000 },
}).createMachine({
  id: 'reminder',
  context: { nudges: [] },
  initial: 'waiting',
  states: {
    waiting: {
      after: { 3_600_000: 'late' },
      on: {
        SNOOZE: { actions: raise({ type: 'NUDGE', note: 'again' }, { delay: 'reminderDelay', id: 'nudge' }) },
        STOP_NUDGING: { actions: cancel('nudge') },
        NUDGE: { actions: 'keep' },
        DONE: 'done',
      },
    },
    late: { on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

describe('stepping a machine', () => {
  it('a state with a timeout asks for a timer on entry and its cancellation on leaving', () => {
    const waiting = startMachine(reminder);
    expect(waiting.effects).toEqual([
      { type: 'setTimer', timerId: 'xstate.after.3600000.reminder.waiting', delay: '3600000', delayMs: 3_600_000, event: { type: 'xstate.after.3600000.reminder.waiting' } },
    ]);
    expect(stepMachine(reminder, waiting.snapshot, { type: 'DONE' })).toEqual({
      snapshot: { value: 'done', context: { nudges: [] }, status: 'done' },
      state: 'done',
      done: true,
      effects: [{ type: 'cancelTimer', timerId: 'xstate.after.3600000.reminder.waiting' }],
    });
  });

  it('the timer event, when the engine delivers it, takes the transition', () => {
    const waiting = startMachine(reminder);
    const timer = waiting.effects[0];
    if (timer?.type !== 'setTimer') throw new Error('expected a timer');
    const late = stepMachine(reminder, waiting.snapshot, timer.event);
    expect(late.state).toBe('late');
  });

  it('a named delayed event keeps its id, with its named delay resolved to milliseconds', () => {
    const waiting = startMachine(reminder);
    const snoozed = stepMachine(reminder, waiting.snapshot, { type: 'SNOOZE' });
    expect(snoozed.effects).toEqual([{ type: 'setTimer', timerId: 'nudge', delay: '7200000', delayMs: 7_200_000, event: { type: 'NUDGE', note: 'again' } }]);
    expect(stepMachine(reminder, snoozed.snapshot, { type: 'STOP_NUDGING' }).effects).toEqual([{ type: 'cancelTimer', timerId: 'nudge' }]);
  });

  it('does not carry out anything itself: assigned context is returned, nothing else happens', () => {
    const waiting = startMachine(reminder);
    const nudged = stepMachine(reminder, waiting.snapshot, { type: 'NUDGE', note: 'call the grid' });
    expect(nudged).toEqual({ snapshot: { value: 'waiting', context: { nudges: ['call the grid'] }, status: 'active' }, state: 'waiting', done: false, effects: [] });
    expect(waiting.snapshot.context).toEqual({ nudges: [] });
  });

  it('the returned context is a copy, not shared with XState or with earlier snapshots', () => {
    const first = startMachine(reminder);
    (first.snapshot.context.nudges as string[]).push('tampered');
    expect(startMachine(reminder).snapshot.context).toEqual({ nudges: [] });
  });

  it('refuses an event the state does not take, with the event, state and machine in the error', () => {
    const waiting = startMachine(reminder);
    const error = refusal(() => stepMachine(reminder, stepMachine(reminder, waiting.snapshot, { type: 'DONE' }).snapshot, { type: 'SNOOZE' }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'EventNotAllowedError', code: 'EVENT_NOT_ALLOWED', eventType: 'SNOOZE', state: 'done', machine: 'reminder' });
    expect(error.message).toBe('event SNOOZE is not allowed in state done of reminder');
  });

  it('refuses rather than ignores an event with no transition in an active state', () => {
    const late = stepMachine(reminder, startMachine(reminder).snapshot, { type: 'xstate.after.3600000.reminder.waiting' });
    expectRefused(reminder, late, { type: 'SNOOZE' });
  });

  it('offers the events of the current state only, never XState internals', () => {
    const waiting = startMachine(reminder);
    expect(new Set(acceptedEvents(reminder, waiting.snapshot))).toEqual(new Set(['SNOOZE', 'STOP_NUDGING', 'NUDGE', 'DONE']));
    const late = stepMachine(reminder, waiting.snapshot, { type: 'xstate.after.3600000.reminder.waiting' });
    expect(acceptedEvents(reminder, late.snapshot)).toEqual(['DONE']);
  });

  it('a snapshot marked done accepts nothing whatever its value says', () => {
    const waiting = startMachine(reminder);
    const stale = { ...waiting.snapshot, status: 'done' as const };
    expect(canApply(reminder, stale, { type: 'DONE' })).toBe(false);
    expect(acceptedEvents(reminder, stale)).toEqual([]);
    expect(() => stepMachine(reminder, stale, { type: 'DONE' })).toThrow(EventNotAllowedError);
  });

  it('restores a stored snapshot to the same state and context', () => {
    const nudged = stepMachine(reminder, startMachine(reminder).snapshot, { type: 'NUDGE', note: 'n' });
    const restored = restoreSnapshot(reminder, throughJson(nudged.snapshot));
    expect(restored.value).toBe('waiting');
    expect(restored.context).toEqual({ nudges: ['n'] });
  });
});
