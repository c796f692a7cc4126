import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type ExecutableActionObject } from 'xstate';

/**
 * XState's `transition()` and `initialTransition()` make a new actor for every call to serve as the
 * call's scope, and an actor works out its machine's initial snapshot as it is made. For a stage
 * machine, whose context is built from its input, that is a TypeError thrown and caught on every
 * event: 5.6 % of the server's CPU in a profile of report submissions. The scope keeps nothing
 * between calls for machines like these (flat, no children, no system ids), so one per machine
 * serves every call; only where the actions go changes, and JavaScript runs one call at a time.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    // The same fields as XState's own inert scope; nothing is run through them but the action sink.
    scope = { self, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, system: self.system, stopChild: () => {}, actionExecutor: () => {} };
    scopes.set(machine, scope);
  }
  return scope;
}

function collecting<T>(machine: AnyStateMachine, run: (scope: AnyActorScope) => T): [T, ExecutableActionObject[]] {
  const scope = scopeOf(machine);
  const actions: ExecutableActionObject[] = [];
  scope.actionExecutor = (action) => void actions.push(action);
  try {
    return [run(scope), actions];
  } finally {
    scope.actionExecutor = () => {};
  }
}

/** As XState's `transition()`: the next snapshot and the actions to execute, none executed. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableActionObject[]] {
  return collecting(machine, (scope) => machine.transition(snapshot, event, scope));
}

/** As XState's `initialTransition()`: the first snapshot and the actions of entering it. */
export function pureInitialTransition(machine: AnyStateMachine, input?: unknown): [AnyMachineSnapshot, ExecutableActionObject[]] {
  return collecting(machine, (scope) => machine.getInitialSnapshot(scope, input));
}
