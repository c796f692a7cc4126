import { describe, expect, it } from 'vitest';
import { caseHistoryItems, visitedStates, type HistoryRow } from './caseHistory';

const row = (seq: number, eventType: string, fromState: string | null, toState: string, payload: unknown, actorName: string | null = '王主任') =>
  ({ id: seq, seq, eventType, payload, actorId: null, actorName, fromState, toState, at: `2026-03-22T0${seq}:00:00.000Z`, templateVersionId: 't', hash: 'h', prevHash: null }) as HistoryRow;

describe('a case’s history', () => {
  const rows = [
    row(1, 'xstate.init', null, 'opened', {}, null),
    row(2, 'INVESTIGATE', 'opened', 'investigating', { type: 'INVESTIGATE' }),
    row(3, 'DECIDE', 'investigating', 'decided', { type: 'DECIDE', decision: 'sanction', finding: '落实不到位' }),
    row(4, 'REQUIRE_RECTIFICATION', 'decided', 'rectifying', { type: 'REQUIRE_RECTIFICATION', requirements: ['补齐台账'], dueAt: '2026-03-25T10:00:00.000Z' }),
    row(5, 'CLOSE_CASE', 'rectifying', 'closed', { type: 'CLOSE_CASE', summary: '整改到位' }),
  ];

  it('names each step and keeps the words it was taken with', () => {
    const items = caseHistoryItems(rows);
    expect(items.map((i) => [i.label, i.from, i.to, i.actor])).toEqual([
      ['evaluationsEvent_xstate_init', null, 'opened', null],
      ['evaluationsAction_INVESTIGATE', 'opened', 'investigating', '王主任'],
      ['evaluationsAction_DECIDE', 'investigating', 'decided', '王主任'],
      ['evaluationsAction_REQUIRE_RECTIFICATION', 'decided', 'rectifying', '王主任'],
      ['evaluationsAction_CLOSE_CASE', 'rectifying', 'closed', '王主任'],
    ]);
    expect(items[2]!.details).toEqual([
      { label: 'evaluationsCaseDecision', value: 'evaluationsDecision_sanction', translate: true },
      { label: 'evaluationsFinding', value: '落实不到位' },
    ]);
    expect(items[3]!.details).toEqual([
      { label: 'evaluationsRequirements', value: ['补齐台账'] },
      { label: 'evaluationsRectifyDue', value: '2026-03-25T10:00:00.000Z' },
    ]);
    expect(caseHistoryItems([row(9, 'SOMETHING_NEW', 'opened', 'opened', {})])[0]!.label).toBeNull();
  });

  it('lists the states passed through once each', () => {
    expect(visitedStates(rows)).toEqual(['opened', 'investigating', 'decided', 'rectifying', 'closed']);
  });
});
