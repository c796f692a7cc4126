import { describe, expect, it } from 'vitest';
import { checkFormDefinition, dailyReportForm, mobilisationForm, screeningForm, type FormDefinition } from '@cascade/forms';
import { fieldForIssue } from './issuePaths';
import { blankFormValues, fieldToDefinition, FORM_FIELDS, formToValues, newField, valuesToForm } from './formValues';

describe('form definition ↔ builder values', () => {
  it.each([dailyReportForm, screeningForm, mobilisationForm])('gives back $key unchanged after a round trip', (form) => {
    expect(valuesToForm(formToValues(form))).toEqual(form);
  });

  it('writes each kind of condition as the validator expects it', () => {
    const base = { key: 'b', type: 'text' as const, label: { zh: '乙', en: 'B' }, conditional: true };
    expect(fieldToDefinition({ ...base, visibleWhen: { field: 'a', mode: 'equals', equals: true } }).visibleWhen).toEqual({ field: 'a', equals: true });
    expect(fieldToDefinition({ ...base, visibleWhen: { field: 'a', mode: 'in', in: ['x', 'y'] } }).visibleWhen).toEqual({ field: 'a', in: ['x', 'y'] });
    expect(fieldToDefinition({ ...base, visibleWhen: { field: 'a', mode: 'notEmpty' } }).visibleWhen).toEqual({ field: 'a', notEmpty: true });
    expect(fieldToDefinition({ ...base, visibleWhen: { field: 'a', mode: 'empty' } }).visibleWhen).toEqual({ field: 'a', notEmpty: false });
    expect(fieldToDefinition({ ...base, conditional: false, visibleWhen: { field: 'a', mode: 'equals', equals: 1 } }).visibleWhen).toBeUndefined();
  });

  it('drops settings that do not apply after the type changed, so a retyped field stays valid', () => {
    const field = fieldToDefinition({ key: 'n', type: 'text', label: { zh: '人数', en: 'Count' }, min: 0, max: 10, options: [{ value: 'a', label: { zh: '甲', en: 'A' } }], minLength: 2 });
    expect(field).toEqual({ key: 'n', type: 'text', label: { zh: '人数', en: 'Count' }, minLength: 2 });
    const integer = fieldToDefinition({ key: 'n', type: 'integer', label: { zh: '人数', en: 'Count' }, min: 0, max: null, pattern: '\\d+', minLength: 2, required: true, aggregate: 'sum' });
    expect(integer).toEqual({ key: 'n', type: 'integer', label: { zh: '人数', en: 'Count' }, min: 0, required: true, aggregate: 'sum' });
  });

  it('adds fields with keys not yet used', () => {
    expect(newField([{ key: 'field1' }, { key: 'field3' }]).key).toBe('field4');
    expect(newField([{ key: 'field2' }]).key).toBe('field3');
    expect(newField([]).key).toBe('field1');
  });

  it('reports a builder’s mistakes at the inputs they concern', () => {
    const values = blankFormValues();
    values.key = 'fever-clinic';
    values.title = { zh: '发热门诊', en: 'Fever clinic' };
    values.fields = [
      { key: 'visits', type: 'integer', label: { zh: '就诊人数', en: 'Visits' }, min: 10, max: 1, aggregate: 'sum' },
      { key: 'visits', type: 'select', label: { zh: '', en: 'Kind' }, options: [] },
      { key: 'note', type: 'text', label: { zh: '说明', en: 'Note' }, aggregate: 'sum', conditional: true, visibleWhen: { field: 'later', mode: 'equals', equals: 'x' } },
    ];
    const check = checkFormDefinition(valuesToForm(values));
    expect(check.ok).toBe(false);
    const places = check.ok ? [] : check.issues.map((i) => `${fieldForIssue(i.path, FORM_FIELDS)} ${i.rule}`);
    expect(places).toEqual(
      expect.arrayContaining([
        'fields.0.max range',
        'fields.1.key unique',
        'fields.1.options required',
        'fields.1.label.zh too_small',
        'fields.2.aggregate aggregate',
        'fields.2.visibleWhen.field reference',
      ]),
    );
    expect(places.every((p) => !p.startsWith('null'))).toBe(true);
  });

  it('builds a valid definition with a required summed integer and a conditional field', () => {
    const values = blankFormValues();
    values.key = 'fever-clinic';
    values.title = { zh: '发热门诊日报', en: 'Fever clinic daily' };
    values.fields = [
      { key: 'visits', type: 'integer', label: { zh: '就诊人数', en: 'Visits' }, required: true, min: 0, aggregate: 'sum' },
      { key: 'referred', type: 'boolean', label: { zh: '是否转诊', en: 'Referred' }, required: true },
      { key: 'referralNote', type: 'textarea', label: { zh: '转诊说明', en: 'Referral note' }, required: true, conditional: true, visibleWhen: { field: 'referred', mode: 'equals', equals: true } },
    ];
    const check = checkFormDefinition(valuesToForm(values));
    expect(check.ok).toBe(true);
    expect((check.ok ? check.value : ({} as FormDefinition)).fields[2]?.visibleWhen).toEqual({ field: 'referred', equals: true });
  });
});
