import type { LocalizedText } from './localizedText.js';

/**
 * One problem with a definition or a submission. `path` is dotted ("fields.3.options") for definitions
 * and the field key ("visited") for submissions, so a UI can put the message next to the input.
 * `rule` is a stable code for programs; `message` is for people.
 */
export type FieldIssue = { path: string; rule: string; message: LocalizedText };

/** Rule codes a submission issue can carry. */
export type SubmissionRule =
  | 'required'
  | 'type'
  | 'integer'
  | 'min'
  | 'max'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'option'
  | 'date'
  | 'phone'
  | 'idcard'
  | 'unknown';

/** Rule codes the semantic checks of a definition use (structural problems add type, format, option, unknown …). */
export type DefinitionRule =
  | 'required'
  | 'unique'
  | 'notApplicable'
  | 'range'
  | 'pattern'
  | 'reference'
  | 'condition'
  | 'aggregate';

/** What our own zod issues carry in `params`, so converting them back to a FieldIssue loses nothing. */
export type RuleParams = { rule: string; message: LocalizedText };
