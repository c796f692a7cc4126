import { assign, setup } from 'xstate';
import type { Level } from '../levels.js';
import type { ReceiptInput, StageRef } from '../step/effects.js';
import type { FormRef, IssueLevel, StageStart } from '../template/templateDefinition.js';
import { HOUR_MS, msUntil } from './eventTime.js';

export type ReceiptContext = Omit<ReceiptInput, 'at'> & {
  amendments: number;
  receivedAt: string;
  acknowledgedAt: string | null;
  /** Set when a time limit of this level passed: the admins were reminded and the level above told. */
  lateToAcknowledge: boolean;
  lateToForward: boolean;
  /** Tasks of this unit that went overdue long enough to be escalated to the level above. */
  escalations: number;
};
export type ReceiptEvent =
  | { type: 'ACKNOWLEDGE'; at?: string }
  | { type: 'AMEND'; requirements: string[]; forms: FormRef[]; deadline?: string; at?: string }
  | { type: 'FORWARD'; at?: string }
  | { type: 'TASK_ESCALATED'; taskId: string; at?: string }
  | { type: 'CLOSE'; reason?: string; at?: string };

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
  const close = { CLOSE: { target: 'closed' as const }, TASK_ESCALATED: { actions: 'countEscalation' as const } };
  const lateToForward =
    canForward && issue.forwardWithinHours !== undefined
      ? { after: { forwardDue: { guard: 'notYetLateToForward' as const, actions: ['markLateToForward', { type: 'notify', params: { audience: 'unitAdmins', kind: 'forwardOverdue' } }, { type: 'notify', params: { audience: 'parentAdmins', kind: 'forwardEscalated' } }] as const } } }
      : {};

  return setup({
    types: {} as { context: ReceiptContext; events: ReceiptEvent; input: ReceiptInput },
    actions: {
      notify: (_, _params: { audience: string; kind: string }) => {},
      startStages: (_, _params: { stages: StageRef[] }) => {},
      markAcknowledged: assign(({ event }) => ({ acknowledgedAt: (event as { at?: string }).at ?? null })),
      markLateToAcknowledge: assign({ lateToAcknowledge: true }),
      markLateToForward: assign({ lateToForward: true }),
      countEscalation: assign(({ context }) => ({ escalations: context.escalations + 1 })),
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
    delays: {
      // Measured from the receipt's own times kept in context, so re-entering a state or replaying
      // history schedules the same instant.
      acknowledgeDue: ({ context, event }) => msUntil(new Date(Date.parse(context.receivedAt) + (issue.acknowledgeWithinHours ?? 0) * HOUR_MS).toISOString(), event),
      forwardDue: ({ context, event }) =>
        msUntil(new Date(Date.parse(context.acknowledgedAt ?? context.receivedAt) + (issue.forwardWithinHours ?? 0) * HOUR_MS).toISOString(), event),
    },
    guards: {
      // Moving from acknowledged to amended re-arms the forward timer; tell people only once.
      notYetLateToForward: ({ context }) => !context.lateToForward,
      tightensOnly: ({ context, event }) => event.type === 'AMEND' && notLater(event.deadline, context.deadline),
    },
  }).createMachine({
    id: `receipt:${level}`,
    context: ({ input }) => ({
      deadline: input.deadline,
      addedRequirements: input.addedRequirements,
      addedForms: input.addedForms,
      amendments: 0,
      receivedAt: input.at ?? input.deadline,
      acknowledgedAt: null,
      lateToAcknowledge: false,
      lateToForward: false,
      escalations: 0,
    }),
    initial: 'received',
    states: {
      received: {
        entry: entryFor('received'),
        ...(issue.autoForward && canForward
          ? { always: { target: 'forwarded' } }
          : {
              on: { ACKNOWLEDGE: { target: 'acknowledged', actions: 'markAcknowledged' }, ...close },
              ...(issue.acknowledgeWithinHours !== undefined
                ? {
                    after: {
                      acknowledgeDue: {
                        actions: ['markLateToAcknowledge', { type: 'notify', params: { audience: 'unitAdmins', kind: 'acknowledgeOverdue' } }, { type: 'notify', params: { audience: 'parentAdmins', kind: 'acknowledgeEscalated' } }] as const,
                      },
                    },
                  }
                : {}),
            }),
      },
      acknowledged: { entry: entryFor('acknowledged'), on: { ...amend, ...forward, ...close }, ...lateToForward },
      ...(issue.canAmend ? { amended: { entry: entryFor('amended'), on: { ...amend, ...forward, ...close }, ...lateToForward } } : {}),
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
