import { describe, expect, it } from 'vitest';
import type { Principal } from '../../app/roles';
import { caseCommand, caseStateKey, issueFields, mayRunCase, offeredActions } from './caseActions';

const principal = (grants: Array<{ role: string; path: string }>) => ({ userId: 'u', username: 'u', displayName: 'u', grants: grants.map((g, i) => ({ ...g, orgUnitId: `o${i}`, level: 'x' })) }) as Principal;
const TOWNSHIP = '51/5101/510104/510104017';

describe('running a case', () => {
  it('belongs to an admin strictly above the unit concerned', () => {
    expect(mayRunCase(principal([{ role: 'admin', path: '51/5101/510104' }]), TOWNSHIP)).toBe(true);
    expect(mayRunCase(principal([{ role: 'admin', path: TOWNSHIP }]), TOWNSHIP)).toBe(false);
    expect(mayRunCase(principal([{ role: 'auditor', path: '51/5101/510104' }]), TOWNSHIP)).toBe(false);
    expect(mayRunCase(principal([{ role: 'admin', path: '51/5101/510104/510104018' }]), TOWNSHIP)).toBe(false);
    expect(mayRunCase(principal([{ role: 'admin', path: '51/5101/5101' }]), TOWNSHIP)).toBe(false);
    expect(mayRunCase(principal([{ role: 'admin', path: '51' }]), null)).toBe(false);
  });

  it('offers only the steps the state accepts, in order, and none to a reader', () => {
    expect(offeredActions(['CLOSE_CASE', 'REQUIRE_RECTIFICATION'], true)).toEqual(['REQUIRE_RECTIFICATION', 'CLOSE_CASE']);
    expect(offeredActions(['INVESTIGATE'], false)).toEqual([]);
    expect(offeredActions([], true)).toEqual([]);
  });

  it('builds each command from the form, trimmed, empty requirements dropped', () => {
    expect(caseCommand('INVESTIGATE', { finding: 'ignored' })).toEqual({ type: 'INVESTIGATE' });
    expect(caseCommand('DECIDE', { decision: 'no_fault', finding: ' 已核实 ' })).toEqual({ type: 'DECIDE', decision: 'no_fault', finding: '已核实' });
    const due = new Date('2026-03-25T10:00:00.000Z');
    expect(caseCommand('REQUIRE_RECTIFICATION', { requirements: [' 补齐台账 ', '', undefined, '复查'], dueAt: due })).toEqual({ type: 'REQUIRE_RECTIFICATION', requirements: ['补齐台账', '复查'], dueAt: '2026-03-25T10:00:00.000Z' });
    expect(caseCommand('CLOSE_CASE', { summary: '整改到位' })).toEqual({ type: 'CLOSE_CASE', summary: '整改到位' });
  });

  it('puts the server’s field issues at the form’s own inputs', () => {
    const text = (v: { zh: string }) => v.zh;
    const issues = [
      { path: 'command.finding', rule: 'too_small', message: { zh: '不能为空', en: 'required' } },
      { path: 'command.requirements.1', rule: 'too_small', message: { zh: '第二条为空', en: 'second empty' } },
      { path: 'command.finding', rule: 'x', message: { zh: '另一个', en: 'another' } },
      { path: '', rule: 'x', message: { zh: '整体', en: 'whole' } },
    ];
    expect(issueFields(issues, text, 'command.')).toEqual([
      { name: ['finding'], errors: ['不能为空', '另一个'] },
      { name: ['requirements', 1], errors: ['第二条为空'] },
    ]);
  });

  it('names every case state', () => {
    expect(['opened', 'investigating', 'decided', 'rectifying', 'closed'].map(caseStateKey)).toEqual([
      'evaluationsCaseState_opened',
      'evaluationsCaseState_investigating',
      'evaluationsCaseState_decided',
      'evaluationsCaseState_rectifying',
      'evaluationsCaseState_closed',
    ]);
    expect(caseStateKey('weird')).toBeNull();
  });
});
