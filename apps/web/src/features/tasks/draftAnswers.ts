import type { FormDefinition } from '@cascade/forms';
import { initialAnswers, type Answers } from '../../components/formAnswers';

/** Where a form's starting answers came from. */
export type AnswersSource = 'draft' | 'current' | 'previous' | 'empty';

/** A draft over the answers it started from: `null` means the worker cleared that answer; keys the
 * form no longer has are ignored. */
export function applyDraft(form: FormDefinition, base: Answers, draft: Answers): Answers {
  const keys = new Set(form.fields.map((f) => f.key));
  const out: Answers = { ...base };
  for (const [key, value] of Object.entries(draft)) {
    if (!keys.has(key)) continue;
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/**
 * What the form opens with: the saved draft over this task's last submission (or else the previous
 * period's answers), so the worker continues exactly where they left off on any device.
 */
export function startingAnswers(form: FormDefinition, sources: { draft?: Answers | null; current?: Answers | null; previous?: Answers | null }): { values: Answers; source: AnswersSource } {
  const base = initialAnswers(form, sources.current ?? undefined, sources.previous);
  if (sources.draft) return { values: applyDraft(form, base, sources.draft), source: 'draft' };
  return { values: base, source: sources.current ? 'current' : sources.previous ? 'previous' : 'empty' };
}

/** The draft to save for these values: each answer as typed, and `null` for an answer of the base
 * the worker cleared, so restoring it over the same base gives back exactly these values. */
export function draftOf(base: Answers, values: Answers): Answers {
  const out: Answers = { ...values };
  for (const key of Object.keys(base)) if (!(key in values)) out[key] = null;
  return out;
}

const canonical = (answers: Answers) => JSON.stringify(Object.keys(answers).sort().map((k) => [k, answers[k]]));

export function sameAnswers(a: Answers, b: Answers): boolean {
  return canonical(a) === canonical(b);
}
