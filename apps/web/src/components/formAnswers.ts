import { isFieldVisible, validateSubmission, type FieldIssue, type FormDefinition } from '@cascade/forms';

export type Answers = Record<string, unknown>;
export type IssuesByField = Record<string, FieldIssue[]>;

/** Groups issues by field key; server issues name the field as `data.<key>`, local ones as `<key>`. */
export function issuesByField(issues: readonly FieldIssue[]): IssuesByField {
  const out: IssuesByField = {};
  for (const issue of issues) {
    const key = issue.path.startsWith('data.') ? issue.path.slice(5) : issue.path;
    (out[key] ??= []).push(issue);
  }
  return out;
}

/** The same validator the server runs, grouped for the inputs. */
export function validateAnswers(form: FormDefinition, answers: Answers) {
  const result = validateSubmission(form, answers);
  return { result, issues: result.ok ? {} : issuesByField(result.issues) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys of visible fields whose answer differs from the previous period's. */
export function changedKeys(form: FormDefinition, previous: Answers | null | undefined, current: Answers): string[] {
  if (!previous) return [];
  return form.fields.filter((f) => isFieldVisible(form, f, current) && !same(previous[f.key], current[f.key])).map((f) => f.key);
}

/** Starting answers: the last submission of this task if any, else the previous period's answers
 * (only keys the form still has). */
export function initialAnswers(form: FormDefinition, current: Answers | undefined, previous: Answers | null | undefined): Answers {
  const source = current ?? previous ?? {};
  const keys = new Set(form.fields.map((f) => f.key));
  return Object.fromEntries(Object.entries(source).filter(([k]) => keys.has(k)));
}
