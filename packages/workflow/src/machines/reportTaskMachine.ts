import { assign, setup } from 'xstate';
import type { ReportStage } from '../template/templateDefinition.js';
import { HOUR_MS, msUntil } from './eventTime.js';

export type ReportTaskInput = { stageId: string; periodKey: string; dueAt: string; at?: string };
export type ReportTaskContext = { stageId: string; periodKey: string; dueAt: string; attempts: number; lastComment: string | null; escalated: boolean };
export type ReportTaskEvent =
  | { type: 'SUBMIT'; submissionId: string; at?: string }
  | { type: 'RETURN'; comment: string; at?: string }
  | { type: 'ACCEPT'; at?: string }
  | { type: 'CLOSE'; reason?: string; at?: string };

const shift = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

/**
 * One report for one unit and one period: submitted, possibly returned for correction and
 * resubmitted, then accepted by the level above. Past its due time it becomes overdue (the grid is
 * told); the template may remind before the due time and escalate to the level above after it.
 * A late report is still taken.
 */
export function reportTaskMachine(stage: Pick<ReportStage, 'id' | 'remindBeforeHours' | 'escalateAfterHours'>) {
  const submit = { SUBMIT: { target: 'submitted' as const, actions: 'countAttempt' as const } };
  const reminder = stage.remindBeforeHours !== undefined ? { remindDue: { actions: { type: 'notify' as const, params: { audience: 'assignees', kind: 'reportReminder' } } } } : {};
  const escalation =
    stage.escalateAfterHours !== undefined
      ? { after: { escalateDue: { guard: 'notYetEscalated' as const, actions: ['markEscalated', { type: 'notify', params: { audience: 'parentAdmins', kind: 'reportEscalated' } }, 'escalate'] as const } } }
      : {};
  return setup({
    types: {} as { context: ReportTaskContext; events: ReportTaskEvent; input: ReportTaskInput },
    actions: {
      notify: (_, _params: { audience: string; kind: string }) => {},
      escalate: () => {},
      countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
      keepComment: assign(({ event }) => ({ lastComment: event.type === 'RETURN' ? event.comment : null })),
      markEscalated: assign({ escalated: true }),
    },
    guards: {
      // A returned report past its due time goes overdue again and re-arms the escalation; a task is
      // escalated to the level above once.
      notYetEscalated: ({ context }) => !context.escalated,
    },
    delays: {
      remindDue: ({ context, event }) => msUntil(shift(context.dueAt, -(stage.remindBeforeHours ?? 0)), event),
      due: ({ context, event }) => msUntil(context.dueAt, event),
      escalateDue: ({ context, event }) => msUntil(shift(context.dueAt, stage.escalateAfterHours ?? 0), event),
    },
  }).createMachine({
    id: `task:report:${stage.id}`,
    context: ({ input }) => ({ stageId: input.stageId, periodKey: input.periodKey, dueAt: input.dueAt, attempts: 0, lastComment: null, escalated: false }),
    initial: 'open',
    states: {
      open: { on: { ...submit, CLOSE: 'closed' }, after: { ...reminder, due: 'overdue' } },
      overdue: {
        entry: { type: 'notify', params: { audience: 'assignees', kind: 'reportOverdue' } },
        on: { ...submit, CLOSE: 'closed' },
        ...escalation,
      },
      submitted: { on: { RETURN: { target: 'returned', actions: 'keepComment' }, ACCEPT: 'accepted', CLOSE: 'closed' } },
      returned: { on: { ...submit, CLOSE: 'closed' }, after: { due: 'overdue' } },
      accepted: { type: 'final' },
      closed: { type: 'final' },
    },
  });
}
