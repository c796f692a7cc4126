import type { FieldDefinition, FormDefinition, LocalizedText } from '@cascade/forms';
import type { RouterOutputs } from '../../trpc';
import type { Evidence } from './evaluationSubjects';

export type EvidenceList = RouterOutputs['evaluations']['evidence'];
export type EvidenceTask = EvidenceList['tasks'][number];

/** What the ticked rows are cited as: the latest submission when there is one (the answers the
 * judgement rests on), else the task itself (a report never made is evidence too). */
export function evidenceFor(tasks: readonly EvidenceTask[], ticked: readonly string[]): Evidence[] {
  const chosen = new Set(ticked);
  return tasks.filter((t) => chosen.has(t.id)).map((t) => (t.latest ? { kind: 'submission', id: t.latest.id } : { kind: 'task', id: t.id }));
}

export function needsEvidence(outcome: string | undefined, evidenceRequiredFor: readonly string[]): boolean {
  return outcome !== undefined && evidenceRequiredFor.includes(outcome);
}

export type AnswerRow = { key: string; label: LocalizedText | null; field: FieldDefinition | null; value: unknown };

/** A submission's answers in the order of its form, labelled; keys the form does not know last. */
export function answerRows(form: FormDefinition | undefined, data: Record<string, unknown>): AnswerRow[] {
  const fields = form?.fields ?? [];
  const known = fields.filter((f) => f.key in data).map((f) => ({ key: f.key, label: f.label, field: f, value: data[f.key] }));
  const unknown = Object.keys(data)
    .filter((k) => !fields.some((f) => f.key === k))
    .map((k) => ({ key: k, label: null, field: null, value: data[k] }));
  return [...known, ...unknown];
}

/** An answer as text: options by their label, yes/no in words, lists joined. */
export function answerText(row: AnswerRow, words: { yes: string; no: string }, text: (v: LocalizedText) => string): string {
  const { value, field } = row;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const option = (v: unknown) => field?.options?.find((o) => o.value === v);
  if (Array.isArray(value)) return value.map((v) => (option(v) ? text(option(v)!.label) : String(v))).join('、');
  const found = option(value);
  return found ? text(found.label) : String(value);
}

/** The form definitions of an evidence list by version id, for labelling answers. */
export function formsById(list: Pick<EvidenceList, 'forms'>): Map<string, FormDefinition> {
  return new Map(list.forms.map((f) => [f.id, f.definition as FormDefinition]));
}
