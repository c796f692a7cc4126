import type { inferRouterInputs } from '@trpc/server';
import type { FieldIssue, LocalizedText } from '@cascade/forms';
import type { AppRouter } from '@cascade/api';
import { reaches, type Principal } from '../../app/roles';
import type { MessageKey } from '../../i18n/messages';

export type CaseCommand = inferRouterInputs<AppRouter>['cases']['advance']['command'];
export type CaseAction = CaseCommand['type'];

/** The case's steps in the order they are taken. */
export const CASE_ACTIONS: readonly CaseAction[] = ['INVESTIGATE', 'DECIDE', 'REQUIRE_RECTIFICATION', 'CLOSE_CASE'];

/** Cases are run by an admin of a unit strictly above the unit concerned — the rule the server applies. */
export function mayRunCase(principal: Principal, unitPath: string | null | undefined): boolean {
  if (!unitPath) return false;
  return principal.grants.some((g) => g.role === 'admin' && reaches(g.path, unitPath) && g.path !== unitPath);
}

/** What to offer: the actions the case's state accepts, and none to someone who may not run it. */
export function offeredActions(acceptedEvents: readonly string[], mayRun: boolean): CaseAction[] {
  return mayRun ? CASE_ACTIONS.filter((a) => acceptedEvents.includes(a)) : [];
}

export type CaseFormValues = { decision?: 'sanction' | 'no_fault'; finding?: string; requirements?: Array<string | undefined>; dueAt?: { toISOString(): string } | null; summary?: string };

/** The command one action sends, from what was typed: texts trimmed, empty requirements dropped. */
export function caseCommand(action: CaseAction, values: CaseFormValues): CaseCommand {
  switch (action) {
    case 'INVESTIGATE':
      return { type: 'INVESTIGATE' };
    case 'DECIDE':
      return { type: 'DECIDE', decision: values.decision ?? 'sanction', finding: (values.finding ?? '').trim() };
    case 'REQUIRE_RECTIFICATION':
      return {
        type: 'REQUIRE_RECTIFICATION',
        requirements: (values.requirements ?? []).map((r) => (r ?? '').trim()).filter((r) => r.length > 0),
        dueAt: values.dueAt ? values.dueAt.toISOString() : '',
      };
    case 'CLOSE_CASE':
      return { type: 'CLOSE_CASE', summary: (values.summary ?? '').trim() };
  }
}

export const CASE_STATES = ['opened', 'investigating', 'decided', 'rectifying', 'closed'] as const;

export function caseStateKey(state: string): MessageKey | null {
  return (CASE_STATES as readonly string[]).includes(state) ? (`evaluationsCaseState_${state}` as MessageKey) : null;
}

export const CASE_STATE_COLOUR: Record<string, string> = { opened: 'red', investigating: 'orange', decided: 'purple', rectifying: 'gold', closed: 'default' };

/**
 * Server field issues as antd form fields. The server names them from the input's root
 * (`comment`, `command.finding`, `command.requirements.0`); `strip` removes the wrapper the form
 * does not have, and list items point at their own input.
 */
export function issueFields(issues: readonly FieldIssue[], text: (v: LocalizedText) => string, strip = ''): Array<{ name: Array<string | number>; errors: string[] }> {
  const byName = new Map<string, { name: Array<string | number>; errors: string[] }>();
  for (const issue of issues) {
    const path = issue.path.startsWith(strip) ? issue.path.slice(strip.length) : issue.path;
    const name = path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (name.length === 0) continue;
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(text(issue.message));
    byName.set(key, entry);
  }
  return [...byName.values()];
}
