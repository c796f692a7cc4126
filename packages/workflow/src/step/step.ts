import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Effect } from './effects.js';
import { EventNotAllowedError } from './eventNotAllowedError.js';
import { pureInitialTransition, pureTransition } from './pureTransition.js';

/** What is stored for an instance: enough to resume it exactly. Machines here are flat and spawn
 * no actors, so value and context are the whole state. */
export type PersistedSnapshot = { value: string; context: Record<string, unknown>; status: 'active' | 'done' };

export type StepResult = { snapshot: PersistedSnapshot; state: string; done: boolean; effects: Effect[] };

export type MachineEvent = { type: string; [key: string]: unknown };

type ActionObject = { type: string; params?: unknown };

const EFFECT_ACTIONS = new Set(['fanOut', 'startStages', 'closeDirectiveWork', 'openCase', 'notify', 'escalate', 'openPeriod', 'schedulePeriods']);

function toEffects(actions: ActionObject[]): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    if (EFFECT_ACTIONS.has(action.type)) {
      effects.push({ type: action.type, ...((action.params as object | undefined) ?? {}) } as Effect);
    } else if (action.type === 'xstate.raise') {
      const params = action.params as { event: { type: string }; id?: string; delay?: number | string };
      if (params.delay !== undefined) {
        effects.push({
          type: 'setTimer',
          timerId: params.id ?? params.event.type,
          delay: String(params.delay),
          delayMs: typeof params.delay === 'number' ? params.delay : null,
          event: params.event,
        });
      }
    } else if (action.type === 'xstate.cancel') {
      effects.push({ type: 'cancelTimer', timerId: String((action.params as { sendId: string }).sendId) });
    }
  }
  return effects;
}

function persist(snapshot: AnyMachineSnapshot): PersistedSnapshot {
  if (typeof snapshot.value !== 'string') throw new Error('stage machines are flat: a state value must be a string');
  if (snapshot.status === 'error') throw new Error(`machine ${snapshot.machine.id} entered an error state`);
  return {
    value: snapshot.value,
    context: structuredClone(snapshot.context ?? {}) as Record<string, unknown>,
    status: snapshot.status === 'done' ? 'done' : 'active',
  };
}

function result(snapshot: AnyMachineSnapshot, actions: ActionObject[]): StepResult {
  const persisted = persist(snapshot);
  return { snapshot: persisted, state: persisted.value, done: persisted.status === 'done', effects: toEffects(actions) };
}

/** The first snapshot of a new instance and the effects of entering it. */
export function startMachine(machine: AnyStateMachine, input?: unknown): StepResult {
  const [snapshot, actions] = pureInitialTransition(machine, input);
  return result(snapshot, actions as ActionObject[]);
}

export function restoreSnapshot(machine: AnyStateMachine, persisted: PersistedSnapshot): AnyMachineSnapshot {
  return machine.resolveState({ value: persisted.value, context: persisted.context });
}

/** The stored snapshot restored, or null once the instance is done (a done instance takes nothing). */
function restoreIfActive(machine: AnyStateMachine, persisted: PersistedSnapshot): AnyMachineSnapshot | null {
  return persisted.status === 'done' ? null : restoreSnapshot(machine, persisted);
}

/** Whether the event would be accepted now (guards included). */
export function canApply(machine: AnyStateMachine, persisted: PersistedSnapshot, event: MachineEvent): boolean {
  return restoreIfActive(machine, persisted)?.can(event) ?? false;
}

/**
 * The next snapshot and the effects to carry out, computed without executing anything (as XState's
 * pure `transition()`). An event the current state does not take is refused, never ignored.
 */
export function stepMachine(machine: AnyStateMachine, persisted: PersistedSnapshot, event: MachineEvent): StepResult {
  // canApply's check, on the snapshot the step then uses: restored once, not twice, per event.
  const current = restoreIfActive(machine, persisted);
  if (!current?.can(event)) throw new EventNotAllowedError(event.type, persisted.value, machine.id);
  const [next, actions] = pureTransition(machine, current, event);
  return result(next, actions as ActionObject[]);
}

/** The events a state accepts, for UIs that show only allowed actions. Guards are applied to a bare
 * event of each type, so a guard on the stored context (a sanctioned case cannot close before
 * rectification) hides the action; a guard on the event's payload is left to `canApply`. */
export function acceptedEvents(machine: AnyStateMachine, persisted: PersistedSnapshot): string[] {
  if (persisted.status === 'done') return [];
  const snapshot = restoreSnapshot(machine, persisted);
  return [...new Set(snapshot._nodes.flatMap((node) => node.ownEvents))].filter((type) => type && !type.startsWith('xstate.') && snapshot.can({ type }));
}
