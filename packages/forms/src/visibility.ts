import type { FieldDefinition } from './fieldDefinition.js';
import type { FormDefinition } from './formDefinition.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Whether a field shows, given the answers so far. A field whose controlling field is itself
 * hidden is hidden too, so conditions chain the way the form reads. */
export function isFieldVisible(def: FormDefinition, field: FieldDefinition, data: Record<string, unknown>): boolean {
  const when = field.visibleWhen;
  if (!when) return true;
  const controller = def.fields.find((f) => f.key === when.field);
  if (!controller || !isFieldVisible(def, controller, data)) return false;
  // Own properties only: a field keyed "constructor" must not see Object.prototype.
  const answer = Object.hasOwn(data, when.field) ? data[when.field] : undefined;
  const answers = Array.isArray(answer) ? answer : [answer];
  if (when.equals !== undefined && !answers.includes(when.equals)) return false;
  if (when.in !== undefined && !answers.some((a) => when.in?.includes(a as string | number))) return false;
  if (when.notEmpty !== undefined && isEmpty(answer) === when.notEmpty) return false;
  return true;
}

export { isEmpty as isEmptyAnswer };
