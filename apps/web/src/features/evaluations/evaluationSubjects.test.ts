import { describe, expect, it } from 'vitest';
import type { Principal } from '../../app/roles';
import { evaluatorGrants, parseSubject, recordInput, subjectOptions, subjectValue } from './evaluationSubjects';
import { recordFieldName } from './recordFieldName';

describe('whom to evaluate', () => {
  it('puts units and people in one picker and reads the choice back', () => {
    expect(subjectValue({ kind: 'unit', id: 'u1' })).toBe('unit:u1');
    expect(parseSubject('user:p1')).toEqual({ kind: 'user', id: 'p1' });
    expect(parseSubject('household:h1')).toBeNull();
    expect(parseSubject(undefined)).toBeNull();
  });

  it('lists a person once even when assigned to several units', () => {
    const options = subjectOptions({
      units: [{ id: 't1', name: '锦官驿街道', code: '510104017', level: 'township', path: 'p', receiptState: 'forwarded' }],
      people: [
        { userId: 'p1', displayName: '张敏', unitId: 'g1', unitName: '水井坊社区第1网格', unitPath: 'a' },
        { userId: 'p1', displayName: '张敏', unitId: 'g2', unitName: '水井坊社区第2网格', unitPath: 'b' },
        { userId: 'p2', displayName: '周杰', unitId: 'g2', unitName: '水井坊社区第2网格', unitPath: 'b' },
      ],
    });
    expect(options.units).toEqual([{ value: 'unit:t1', label: '锦官驿街道', state: 'forwarded' }]);
    expect(options.people).toEqual([
      { value: 'user:p1', label: '张敏(水井坊社区第1网格、水井坊社区第2网格)' },
      { value: 'user:p2', label: '周杰(水井坊社区第2网格)' },
    ]);
  });

  it('evaluates from the admin’s own units only, each once', () => {
    const principal = {
      userId: 'u',
      username: 'x',
      displayName: 'x',
      grants: [
        { role: 'admin', orgUnitId: 'c', path: '51/5101/510104', level: 'county' },
        { role: 'auditor', orgUnitId: 'c', path: '51/5101/510104', level: 'county' },
        { role: 'admin', orgUnitId: 'c', path: '51/5101/510104', level: 'county' },
      ],
    } as Principal;
    expect(evaluatorGrants(principal).map((g) => g.orgUnitId)).toEqual(['c']);
  });

  it('sends exactly one subject, the comment trimmed', () => {
    const base = { directiveId: 'd', evaluatorUnitId: 'c', outcome: 'accountable' as const, comment: '  漏报  ', evidence: [{ kind: 'task' as const, id: 't' }] };
    expect(recordInput({ ...base, subject: { kind: 'unit', id: 'u1' } })).toEqual({ directiveId: 'd', evaluatorUnitId: 'c', subjectUnitId: 'u1', outcome: 'accountable', comment: '漏报', evidence: [{ kind: 'task', id: 't' }] });
    expect(recordInput({ ...base, subject: { kind: 'user', id: 'p1' } })).not.toHaveProperty('subjectUnitId');
    expect(recordInput({ ...base, subject: { kind: 'user', id: 'p1' } })).toHaveProperty('subjectUserId', 'p1');
  });

  it('puts a refusal at the picker the server’s field belongs to', () => {
    expect(recordFieldName('subjectUnitId')).toBe('subject');
    expect(recordFieldName('subjectUserId')).toBe('subject');
    expect(recordFieldName('evidence.2')).toBe('evidence');
    expect(recordFieldName('comment')).toBe('comment');
  });
});
