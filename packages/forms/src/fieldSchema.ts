import { z } from 'zod';
import type { FieldDefinition } from './fieldDefinition.js';
import { compileFieldPattern } from './fieldPattern.js';
import { isValidChineseIdCard } from './idCard.js';
import type { LocalizedText } from './localizedText.js';
import { isValidChinesePhone } from './phone.js';
import { EXPECTED, submissionMessages as m } from './submissionMessages.js';

const rule = (name: string, message: LocalizedText) => ({ error: message.en, params: { rule: name, message }, abort: true });

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, mo, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const trimmed = (f: FieldDefinition) => z.string({ error: m.type(f, EXPECTED.string as LocalizedText).en }).transform((s) => s.trim());

/**
 * The zod schema of one present answer, built from the field's definition. Every check carries its
 * rule and bilingual message in `params`, so the issue says which field and which rule.
 */
export function fieldSchema(f: FieldDefinition): z.ZodType<unknown> {
  switch (f.type) {
    case 'integer':
    case 'number': {
      let schema: z.ZodType<number> = z.number({ error: m.type(f, EXPECTED.number as LocalizedText).en }).refine(Number.isFinite, rule('type', m.type(f, EXPECTED.number as LocalizedText)));
      if (f.type === 'integer') schema = schema.refine(Number.isInteger, rule('integer', m.integer(f)));
      if (f.min !== undefined) schema = schema.refine((v) => v >= (f.min as number), rule('min', m.min(f, f.min)));
      if (f.max !== undefined) schema = schema.refine((v) => v <= (f.max as number), rule('max', m.max(f, f.max)));
      return schema;
    }
    case 'text':
    case 'textarea': {
      let schema: z.ZodType<string> = trimmed(f);
      if (f.minLength !== undefined) schema = schema.refine((v) => [...v].length >= (f.minLength as number), rule('minLength', m.minLength(f, f.minLength)));
      if (f.maxLength !== undefined) schema = schema.refine((v) => [...v].length <= (f.maxLength as number), rule('maxLength', m.maxLength(f, f.maxLength)));
      if (f.pattern !== undefined) {
        const pattern = compileFieldPattern(f.pattern);
        schema = schema.refine((v) => pattern.test(v), rule('pattern', m.pattern(f)));
      }
      return schema;
    }
    case 'phone':
      return trimmed(f).refine(isValidChinesePhone, rule('phone', m.phone(f)));
    case 'idcard':
      return trimmed(f)
        .transform((s) => s.toUpperCase())
        .refine(isValidChineseIdCard, rule('idcard', m.idcard(f)));
    case 'date':
      return trimmed(f).refine(isRealDate, rule('date', m.date(f)));
    case 'boolean':
      return z.boolean({ error: m.type(f, EXPECTED.boolean as LocalizedText).en });
    case 'select': {
      const values = (f.options ?? []).map((o) => o.value);
      return z.string({ error: m.type(f, EXPECTED.string as LocalizedText).en }).refine((v) => values.includes(v), rule('option', m.option(f)));
    }
    case 'multiselect': {
      const values = (f.options ?? []).map((o) => o.value);
      let schema: z.ZodType<string[]> = z
        .array(z.string(), { error: m.type(f, EXPECTED.array as LocalizedText).en })
        .refine((list) => list.every((v) => values.includes(v)), rule('option', m.option(f)))
        .refine((list) => new Set(list).size === list.length, rule('option', m.unique(f)));
      if (f.min !== undefined) schema = schema.refine((list) => list.length >= (f.min as number), rule('min', m.minChoices(f, f.min)));
      if (f.max !== undefined) schema = schema.refine((list) => list.length <= (f.max as number), rule('max', m.maxChoices(f, f.max)));
      return schema;
    }
  }
}
