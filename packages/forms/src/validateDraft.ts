import type { FieldDefinition } from './fieldDefinition.js';
import type { FieldIssue } from './fieldIssue.js';
import type { FormDefinition } from './formDefinition.js';
import type { LocalizedText } from './localizedText.js';
import { EXPECTED, submissionMessages } from './submissionMessages.js';

/** A draft travels and is stored as JSON: more than this many UTF-8 bytes is refused. A grid
 * report is a few hundred bytes; 32 KiB leaves room for long notes without letting a client park
 * arbitrary data on the server. */
export const DRAFT_MAX_BYTES = 32 * 1024;

export type DraftAnswers = Record<string, unknown>;

/** The shape an answer-in-progress may take; `null` records that the worker cleared the field. */
function shapeOf(field: FieldDefinition): { test: (value: unknown) => boolean; expected: string } {
  switch (field.type) {
    case 'integer':
    case 'number':
      return { test: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'number' };
    case 'boolean':
      return { test: (v) => typeof v === 'boolean', expected: 'boolean' };
    case 'multiselect':
      return { test: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), expected: 'array' };
    default:
      return { test: (v) => typeof v === 'string', expected: 'string' };
  }
}

/**
 * Checks a draft: unlike a submission it may be incomplete or break the form's rules (required,
 * bounds, formats are for submitting), but it must be an object of the form's own field keys, each
 * holding the kind of value its input produces (or null), and it must stay under DRAFT_MAX_BYTES.
 * Issue paths are field keys, `''` for the draft as a whole.
 */
export function validateDraft(def: FormDefinition, data: unknown): { ok: true; value: DraftAnswers } | { ok: false; issues: FieldIssue[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, issues: [{ path: '', rule: 'type', message: { zh: '草稿应为按字段填写的对象', en: 'a draft must be an object keyed by field' } }] };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(data)).length;
  if (bytes > DRAFT_MAX_BYTES) {
    const kib = (n: number) => Math.ceil(n / 1024);
    return {
      ok: false,
      issues: [{ path: '', rule: 'size', message: { zh: `草稿过大(${kib(bytes)} KB),不能超过 ${kib(DRAFT_MAX_BYTES)} KB`, en: `the draft is too large (${kib(bytes)} KB); the limit is ${kib(DRAFT_MAX_BYTES)} KB` } }],
    };
  }
  const fields = new Map(def.fields.map((f) => [f.key, f]));
  const issues: FieldIssue[] = [];
  const value: DraftAnswers = {};
  for (const [key, answer] of Object.entries(data)) {
    const field = fields.get(key);
    if (!field) {
      issues.push({ path: key, rule: 'unknown', message: submissionMessages.unknown(key) });
      continue;
    }
    const shape = shapeOf(field);
    if (answer !== null && !shape.test(answer)) {
      issues.push({ path: key, rule: 'type', message: submissionMessages.type(field, EXPECTED[shape.expected] as LocalizedText) });
      continue;
    }
    value[key] = answer;
  }
  return issues.length ? { ok: false, issues } : { ok: true, value };
}
