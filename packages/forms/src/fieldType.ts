export const FIELD_TYPES = [
  'text',
  'textarea',
  'integer',
  'number',
  'select',
  'multiselect',
  'date',
  'boolean',
  'phone',
  'idcard',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types whose answers can be summed, averaged or bounded by min/max. */
export const NUMERIC_FIELD_TYPES: readonly FieldType[] = ['integer', 'number'];
/** Types whose answers come from a fixed option list. */
export const CHOICE_FIELD_TYPES: readonly FieldType[] = ['select', 'multiselect'];
/** Types that take free text, and so a length limit. */
export const FREE_TEXT_FIELD_TYPES: readonly FieldType[] = ['text', 'textarea'];
