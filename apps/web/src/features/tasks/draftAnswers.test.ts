import { describe, expect, it } from 'vitest';
import { dailyReportForm } from '@cascade/forms';
import { applyDraft, draftOf, sameAnswers, startingAnswers } from './draftAnswers';

const previous = { householdsScreened: 30, personsScreened: 80, returnees: 2, homeIsolation: 1, feverCases: 0, anomaly: false, reporterPhone: '13800138000' };

describe('draft restore and merge', () => {
  it('opens on the draft laid over the previous period, a cleared answer staying cleared', () => {
    const draft = { householdsScreened: 31, reporterPhone: null, anomaly: true, anomalyNote: '3 栋有人发热' };
    expect(startingAnswers(dailyReportForm, { draft, previous })).toEqual({
      source: 'draft',
      values: { householdsScreened: 31, personsScreened: 80, returnees: 2, homeIsolation: 1, feverCases: 0, anomaly: true, anomalyNote: '3 栋有人发热' },
    });
  });

  it('lays the draft over the task’s own last submission rather than the previous period', () => {
    const current = { ...previous, householdsScreened: 44 };
    expect(startingAnswers(dailyReportForm, { draft: { personsScreened: 90 }, current, previous }).values).toEqual({ ...current, personsScreened: 90 });
  });

  it('says where the answers came from when there is no draft', () => {
    expect(startingAnswers(dailyReportForm, { previous }).source).toBe('previous');
    expect(startingAnswers(dailyReportForm, { current: previous, previous }).source).toBe('current');
    expect(startingAnswers(dailyReportForm, { draft: null })).toEqual({ values: {}, source: 'empty' });
  });

  it('ignores draft keys the form does not have', () => {
    expect(applyDraft(dailyReportForm, {}, { gone: 1, returnees: 3 })).toEqual({ returnees: 3 });
  });

  it('saves a cleared answer as null, and restoring the saved draft gives back the same answers', () => {
    const values = { ...previous, householdsScreened: 12 } as Record<string, unknown>;
    delete values.reporterPhone;
    const draft = draftOf(previous, values);
    expect(draft).toEqual({ ...values, reporterPhone: null });
    expect(sameAnswers(applyDraft(dailyReportForm, previous, draft), values)).toBe(true);
    expect(draftOf({}, { returnees: 1 })).toEqual({ returnees: 1 });
  });

  it('compares answers regardless of key order', () => {
    expect(sameAnswers({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameAnswers({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameAnswers({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
