import { CHOICE_FIELD_TYPES, FREE_TEXT_FIELD_TYPES, NUMERIC_FIELD_TYPES, type Aggregation, type FieldDefinition, type FieldType, type FormDefinition, type LocalizedText, type VisibleWhen } from '@cascade/forms';
import type { FieldPattern } from './issuePaths';
import type { TextValues } from './templateValues';

/** How a field's visibility is decided: always shown, or by an earlier field's answer. */
export const VISIBILITY_MODES = ['equals', 'in', 'notEmpty', 'empty'] as const;
export type VisibilityMode = (typeof VISIBILITY_MODES)[number];

export type VisibilityValues = { field?: string; mode?: VisibilityMode; equals?: string | number | boolean | null; in?: Array<string | number> };

type Num = number | null | undefined;

export type FieldValues = {
  key?: string;
  type?: FieldType;
  label?: TextValues;
  help?: TextValues;
  required?: boolean;
  min?: Num;
  max?: Num;
  minLength?: Num;
  maxLength?: Num;
  pattern?: string;
  patternMessage?: TextValues;
  options?: Array<{ value?: string; label?: TextValues }>;
  conditional?: boolean;
  visibleWhen?: VisibilityValues;
  aggregate?: Aggregation | null;
};

/** The builder's values: the definition's shape, with one condition picker in place of
 * `equals`/`in`/`notEmpty` and a switch for whether a field is conditional at all. */
export type FormValues = { key?: string; title?: TextValues; description?: TextValues; fields: FieldValues[] };

export const FORM_FIELDS: readonly FieldPattern[] = [
  'key',
  'title.zh',
  'title.en',
  'description.zh',
  'description.en',
  'fields',
  'fields.#.key',
  'fields.#.type',
  'fields.#.label.zh',
  'fields.#.label.en',
  'fields.#.help.zh',
  'fields.#.help.en',
  'fields.#.required',
  'fields.#.min',
  'fields.#.max',
  'fields.#.minLength',
  'fields.#.maxLength',
  'fields.#.pattern',
  'fields.#.patternMessage.zh',
  'fields.#.patternMessage.en',
  'fields.#.options',
  'fields.#.options.#.value',
  'fields.#.options.#.label.zh',
  'fields.#.options.#.label.en',
  'fields.#.visibleWhen',
  'fields.#.visibleWhen.field',
  'fields.#.visibleWhen.equals',
  'fields.#.visibleWhen.in',
  'fields.#.aggregate',
];

const text = (v: TextValues | undefined): LocalizedText => ({ zh: v?.zh ?? '', en: v?.en ?? '' });
const optionalText = (v: TextValues | undefined): LocalizedText | undefined => (v?.zh?.trim() || v?.en?.trim() ? text(v) : undefined);
const num = (v: Num): number | undefined => (typeof v === 'number' ? v : undefined);

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function visibility(v: VisibilityValues | undefined): VisibleWhen | undefined {
  const field = v?.field ?? '';
  switch (v?.mode ?? 'equals') {
    case 'in':
      return { field, in: v?.in ?? [] };
    case 'notEmpty':
      return { field, notEmpty: true };
    case 'empty':
      return { field, notEmpty: false };
    default:
      return defined({ field, equals: v?.equals ?? undefined }) as VisibleWhen;
  }
}

/** One field's definition. Properties that do not apply to the field's type are dropped, since
 * the builder hides their inputs when the type changes and nobody could clear them. */
export function fieldToDefinition(f: FieldValues): FieldDefinition {
  const type = f.type ?? 'text';
  const numeric = NUMERIC_FIELD_TYPES.includes(type);
  const choice = CHOICE_FIELD_TYPES.includes(type);
  const freeText = FREE_TEXT_FIELD_TYPES.includes(type);
  return defined({
    key: f.key ?? '',
    type,
    label: text(f.label),
    help: optionalText(f.help),
    required: f.required ? true : undefined,
    min: numeric || type === 'multiselect' ? num(f.min) : undefined,
    max: numeric || type === 'multiselect' ? num(f.max) : undefined,
    minLength: freeText ? num(f.minLength) : undefined,
    maxLength: freeText ? num(f.maxLength) : undefined,
    pattern: freeText && f.pattern ? f.pattern : undefined,
    patternMessage: freeText && f.pattern ? optionalText(f.patternMessage) : undefined,
    options: choice ? (f.options ?? []).map((o) => ({ value: o.value ?? '', label: text(o.label) })) : undefined,
    visibleWhen: f.conditional ? visibility(f.visibleWhen) : undefined,
    aggregate: f.aggregate ?? undefined,
  }) as FieldDefinition;
}

/** The definition the builder's values describe, for checkFormDefinition and forms.saveDraft. */
export function valuesToForm(values: FormValues): FormDefinition {
  return defined({ key: values.key ?? '', title: text(values.title), description: optionalText(values.description), fields: values.fields.map(fieldToDefinition) }) as FormDefinition;
}

function visibilityValues(when: VisibleWhen): VisibilityValues {
  if (when.in !== undefined) return { field: when.field, mode: 'in', in: [...when.in] };
  if (when.notEmpty !== undefined) return { field: when.field, mode: when.notEmpty ? 'notEmpty' : 'empty' };
  return { field: when.field, mode: 'equals', equals: when.equals ?? null };
}

const textValues = (t: LocalizedText | undefined): TextValues => ({ zh: t?.zh ?? '', en: t?.en ?? '' });

export function formToValues(def: FormDefinition): FormValues {
  return {
    key: def.key,
    title: textValues(def.title),
    description: textValues(def.description),
    fields: def.fields.map((f) => ({
      key: f.key,
      type: f.type,
      label: textValues(f.label),
      help: textValues(f.help),
      required: f.required ?? false,
      min: f.min ?? null,
      max: f.max ?? null,
      minLength: f.minLength ?? null,
      maxLength: f.maxLength ?? null,
      ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
      patternMessage: textValues(f.patternMessage),
      options: (f.options ?? []).map((o) => ({ value: o.value, label: textValues(o.label) })),
      conditional: f.visibleWhen !== undefined,
      ...(f.visibleWhen ? { visibleWhen: visibilityValues(f.visibleWhen) } : {}),
      aggregate: f.aggregate ?? null,
    })),
  };
}

/** A field as the builder adds it: a text field with a key not yet used. */
export function newField(existing: readonly FieldValues[]): FieldValues {
  const keys = new Set(existing.map((f) => f.key));
  let n = existing.length + 1;
  while (keys.has(`field${n}`)) n++;
  return { key: `field${n}`, type: 'text', label: { zh: '', en: '' }, required: false, options: [], conditional: false };
}

export function blankFormValues(): FormValues {
  return { key: '', title: { zh: '', en: '' }, description: { zh: '', en: '' }, fields: [newField([])] };
}
