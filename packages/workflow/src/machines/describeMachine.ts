import type { AnyStateMachine } from 'xstate';

export type MachineGraph = {
  id: string;
  initial: string;
  states: Array<{
    name: string;
    final: boolean;
    entry: string[];
    transitions: Array<{ event: string; target: string; guard: string | null }>;
  }>;
};

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  // XState's built-in actions (the `raise` that arms a timer) are functions carrying their type.
  if (action && (typeof action === 'object' || typeof action === 'function') && 'type' in action) return String((action as { type: unknown }).type);
  return 'action';
}

/** A plain, serialisable picture of a flat machine: states, entry actions and transitions, for
 * drawing diagrams and for showing auditors what a template version allowed. */
export function describeMachine(machine: AnyStateMachine): MachineGraph {
  const root = machine.root;
  const states = Object.values(root.states).map((node) => {
    const transitions: MachineGraph['states'][number]['transitions'] = [];
    for (const [event, list] of node.transitions) {
      for (const t of list) {
        for (const target of t.target ?? [node]) transitions.push({ event, target: target.key, guard: t.guard ? actionName(t.guard) : null });
      }
    }
    for (const t of node.always ?? []) {
      for (const target of t.target ?? [node]) transitions.push({ event: '(always)', target: target.key, guard: t.guard ? actionName(t.guard) : null });
    }
    return { name: node.key, final: node.type === 'final', entry: node.entry.map(actionName), transitions };
  });
  const initial = root.initial?.target[0]?.key ?? states[0]?.name ?? '';
  return { id: machine.id, initial, states };
}
