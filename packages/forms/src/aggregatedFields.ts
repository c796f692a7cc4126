import type { Aggregation } from './aggregation.js';
import type { FormDefinition } from './formDefinition.js';
import type { LocalizedText } from './localizedText.js';

/** The fields a roll-up computes, in form order. */
export function aggregatedFields(def: FormDefinition): Array<{ key: string; aggregate: Aggregation; label: LocalizedText }> {
  return def.fields.filter((f) => f.aggregate !== undefined).map((f) => ({ key: f.key, aggregate: f.aggregate as Aggregation, label: f.label }));
}
