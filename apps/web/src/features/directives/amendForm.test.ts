import { describe, expect, it } from 'vitest';
import { amendFieldErrors, amendInput, formRefValue, isEmptyAmendment, sentLineIndexes } from './amendForm';

const zhText = (t: { zh: string; en: string }) => t.zh;

describe('the amend dialog’s input', () => {
  it('drops blank lines, trims text, parses forms and sends the deadline as an instant', () => {
    const deadline = { toISOString: () => '2026-03-25T10:00:00.000Z' };
    const input = amendInput('r1', { requirements: ['  卡口测温  ', '', undefined, '每日台账'], forms: [formRefValue({ key: 'daily-epidemic-report', version: 2 }), 'key@with@at@3'], deadline });
    expect(input).toEqual({
      receiptId: 'r1',
      requirements: ['卡口测温', '每日台账'],
      forms: [
        { key: 'daily-epidemic-report', version: 2 },
        { key: 'key@with@at', version: 3 },
      ],
      deadline: '2026-03-25T10:00:00.000Z',
    });
    expect(isEmptyAmendment(input)).toBe(false);
  });

  it('is empty when nothing was added and the deadline was left alone', () => {
    const input = amendInput('r1', { requirements: ['  ', ''], forms: [], deadline: null });
    expect(input).toEqual({ receiptId: 'r1', requirements: [], forms: [] });
    expect(isEmptyAmendment(input)).toBe(true);
  });
});

describe('where the server’s issues show', () => {
  it('puts a refused deadline at the deadline field, a requirement issue at the line that was typed, the rest above', () => {
    const values = { requirements: ['', '第一条', '  ', '第二条'] };
    const lines = sentLineIndexes(values);
    expect(lines).toEqual([1, 3]);
    const { fields, general } = amendFieldErrors(
      [
        { path: 'deadline', rule: 'tightenOnly', message: { zh: '截止时间只能提前', en: 'may only be tightened' } },
        { path: 'requirements.1', rule: 'too_big', message: { zh: '太长', en: 'too long' } },
        { path: 'forms.0', rule: 'unknownForm', message: { zh: '表单不存在', en: 'no such form' } },
        { path: 'requirements', rule: 'required', message: { zh: '至少一项', en: 'at least one' } },
        { path: 'receiptId', rule: 'invalid', message: { zh: '编号无效', en: 'bad id' } },
      ],
      lines,
      zhText,
    );
    expect(fields).toEqual([
      { name: 'deadline', errors: ['截止时间只能提前'] },
      { name: ['requirements', 3], errors: ['太长'] },
      { name: 'forms', errors: ['表单不存在'] },
      { name: 'requirements', errors: ['至少一项'] },
    ]);
    expect(general).toEqual(['编号无效']);
  });

  it('gathers several issues of one field', () => {
    const { fields } = amendFieldErrors(
      [
        { path: 'deadline', rule: 'tightenOnly', message: { zh: 'a', en: 'a' } },
        { path: 'deadline', rule: 'future', message: { zh: 'b', en: 'b' } },
      ],
      [],
      zhText,
    );
    expect(fields).toEqual([{ name: 'deadline', errors: ['a', 'b'] }]);
  });
});
