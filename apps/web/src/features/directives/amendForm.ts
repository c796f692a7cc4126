import type { FieldIssue, LocalizedText } from '@cascade/forms';

/** What the amend dialog holds: requirement lines (some may be blank), forms as `key@version`, and
 * an optional new deadline (a dayjs value from the picker). */
export type AmendValues = { requirements?: Array<string | undefined>; forms?: string[]; deadline?: { toISOString(): string } | null };

export type AmendInput = { receiptId: string; requirements: string[]; forms: Array<{ key: string; version: number }>; deadline?: string };

export function formRefValue(form: { key: string; version: number }): string {
  return `${form.key}@${form.version}`;
}

function parseFormRef(value: string): { key: string; version: number } {
  const at = value.lastIndexOf('@');
  return { key: value.slice(0, at), version: Number(value.slice(at + 1)) };
}

/** The mutation input: blank lines dropped and text trimmed; nothing judged here — the server says
 * whether the deadline is tighter. */
export function amendInput(receiptId: string, values: AmendValues): AmendInput {
  const requirements = (values.requirements ?? []).map((r) => (r ?? '').trim()).filter((r) => r.length > 0);
  const forms = (values.forms ?? []).map(parseFormRef);
  return { receiptId, requirements, forms, ...(values.deadline ? { deadline: values.deadline.toISOString() } : {}) };
}

export function isEmptyAmendment(input: AmendInput): boolean {
  return input.requirements.length === 0 && input.forms.length === 0 && input.deadline === undefined;
}

export type FieldError = { name: 'deadline' | 'forms' | 'requirements' | ['requirements', number]; errors: string[] };

/**
 * Where each of the server's issues belongs in the dialog: `deadline` at the deadline picker,
 * `requirements.N` at line N of what was sent (blank lines were dropped, so N counts the sent lines),
 * `requirements` and `forms.N` at their fields. Issues with no field come back as `general`.
 */
export function amendFieldErrors(issues: readonly FieldIssue[], sentLines: readonly number[], text: (t: LocalizedText) => string): { fields: FieldError[]; general: string[] } {
  const fields = new Map<string, FieldError>();
  const general: string[] = [];
  const add = (name: FieldError['name'], message: string) => {
    const id = JSON.stringify(name);
    const entry = fields.get(id) ?? { name, errors: [] };
    entry.errors.push(message);
    fields.set(id, entry);
  };
  for (const issue of issues) {
    const [head, index] = issue.path.split('.');
    const message = text(issue.message);
    if (head === 'deadline') add('deadline', message);
    else if (head === 'forms') add('forms', message);
    else if (head === 'requirements' && index !== undefined && sentLines[Number(index)] !== undefined) add(['requirements', sentLines[Number(index)]!], message);
    else if (head === 'requirements') add('requirements', message);
    else general.push(message);
  }
  return { fields: [...fields.values()], general };
}

/** Positions of the non-blank lines, in the order `amendInput` sends them. */
export function sentLineIndexes(values: AmendValues): number[] {
  return (values.requirements ?? []).flatMap((r, i) => ((r ?? '').trim().length > 0 ? [i] : []));
}
