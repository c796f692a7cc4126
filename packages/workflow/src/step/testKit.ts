import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Effect } from './effects.js';
import { EventNotAllowedError } from './eventNotAllowedError.js';
import { acceptedEvents, canApply, startMachine, stepMachine, type MachineEvent, type StepResult } from './step.js';

/** Shared helpers for the stage-machine tests. Not exported from the package. */

/** Starts the machine and applies the events in order, as the engine does when it replays history. */
export function run(machine: AnyStateMachine, events: readonly MachineEvent[], input?: unknown): StepResult {
  let result = startMachine(machine, input);
  for (const event of events) result = stepMachine(machine, result.snapshot, event);
  return result;
}

/** Every result along the way, start included. */
export function trace(machine: AnyStateMachine, events: readonly MachineEvent[], input?: unknown): StepResult[] {
  const results = [startMachine(machine, input)];
  for (const event of events) results.push(stepMachine(machine, results[results.length - 1]!.snapshot, event));
  return results;
}

/** The refusal of a step, checked to be an EventNotAllowedError. */
export function refusal(step: () => unknown): EventNotAllowedError {
  let caught: unknown = null;
  try {
    step();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EventNotAllowedError);
  return caught as EventNotAllowedError;
}

export function expectRefused(machine: AnyStateMachine, from: StepResult, event: MachineEvent): void {
  expect(canApply(machine, from.snapshot, event)).toBe(false);
  const error = refusal(() => stepMachine(machine, from.snapshot, event));
  expect(error).toMatchObject({ code: 'EVENT_NOT_ALLOWED', eventType: event.type, state: from.state, machine: machine.id });
  expect(error.message).toContain(event.type);
  expect(error.message).toContain(from.state);
}

export type Outcome = {
  state: string;
  /** Exactly the effects of the step; none when left out. */
  effects?: Effect[];
  done?: boolean;
  /** The whole context after the step (checked with toEqual). */
  context?: Record<string, unknown>;
};

export type Accepted = { event: MachineEvent; label?: string } & Outcome;

export type StateRow = {
  state: string;
  /** Events from the start that lead here. */
  via: MachineEvent[];
  /** Only for readable titles when one state is reached two ways. */
  label?: string;
  accepts: Accepted[];
  /** Events of an accepted type that are nevertheless refused (guards). */
  refusesAlso?: Array<{ event: MachineEvent; label: string }>;
};

const title = (event: MachineEvent, label?: string) => (label ? `${event.type} (${label})` : event.type);

/**
 * One test per transition and one per refusal: in each state, every accepted event leads to the
 * expected state with exactly the expected effects, and every other event of the machine's alphabet
 * (plus an unknown one) is refused with an error naming the event and the state.
 */
export function describeTransitions(machine: AnyStateMachine, alphabet: readonly MachineEvent[], rows: readonly StateRow[], input?: unknown): void {
  for (const row of rows) {
    describe(`in ${row.label ?? row.state}`, () => {
      const reach = () => {
        const at = run(machine, row.via, input);
        expect(at.state).toBe(row.state);
        return at;
      };
      const acceptedTypes = [...new Set(row.accepts.map((a) => a.event.type))];
      // Timer events are accepted (the engine delivers them) but never offered to people.
      const offeredTypes = acceptedTypes.filter((type) => !type.startsWith('xstate.'));

      for (const accepted of row.accepts) {
        it(`${title(accepted.event, accepted.label)} → ${accepted.state}`, () => {
          const at = reach();
          expect(canApply(machine, at.snapshot, accepted.event)).toBe(true);
          const next = stepMachine(machine, at.snapshot, accepted.event);
          expect(next.state).toBe(accepted.state);
          expect(next.snapshot.value).toBe(accepted.state);
          expect(next.done).toBe(accepted.done ?? false);
          expect(next.snapshot.status).toBe(accepted.done ? 'done' : 'active');
          expect(next.effects).toEqual(accepted.effects ?? []);
          if (accepted.context) expect(next.snapshot.context).toEqual(accepted.context);
        });
      }

      const refused = [...alphabet.filter((e) => !acceptedTypes.includes(e.type)).map((event) => ({ event, label: '' })), { event: { type: 'NO_SUCH_EVENT' }, label: '' }, ...(row.refusesAlso ?? [])];
      for (const { event, label } of refused) {
        it(`refuses ${title(event, label)}`, () => expectRefused(machine, reach(), event));
      }

      it(offeredTypes.length > 0 ? `offers exactly ${offeredTypes.join(', ')}` : 'offers nothing', () => {
        expect(new Set(acceptedEvents(machine, reach().snapshot))).toEqual(new Set(offeredTypes));
      });
    });
  }
}

/** The JSON a database column would hand back. */
export const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The effect of entering a state with a timeout: XState's id for it, the delay in milliseconds, and
 * the event the engine is to deliver when it is due. */
export function setTimer(timerId: string, delayMs: number): Effect {
  return { type: 'setTimer', timerId, delay: String(delayMs), delayMs, event: { type: timerId } };
}

export function cancelTimer(timerId: string): Effect {
  return { type: 'cancelTimer', timerId };
}

/** The event of a timer the step asked for, stamped with the time the engine delivers it, exactly as
 * the engine builds it from the stored `setTimer.event`. Fails if the step asked for no such timer. */
export function timerEvent(step: StepResult, timerId: string, at: string): MachineEvent {
  const timer = step.effects.find((e): e is Extract<Effect, { type: 'setTimer' }> => e.type === 'setTimer' && e.timerId === timerId);
  expect(timer, `a setTimer ${timerId} among ${JSON.stringify(step.effects)}`).toBeDefined();
  return { ...timer!.event, at };
}

/** Only the timer effects of a run of steps. */
export const timerEffects = (steps: readonly StepResult[]): Effect[] => steps.flatMap((s) => s.effects).filter((e) => e.type === 'setTimer' || e.type === 'cancelTimer');

export const HOUR = 3_600_000;
