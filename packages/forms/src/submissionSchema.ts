import { z } from 'zod';
import type { FieldIssue, RuleParams } from './fieldIssue.js';
import { fieldSchema } from './fieldSchema.js';
import type { FormDefinition } from './formDefinition.js';
import { EXPECTED, submissionMessages as m } from './submissionMessages.js';
import { isEmptyAnswer, isFieldVisible } from './visibility.js';

/** Built once per definition: a form version never changes once published, and building the zod
 * schemas cost more than checking the answers. */
const built = new WeakMap<FormDefinition, z.ZodType<Record<string, unknown>>>();

/** Answers of the form as one zod schema: each visible field through its own schema, required
 * checked only where the field shows, hidden answers dropped, unknown keys refused. Definitions are
 * values: an edited form is a new object, so the schema kept for the old one is never reused for it. */
export function buildSubmissionSchema(def: FormDefinition): z.ZodType<Record<string, unknown>> {
  let schema = built.get(def);
  if (!schema) {
    schema = compileSubmissionSchema(def);
    built.set(def, schema);
  }
  return schema;
}

function compileSubmissionSchema(def: FormDefinition): z.ZodType<Record<string, unknown>> {
  const schemas = new Map(def.fields.map((f) => [f.key, fieldSchema(f)]));
  return z.record(z.string(), z.unknown()).transform((data, ctx) => {
    const report = (issue: FieldIssue) => ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message.en, params: { rule: issue.rule, message: issue.message } satisfies RuleParams });
    const value: Record<string, unknown> = {};
    for (const key of Object.keys(data)) if (!schemas.has(key)) report({ path: key, rule: 'unknown', message: m.unknown(key) });
    for (const field of def.fields) {
      // A phone form may keep a stale answer in a field that a later choice hid: drop it, don't fail.
      if (!isFieldVisible(def, field, data)) continue;
      const raw = Object.hasOwn(data, field.key) ? data[field.key] : undefined;
      if (isEmptyAnswer(raw)) {
        if (field.required) report({ path: field.key, rule: 'required', message: m.required(field) });
        continue;
      }
      const parsed = (schemas.get(field.key) as z.ZodType<unknown>).safeParse(raw);
      if (parsed.success) {
        value[field.key] = parsed.data;
        continue;
      }
      const first = parsed.error.issues[0];
      const params = (first as { params?: Partial<RuleParams> } | undefined)?.params;
      if (params?.rule && params.message) report({ path: field.key, rule: params.rule, message: params.message });
      else {
        const expected = field.type === 'integer' || field.type === 'number' ? EXPECTED.number : field.type === 'boolean' ? EXPECTED.boolean : field.type === 'multiselect' ? EXPECTED.array : EXPECTED.string;
        report({ path: field.key, rule: 'type', message: m.type(field, expected as { zh: string; en: string }) });
      }
    }
    return value;
  });
}
