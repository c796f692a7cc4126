import { describe, expect, it } from 'vitest';
import { dailyReportForm } from './demoForms.js';
import type { FormDefinition } from './formDefinition.js';
import { DRAFT_MAX_BYTES, validateDraft } from './validateDraft.js';

const form: FormDefinition = {
  key: 'draft-types',
  title: { zh: '草稿', en: 'Draft' },
  fields: [
    { key: 'count', type: 'integer', label: { zh: '户数', en: 'Households' }, required: true, min: 0 },
    { key: 'fever', type: 'boolean', label: { zh: '是否发热', en: 'Fever' }, required: true },
    { key: 'tags', type: 'multiselect', label: { zh: '标签', en: 'Tags' }, options: [{ value: 'x', label: { zh: 'X', en: 'X' } }] },
    { key: 'phone', type: 'phone', label: { zh: '电话', en: 'Phone' }, required: true },
    { key: 'note', type: 'textarea', label: { zh: '备注', en: 'Note' }, maxLength: 5 },
  ],
};

const issues = (data: unknown) => {
  const result = validateDraft(form, data);
  return result.ok ? [] : result.issues.map((i) => [i.path, i.rule]);
};

describe('validating a draft', () => {
  it('keeps an incomplete draft that breaks the submission rules, with cleared fields as null', () => {
    const draft = { count: -3, phone: '1380', note: 'longer than five', fever: null, tags: ['not-an-option'] };
    expect(validateDraft(form, draft)).toEqual({ ok: true, value: draft });
    expect(validateDraft(form, {})).toEqual({ ok: true, value: {} });
  });

  it('refuses keys the form does not have and values no input of that field produces', () => {
    expect(issues({ count: '3', fever: 'yes', tags: 'x', phone: 13800138000, other: 1 })).toEqual([
      ['count', 'type'],
      ['fever', 'type'],
      ['tags', 'type'],
      ['phone', 'type'],
      ['other', 'unknown'],
    ]);
    expect(issues({ count: Number.NaN })).toEqual([['count', 'type']]);
    const result = validateDraft(form, { other: 1 });
    expect(result.ok ? null : result.issues[0]?.message).toEqual({ zh: '表单中没有字段 "other"', en: 'the form has no field "other"' });
  });

  it('refuses anything but an object', () => {
    for (const bad of [null, [], 'text', 3]) expect(issues(bad)).toEqual([['', 'type']]);
  });

  it('refuses a draft larger than the limit, counting UTF-8 bytes, and names the size in both languages', () => {
    const note = (chars: number) => ({ anomalyNote: '异'.repeat(chars) });
    // Each 异 is three bytes: a third of the limit in characters is just over it in bytes.
    const over = validateDraft(dailyReportForm, note(Math.ceil(DRAFT_MAX_BYTES / 3)));
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.issues).toHaveLength(1);
      expect(over.issues[0]).toMatchObject({ path: '', rule: 'size' });
      expect(over.issues[0]?.message.zh).toContain('不能超过 32 KB');
      expect(over.issues[0]?.message.en).toContain('limit is 32 KB');
    }
    expect(validateDraft(dailyReportForm, note(Math.floor(DRAFT_MAX_BYTES / 3) - 10)).ok).toBe(true);
  });
});
