import { describe, expect, it } from 'vitest';
import { dailyReportForm } from '@cascade/forms';
import { answerRows, answerText, evidenceFor, needsEvidence, type EvidenceTask } from './evidence';

const task = (id: string, latest: string | null) => ({ id, latest: latest ? { id: latest, attempt: 1, data: {}, submittedAt: '2026-03-22T13:00:00.000Z' } : null }) as unknown as EvidenceTask;

describe('evidence', () => {
  it('cites the latest submission of a ticked task, or the task when nothing was submitted', () => {
    const tasks = [task('t1', 's1'), task('t2', null), task('t3', 's3')];
    expect(evidenceFor(tasks, ['t2', 't1'])).toEqual([
      { kind: 'submission', id: 's1' },
      { kind: 'task', id: 't2' },
    ]);
    expect(evidenceFor(tasks, [])).toEqual([]);
  });

  it('needs evidence for the outcomes the template names', () => {
    expect(needsEvidence('accountable', ['criticise', 'accountable'])).toBe(true);
    expect(needsEvidence('commend', ['criticise', 'accountable'])).toBe(false);
    expect(needsEvidence(undefined, ['accountable'])).toBe(false);
  });

  it('shows answers in form order with their labels, yes/no in words, unknown keys last', () => {
    const rows = answerRows(dailyReportForm, { extra: 'x', anomaly: false, householdsScreened: 30 });
    expect(rows.map((r) => [r.key, r.label?.zh ?? null])).toEqual([
      ['householdsScreened', '今日排查户数'],
      ['anomaly', '是否有异常情况'],
      ['extra', null],
    ]);
    const text = (v: { zh: string }) => v.zh;
    expect(rows.map((r) => answerText(r, { yes: '是', no: '否' }, text))).toEqual(['30', '否', 'x']);
    expect(answerText({ key: 'k', label: null, field: null, value: '' }, { yes: '是', no: '否' }, text)).toBe('—');
    const select = { key: 'c', type: 'multiselect', label: { zh: 'c', en: 'c' }, options: [{ value: 'a', label: { zh: '甲', en: 'A' } }] } as never;
    expect(answerText({ key: 'c', label: null, field: select, value: ['a', 'b'] }, { yes: '是', no: '否' }, text)).toBe('甲、b');
  });
});
