import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './formDefinition.js';
import { buildSubmissionSchema } from './submissionSchema.js';
import { validateSubmission } from './validateSubmission.js';

const form: FormDefinition = {
  key: 'every-type',
  title: { zh: '全部类型', en: 'Every type' },
  fields: [
    { key: 'count', type: 'integer', label: { zh: '户数', en: 'Households' }, required: true, min: 0, max: 300 },
    { key: 'rate', type: 'number', label: { zh: '比例', en: 'Rate' }, min: 0, max: 100 },
    { key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' }, minLength: 2, maxLength: 4, pattern: '[\\u4e00-\\u9fff]+', patternMessage: { zh: '请填写中文姓名', en: 'use a Chinese name' } },
    { key: 'note', type: 'textarea', label: { zh: '备注', en: 'Note' }, maxLength: 10 },
    { key: 'kind', type: 'select', label: { zh: '类别', en: 'Kind' }, options: [{ value: 'a', label: { zh: '甲', en: 'A' } }, { value: 'b', label: { zh: '乙', en: 'B' } }] },
    { key: 'tags', type: 'multiselect', label: { zh: '标签', en: 'Tags' }, min: 1, max: 2, options: [{ value: 'x', label: { zh: 'X', en: 'X' } }, { value: 'y', label: { zh: 'Y', en: 'Y' } }, { value: 'z', label: { zh: 'Z', en: 'Z' } }] },
    { key: 'day', type: 'date', label: { zh: '日期', en: 'Date' } },
    { key: 'fever', type: 'boolean', label: { zh: '是否发热', en: 'Fever' }, required: true },
    { key: 'temperature', type: 'number', label: { zh: '体温', en: 'Temperature' }, required: true, min: 35, max: 43, visibleWhen: { field: 'fever', equals: true } },
    { key: 'phone', type: 'phone', label: { zh: '电话', en: 'Phone' } },
    { key: 'idcard', type: 'idcard', label: { zh: '身份证号', en: 'ID number' } },
  ],
};

const valid = { count: 12, fever: false };

function issuesOf(data: unknown) {
  const result = validateSubmission(form, data);
  return result.ok ? [] : result.issues;
}

describe('validating answers against a form', () => {
  it('accepts a minimal valid answer and returns only what was answered', () => {
    expect(validateSubmission(form, valid)).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['count', '12', 'type'],
    ['count', 1.5, 'integer'],
    ['count', -1, 'min'],
    ['count', 301, 'max'],
    ['rate', 100.5, 'max'],
    ['rate', 'high', 'type'],
    ['name', '王', 'minLength'],
    ['name', '欧阳娜娜娜', 'maxLength'],
    ['name', 'Wang', 'pattern'],
    ['note', '一二三四五六七八九十一', 'maxLength'],
    ['kind', 'c', 'option'],
    ['tags', 'x', 'type'],
    ['tags', ['x', 'y', 'z'], 'max'],
    ['tags', ['x', 'x'], 'option'],
    ['tags', ['w'], 'option'],
    ['day', '2026-02-30', 'date'],
    ['day', '2026/03/01', 'date'],
    ['fever', 'yes', 'type'],
    ['phone', '12345', 'phone'],
    ['idcard', '110105194912310021', 'idcard'],
  ])('refuses %s = %j with rule %s, naming the field in both languages', (key, value, rule) => {
    const issues = issuesOf({ ...valid, [key]: value });
    expect(issues).toHaveLength(1);
    const label = form.fields.find((f) => f.key === key)!.label;
    expect(issues[0]).toMatchObject({ path: key, rule });
    expect(issues[0]!.message.zh).toContain(label.zh);
    expect(issues[0]!.message.en).toContain(label.en);
  });

  it('uses the pattern message of the form where there is one', () => {
    expect(issuesOf({ ...valid, name: 'Wang' })[0]!.message).toEqual({ zh: '"姓名":请填写中文姓名', en: '"Name": use a Chinese name' });
  });

  it('requires a conditional field only while it shows', () => {
    expect(issuesOf({ ...valid, fever: true })).toEqual([expect.objectContaining({ path: 'temperature', rule: 'required' })]);
    expect(validateSubmission(form, { ...valid, fever: true, temperature: 38.2 })).toMatchObject({ ok: true });
  });

  it('drops the answer of a hidden field instead of keeping or refusing it', () => {
    expect(validateSubmission(form, { ...valid, fever: false, temperature: 99 })).toEqual({ ok: true, value: valid });
  });

  it('refuses keys that are not fields of the form', () => {
    expect(issuesOf({ ...valid, extra: 1 })).toEqual([expect.objectContaining({ path: 'extra', rule: 'unknown' })]);
  });

  it('collects every problem at once', () => {
    const issues = issuesOf({ count: -3, rate: 'x', phone: '1' });
    expect(issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual(['count:min', 'fever:required', 'phone:phone', 'rate:type']);
  });

  it('treats empty text as no answer and normalises what it keeps', () => {
    expect(issuesOf({ ...valid, count: undefined })).toEqual([expect.objectContaining({ path: 'count', rule: 'required' })]);
    const result = validateSubmission(form, { ...valid, note: '  ', name: ' 王芳 ', idcard: '11010519491231002x', phone: ' 028-85123456 ', day: '2026-03-22', tags: ['y'], kind: 'b' });
    expect(result).toEqual({ ok: true, value: { ...valid, name: '王芳', idcard: '11010519491231002X', phone: '028-85123456', day: '2026-03-22', tags: ['y'], kind: 'b' } });
  });

  it('refuses answers that are not an object', () => {
    expect(validateSubmission(form, [1, 2])).toMatchObject({ ok: false, issues: [{ rule: 'type' }] });
    expect(validateSubmission(form, null)).toMatchObject({ ok: false });
  });

  it('builds the schema of a form once and judges an edited copy by its own rules', () => {
    expect(buildSubmissionSchema(form)).toBe(buildSubmissionSchema(form));
    const stricter: FormDefinition = { ...form, fields: form.fields.map((f) => (f.key === 'count' ? { ...f, max: 10 } : f)) };
    expect(validateSubmission(form, valid)).toMatchObject({ ok: true });
    expect(validateSubmission(stricter, valid)).toMatchObject({ ok: false, issues: [{ path: 'count', rule: 'max' }] });
    expect(validateSubmission(form, valid)).toMatchObject({ ok: true });
  });
});
