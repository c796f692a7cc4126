import type { Grant, Principal } from '../../app/roles';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@cascade/api';
import type { RouterOutputs } from '../../trpc';

export type Subjects = RouterOutputs['evaluations']['subjects'];
export type SubjectRef = { kind: 'unit' | 'user'; id: string };
export type Evidence = { kind: 'task' | 'submission'; id: string };
export type RecordInput = inferRouterInputs<AppRouter>['evaluations']['record'];
export type Outcome = RecordInput['outcome'];

/** A subject as one select value: units and people share one list. */
export function subjectValue(ref: SubjectRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseSubject(value: string | null | undefined): SubjectRef | null {
  const match = /^(unit|user):(.+)$/.exec(value ?? '');
  return match ? { kind: match[1] as SubjectRef['kind'], id: match[2]! } : null;
}

export type SubjectOption = { value: string; label: string; state?: string };

/** The units (with their receipt's state) and the people one may evaluate, each person once even
 * when assigned to several units. */
export function subjectOptions(subjects: Pick<Subjects, 'units' | 'people'>): { units: SubjectOption[]; people: SubjectOption[] } {
  const units = subjects.units.map((u) => ({ value: subjectValue({ kind: 'unit', id: u.id }), label: u.name, state: u.receiptState }));
  const people = new Map<string, SubjectOption>();
  for (const p of subjects.people) {
    const value = subjectValue({ kind: 'user', id: p.userId });
    const known = people.get(value);
    people.set(value, { value, label: known ? `${known.label}、${p.unitName}` : `${p.displayName}(${p.unitName}` });
  }
  return { units, people: [...people.values()].map((o) => ({ ...o, label: `${o.label})` })) };
}

/** The units an admin evaluates from: the admin's own units (the level above evaluates). */
export function evaluatorGrants(principal: Principal): Grant[] {
  const seen = new Set<string>();
  return principal.grants.filter((g) => g.role === 'admin' && !seen.has(g.orgUnitId) && seen.add(g.orgUnitId));
}

/** What `evaluations.record` is sent: exactly one subject, the comment trimmed. */
export function recordInput(input: { directiveId: string; evaluatorUnitId: string; subject: SubjectRef; outcome: Outcome; comment: string; evidence: Evidence[] }): RecordInput {
  return {
    directiveId: input.directiveId,
    evaluatorUnitId: input.evaluatorUnitId,
    ...(input.subject.kind === 'unit' ? { subjectUnitId: input.subject.id } : { subjectUserId: input.subject.id }),
    outcome: input.outcome,
    comment: input.comment.trim(),
    evidence: input.evidence,
  };
}
