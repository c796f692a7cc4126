import { z } from 'zod';
import { AGGREGATIONS, type Aggregation } from './aggregation.js';
import { FIELD_TYPES, type FieldType } from './fieldType.js';
import { localizedTextSchema, type LocalizedText } from './localizedText.js';

/**
 * Shows a field only when an earlier field's answer matches. Conditions present are ANDed.
 * Against a multiselect answer, `equals` means "includes" and `in` means "includes any of".
 * `notEmpty: true` means "has an answer", `notEmpty: false` means "has no answer".
 */
export type VisibleWhen = {
  field: string;
  equals?: string | number | boolean;
  in?: Array<string | number>;
  notEmpty?: boolean;
};

export type FieldOption = { value: string; label: LocalizedText };

export type FieldDefinition = {
  key: string;
  type: FieldType;
  label: LocalizedText;
  help?: LocalizedText;
  required?: boolean;
  /** Numeric bounds for integer/number; number of choices for multiselect. */
  min?: number;
  max?: number;
  /** Character limits for text/textarea. */
  minLength?: number;
  maxLength?: number;
  /** Regex source for text; matched against the whole trimmed answer, like an HTML `pattern`. */
  pattern?: string;
  patternMessage?: LocalizedText;
  options?: FieldOption[];
  visibleWhen?: VisibleWhen;
  aggregate?: Aggregation;
};

/** Field keys become JSON keys and column-like names in reports, so they stay identifier-shaped. */
export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,62}$/;

const fieldKeySchema = z.string().regex(FIELD_KEY_PATTERN);

export const fieldOptionSchema: z.ZodType<FieldOption> = z.strictObject({
  value: z.string().trim().min(1).max(100),
  label: localizedTextSchema,
});

export const visibleWhenSchema: z.ZodType<VisibleWhen> = z.strictObject({
  field: fieldKeySchema,
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
  notEmpty: z.boolean().optional(),
});

/**
 * Structure only; rules that need the field's type or its neighbours live in definitionSemantics.ts
 * so they can report against the exact property. Strict so a misspelt `requried` is an error, not a
 * silently optional field.
 */
export const fieldDefinitionSchema: z.ZodType<FieldDefinition> = z.strictObject({
  key: fieldKeySchema,
  type: z.enum(FIELD_TYPES),
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.int().nonnegative().optional(),
  maxLength: z.int().nonnegative().optional(),
  pattern: z.string().min(1).optional(),
  patternMessage: localizedTextSchema.optional(),
  options: z.array(fieldOptionSchema).optional(),
  visibleWhen: visibleWhenSchema.optional(),
  aggregate: z.enum(AGGREGATIONS).optional(),
});
