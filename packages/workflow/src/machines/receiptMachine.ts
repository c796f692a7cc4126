import { assign, setup } from 'xstate';
import type { Level } from '../levels.js';
import type { ReceiptInput, StageRef } from '../step/effects.js';
import type { FormRef, IssueLevel, StageStart } from '../template/templateDefinition.js';

export type ReceiptContext = ReceiptInput & { amendments: number };
export type ReceiptEvent =
  | { type: 'ACKNOWLEDGE' }
  | { type: 'AMEND'; requirements: string[]; forms: FormRef[]; deadline?: string }
  | { type: 'FORWARD' }
  | { type: 'CLOSE'; reason?: string };

export type ReceiptShape = {
  level: Level;
  /** The next level down the chain, or null for the last level, which does the work itself. */
  nextLevel: Level | null;
  issue: IssueLevel;
  /** Stages that start for this level's unit when its receipt enters a given state. */
  stagesByState: Partial<Record<StageStart, StageRef[]>>;
};

/** ISO instants compare correctly as strings only in one format; compare as times instead. */
function notLater(candidate: string | undefined, limit: string): boolean {
  return candidate === undefined || Date.parse(candidate) <= Date.parse(limit);
}

/**
 * A unit's copy of a directive: received → acknowledged → (amended) → forwarded, or closed at any
 * point. The template decides whether the level may amend, whether it forwards by itself, and which
 * stages start on which state.
 */
export function receiptMachine(shape: ReceiptShape) {
  const { level, nextLevel, issue, stagesByState } = shape;
  const entryFor = (state: StageStart) => {
    const stages = stagesByState[state];
    return stages && stages.length > 0 ? [{ type: 'startStages' as const, params: { stages } }] : [];
  };
  const canForward = nextLevel !== null;
  const forward = canForward ? { FORWARD: { target: 'forwarded' as const } } : {};
  const amend = issue.canAmend ? { AMEND: { target: 'amended' as const, guard: 'tightensOnly' as const, actions: 'recordAmendment' as const } } : {};
  const close = { CLOSE: { target: 'closed' as const } };

  return setup({
    types: {} as { context: ReceiptContext; events: ReceiptEvent; input: ReceiptInput },
    actions: {
      startStages: (_, _params: { stages: StageRef[] }) => {},
      fanOut: (_, _params: { toLevel: Level; input: ReceiptInput }) => {},
      recordAmendment: assign(({ context, event }) => {
        if (event.type !== 'AMEND') return {};
        return {
          addedRequirements: [...context.addedRequirements, ...event.requirements],
          addedForms: [...context.addedForms, ...event.forms],
          deadline: event.deadline ?? context.deadline,
          amendments: context.amendments + 1,
        };
      }),
    },
    guards: {
      tightensOnly: ({ context, event }) => event.type === 'AMEND' && notLater(event.deadline, context.deadline),
    },
  }).createMachine({
    id: `receipt:${level}`,
    context: ({ input }) => ({ ...input, amendments: 0 }),
    initial: 'received',
    states: {
      received: {
        entry: entryFor('received'),
        ...(issue.autoForward && canForward
          ? { always: { target: 'forwarded' } }
          : { on: { ACKNOWLEDGE: { target: 'acknowledged' }, ...close } }),
      },
      acknowledged: { entry: entryFor('acknowledged'), on: { ...amend, ...forward, ...close } },
      ...(issue.canAmend ? { amended: { entry: entryFor('amended'), on: { ...amend, ...forward, ...close } } } : {}),
      ...(canForward
        ? {
            forwarded: {
              entry: [
                ...entryFor('forwarded'),
                {
                  type: 'fanOut' as const,
                  params: ({ context }: { context: ReceiptContext }) => ({
                    toLevel: nextLevel,
                    input: { deadline: context.deadline, addedRequirements: context.addedRequirements, addedForms: context.addedForms },
                  }),
                },
              ],
              on: close,
            },
          }
        : {}),
      closed: { type: 'final' },
    },
  });
}
