import type { FieldIssue } from './fieldIssue.js';
import type { FormDefinition } from './formDefinition.js';
import { submissionMessages } from './submissionMessages.js';
import { buildSubmissionSchema } from './submissionSchema.js';
import { zodIssuesToFieldIssues } from './zodIssues.js';

/** The one validator of answers, run by the server on every submission and by the browser as the
 * worker types. All problems come back at once. */
export function validateSubmission(def: FormDefinition, data: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, issues: [{ path: '', rule: 'type', message: { zh: '答案应为按字段填写的对象', en: 'answers must be an object keyed by field' } }] };
  }
  const parsed = buildSubmissionSchema(def).safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssuesToFieldIssues(parsed.error.issues) };
}

export { submissionMessages };
