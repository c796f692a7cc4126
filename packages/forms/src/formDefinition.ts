import { z } from 'zod';
import { NUMERIC_AGGREGATIONS } from './aggregation.js';
import { definitionMessages as m } from './definitionMessages.js';
import { fieldDefinitionSchema, type FieldDefinition } from './fieldDefinition.js';
import { compileFieldPattern } from './fieldPattern.js';
import { CHOICE_FIELD_TYPES, FREE_TEXT_FIELD_TYPES, NUMERIC_FIELD_TYPES } from './fieldType.js';
import type { LocalizedText } from './localizedText.js';
import { localizedTextSchema } from './localizedText.js';

export type FormDefinition = { key: string; title: LocalizedText; description?: LocalizedText; fields: FieldDefinition[] };

type Report = (path: Array<string | number>, rule: string, message: LocalizedText) => void;

/** Rules that need a field's type or its neighbours, each reported at the exact property. */
function checkField(field: FieldDefinition, index: number, fields: FieldDefinition[], report: Report): void {
  const at = (...rest: Array<string | number>) => ['fields', index, ...rest];
  const isChoice = CHOICE_FIELD_TYPES.includes(field.type);
  const isNumeric = NUMERIC_FIELD_TYPES.includes(field.type);
  const isText = FREE_TEXT_FIELD_TYPES.includes(field.type);
  if (isChoice && (!field.options || field.options.length === 0)) report(at('options'), 'required', m.optionsRequired());
  if (!isChoice && field.options) report(at('options'), 'notApplicable', m.notApplicable('options', field.type));
  const seen = new Set<string>();
  field.options?.forEach((option, i) => {
    if (seen.has(option.value)) report(at('options', i, 'value'), 'unique', m.duplicateOption(option.value));
    seen.add(option.value);
  });
  for (const bound of ['min', 'max'] as const) {
    const value = field[bound];
    if (value === undefined) continue;
    if (!isNumeric && field.type !== 'multiselect') report(at(bound), 'notApplicable', m.notApplicable(bound, field.type));
    else if (field.type === 'multiselect' && (!Number.isInteger(value) || value < 0)) report(at(bound), 'range', m.choiceCount(bound));
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) report(at('max'), 'range', m.rangeReversed('min', 'max'));
  for (const bound of ['minLength', 'maxLength'] as const) {
    if (field[bound] !== undefined && !isText) report(at(bound), 'notApplicable', m.notApplicable(bound, field.type));
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) report(at('maxLength'), 'range', m.rangeReversed('minLength', 'maxLength'));
  if (field.pattern !== undefined) {
    if (!isText) report(at('pattern'), 'notApplicable', m.notApplicable('pattern', field.type));
    else {
      try {
        compileFieldPattern(field.pattern);
      } catch (error) {
        report(at('pattern'), 'pattern', m.badPattern((error as Error).message));
      }
    }
  }
  const when = field.visibleWhen;
  if (when) {
    const target = fields.findIndex((f) => f.key === when.field);
    if (target < 0) report(at('visibleWhen', 'field'), 'reference', m.unknownReference(when.field));
    else if (target >= index) report(at('visibleWhen', 'field'), 'reference', m.laterReference(when.field));
    if (when.equals === undefined && when.in === undefined && when.notEmpty === undefined) report(at('visibleWhen'), 'condition', m.noCondition());
  }
  if (field.aggregate && NUMERIC_AGGREGATIONS.includes(field.aggregate) && !isNumeric) report(at('aggregate'), 'aggregate', m.numericAggregate(field.aggregate, field.type));
}

export const formDefinitionSchema: z.ZodType<FormDefinition> = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    fields: z.array(fieldDefinitionSchema),
  })
  .superRefine((def, ctx) => {
    const report: Report = (path, rule, message) => ctx.addIssue({ code: 'custom', path, message: message.en, params: { rule, message } });
    if (def.fields.length === 0) report(['fields'], 'required', m.noFields());
    const keys = new Set<string>();
    def.fields.forEach((field, i) => {
      if (keys.has(field.key)) report(['fields', i, 'key'], 'unique', m.duplicateKey(field.key));
      keys.add(field.key);
      checkField(field, i, def.fields, report);
    });
  });
