import { describe, expect, it } from 'vitest';
import { checkFormDefinition } from './checkFormDefinition.js';
import { dailyReportForm, mobilisationForm, screeningForm } from './demoForms.js';
import { aggregatedFields } from './aggregatedFields.js';

const base = { key: 'f-one', title: { zh: '表', en: 'Form' } };
const label = { zh: '字段', en: 'Field' };

function issues(fields: unknown[]) {
  const result = checkFormDefinition({ ...base, fields });
  return result.ok ? [] : result.issues.map((i) => `${i.path}:${i.rule}`);
}

describe('checking a form definition', () => {
  it('accepts the demo forms', () => {
    for (const form of [dailyReportForm, screeningForm, mobilisationForm]) expect(checkFormDefinition(form)).toEqual({ ok: true, value: form });
  });

  it.each([
    ['no fields', [], ['fields:required']],
    ['a duplicate key', [{ key: 'a', type: 'text', label }, { key: 'a', type: 'text', label }], ['fields.1.key:unique']],
    ['a select without options', [{ key: 'a', type: 'select', label }], ['fields.0.options:required']],
    ['duplicate option values', [{ key: 'a', type: 'select', label, options: [{ value: 'x', label }, { value: 'x', label }] }], ['fields.0.options.1.value:unique']],
    ['options on a text field', [{ key: 'a', type: 'text', label, options: [{ value: 'x', label }] }], ['fields.0.options:notApplicable']],
    ['min above max', [{ key: 'a', type: 'integer', label, min: 5, max: 1 }], ['fields.0.max:range']],
    ['minLength above maxLength', [{ key: 'a', type: 'text', label, minLength: 5, maxLength: 1 }], ['fields.0.maxLength:range']],
    ['a pattern that does not compile', [{ key: 'a', type: 'text', label, pattern: '([' }], ['fields.0.pattern:pattern']],
    ['a pattern on a number', [{ key: 'a', type: 'integer', label, pattern: '\\d+' }], ['fields.0.pattern:notApplicable']],
    ['a condition on an unknown field', [{ key: 'a', type: 'text', label, visibleWhen: { field: 'zz', equals: 'x' } }], ['fields.0.visibleWhen.field:reference']],
    ['a condition on a later field', [{ key: 'a', type: 'text', label, visibleWhen: { field: 'b', equals: true } }, { key: 'b', type: 'boolean', label }], ['fields.0.visibleWhen.field:reference']],
    ['a condition with nothing to test', [{ key: 'b', type: 'boolean', label }, { key: 'a', type: 'text', label, visibleWhen: { field: 'b' } }], ['fields.1.visibleWhen:condition']],
    ['a sum of text', [{ key: 'a', type: 'text', label, aggregate: 'sum' }], ['fields.0.aggregate:aggregate']],
    ['a misspelt property', [{ key: 'a', type: 'text', label, requried: true }], ['fields.0:unrecognized_keys']],
    ['a bad key', [{ key: '1a', type: 'text', label }], ['fields.0.key:invalid_format']],
  ])('reports %s at its exact path', (_what, fields, expected) => {
    expect(issues(fields)).toEqual(expected);
  });

  it('reports several problems together, with messages in both languages', () => {
    const result = checkFormDefinition({ ...base, fields: [{ key: 'a', type: 'select', label }, { key: 'a', type: 'text', label, aggregate: 'avg' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.rule)).toEqual(['required', 'unique', 'aggregate']);
    for (const issue of result.issues) {
      expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(issue.message.en).toMatch(/[a-z]/);
    }
  });

  it('allows count on any field and lists the aggregated fields in form order', () => {
    expect(checkFormDefinition({ ...base, fields: [{ key: 'a', type: 'text', label, aggregate: 'count' }] }).ok).toBe(true);
    expect(aggregatedFields(dailyReportForm).map((f) => `${f.key}:${f.aggregate}`)).toEqual([
      'householdsScreened:sum',
      'personsScreened:sum',
      'returnees:sum',
      'homeIsolation:sum',
      'feverCases:sum',
      'vaccinationRate:avg',
      'anomaly:count',
    ]);
  });
});
