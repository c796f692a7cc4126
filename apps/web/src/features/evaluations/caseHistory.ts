import type { MessageKey } from '../../i18n/messages';
import type { RouterOutputs } from '../../trpc';
import { CASE_ACTIONS, type CaseAction } from './caseActions';

export type HistoryRow = RouterOutputs['audit']['history']['rows'][number];

export type CaseHistoryItem = {
  seq: number;
  /** The step's label, or null for an event this screen has no words for (shown as it is). */
  label: MessageKey | null;
  eventType: string;
  from: string | null;
  to: string;
  actor: string | null;
  at: string;
  details: Array<{ label: MessageKey; value: string | string[]; translate?: boolean }>;
};

/** A case's history as timeline entries: what was done, by whom, and the words it was done with. */
export function caseHistoryItems(rows: readonly HistoryRow[]): CaseHistoryItem[] {
  return rows.map((row) => {
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    const details: CaseHistoryItem['details'] = [];
    if (typeof payload.decision === 'string') details.push({ label: 'evaluationsCaseDecision', value: `evaluationsDecision_${payload.decision}`, translate: true });
    if (typeof payload.finding === 'string') details.push({ label: 'evaluationsFinding', value: payload.finding });
    if (Array.isArray(payload.requirements)) details.push({ label: 'evaluationsRequirements', value: payload.requirements.map(String) });
    if (typeof payload.dueAt === 'string') details.push({ label: 'evaluationsRectifyDue', value: payload.dueAt });
    if (typeof payload.summary === 'string') details.push({ label: 'evaluationsSummary', value: payload.summary });
    const action = (CASE_ACTIONS as readonly string[]).includes(row.eventType) ? (row.eventType as CaseAction) : null;
    const label: MessageKey | null = action ? `evaluationsAction_${action}` : row.eventType === 'xstate.init' ? 'evaluationsEvent_xstate_init' : null;
    return { seq: row.seq, label, eventType: row.eventType, from: row.fromState, to: row.toState, actor: row.actorName ?? null, at: row.at, details };
  });
}

/** The states a case has been through, for tinting them on its diagram. */
export function visitedStates(rows: readonly HistoryRow[]): string[] {
  return [...new Set(rows.map((r) => r.toState))];
}
