import type { FieldIssue } from './fieldIssue.js';
import { formDefinitionSchema, type FormDefinition } from './formDefinition.js';
import { zodIssuesToFieldIssues } from './zodIssues.js';

/** Every problem of a form definition in one pass, each at its exact path. */
export function checkFormDefinition(def: unknown): { ok: true; value: FormDefinition } | { ok: false; issues: FieldIssue[] } {
  const parsed = formDefinitionSchema.safeParse(def);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssuesToFieldIssues(parsed.error.issues) };
}
