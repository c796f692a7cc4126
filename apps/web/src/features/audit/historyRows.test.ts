import { describe, expect, it } from 'vitest';
import { formatAuditTime } from './formatAuditTime';
import { instanceTitle } from './instanceTitle';
import { payloadSummary, timelineRows, type HistoryRow } from './historyRows';
import { eventLabel, INSTANCE_KINDS, kindLabel, levelLabel, reasonKey, stateLabel } from './machineLabels';
import { messages, type Lang, type MessageKey } from '../../i18n/messages';

const translate = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), messages[lang][key]);
const tZh = translate('zh');
const tEn = translate('en');

const base = { templateVersionId: 'tv-1', prevHash: null, at: '2026-03-22T01:00:00.000+00:00' };
const rows: HistoryRow[] = [
  { ...base, id: 10, seq: 1, eventType: 'xstate.init', payload: { input: { receivedAt: '2026-03-22T01:00:00.000Z' } }, actorId: 'u-admin', actorName: '锦江区管理员', fromState: null, toState: 'received', hash: 'a'.repeat(64) },
  { ...base, id: 11, seq: 2, eventType: 'ACKNOWLEDGE', payload: { at: '2026-03-22T02:00:00.000Z' }, actorId: 'u-town', actorName: '锦官驿街道管理员', fromState: 'received', toState: 'acknowledged', hash: 'b'.repeat(64) },
  { ...base, id: 12, seq: 3, eventType: 'xstate.after.forwardDue.receipt:township.acknowledged', payload: {}, actorId: null, actorName: null, fromState: 'acknowledged', toState: 'acknowledged', hash: 'c'.repeat(64) },
  { ...base, id: 13, seq: 4, eventType: 'SOMETHING_NEW', payload: { requirements: ['各社区每日 18:00 前完成台账核对'], deadline: null }, actorId: 'u-gone', actorName: null, fromState: 'acknowledged', toState: 'someState', hash: 'd'.repeat(64) },
];

describe('timeline rows from history', () => {
  it('name actors, events and states in Chinese, with the payload on one line and a short hash', () => {
    const timeline = timelineRows(rows, tZh);
    expect(timeline.map((r) => [r.seq, r.actor, r.event, r.from, r.to])).toEqual([
      [1, '锦江区管理员', '创建', '—', '已收到'],
      [2, '锦官驿街道管理员', '签收', '已收到', '已签收'],
      [3, '系统(定时)', '定时:转发期限', '已签收', '已签收'],
      [4, 'u-gone', 'SOMETHING_NEW', '已签收', 'someState'],
    ]);
    expect(timeline[0]?.payloadSummary).toBe('input: {"receivedAt":"2026-03-22T01:00:00.000Z"}');
    // The event's own time stamp is the time column; nothing else left means "(none)".
    expect(timeline[1]?.payloadSummary).toBe('(无)');
    expect(timeline[3]?.payloadSummary).toBe('requirements: ["各社区每日 18:00 前完成台账核对"]; deadline: —');
    expect(timeline[0]?.shortHash).toBe('aaaaaaaaaaaa');
    expect(timeline[0]?.hash).toBe('a'.repeat(64));
  });

  it('speak English to an English reader', () => {
    expect(timelineRows(rows, tEn).map((r) => r.event)).toEqual(['Created', 'Acknowledge', 'Timer: forward limit', 'SOMETHING_NEW']);
  });

  it('cut a long payload short', () => {
    const long = payloadSummary({ note: 'x'.repeat(500) });
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
    expect(payloadSummary('plain')).toBe('plain');
    expect(payloadSummary(null, '-')).toBe('-');
  });

  it('show time to the second in China time', () => {
    expect(formatAuditTime('2026-03-22T16:30:05.000Z')).toBe('2026-03-23 00:30:05');
  });
});

describe('labels', () => {
  it('fall back to the stored name for states, kinds and levels no one has named', () => {
    expect(stateLabel(tZh, 'forwarded')).toBe('已转发');
    expect(stateLabel(tZh, 'toString')).toBe('toString');
    expect(stateLabel(tZh, null)).toBe('—');
    expect(kindLabel(tZh, 'case')).toBe('问责案件');
    expect(kindLabel(tZh, 'other')).toBe('other');
    expect(levelLabel(tZh, 'township')).toBe('乡镇(街道)');
    expect(eventLabel(tZh, '(always)')).toBe('自动');
    expect(eventLabel(tZh, 'xstate.after.mystery.task:screening.open')).toBe('定时:mystery');
  });

  it('name every instance kind', () => {
    expect(INSTANCE_KINDS.filter((k) => kindLabel(tZh, k) === k || kindLabel(tEn, k) === k)).toEqual([]);
  });

  it('name each of the audit’s failure reasons, as the engine words them', () => {
    const reasons: Array<[string, MessageKey]> = [
      ['sequence gap: expected seq 2, found 3', 'auditReason_gap'],
      ['prev_hash does not match the previous row', 'auditReason_prevHash'],
      ['hash does not match the row content (row altered)', 'auditReason_hash'],
      ['instance is at version 3 but history has 2 rows', 'auditReason_version'],
      ['template version cannot be loaded: not found', 'auditReason_template'],
      ['row names a different template version than its instance', 'auditReason_templateMismatch'],
      ['first row must be xstate.init', 'auditReason_init'],
      ['replay reaches "closed" but the row records "forwarded"', 'auditReason_replayState'],
      ['row records from-state "received" but replay was in "acknowledged"', 'auditReason_fromState'],
      ['replay refused the event: not allowed', 'auditReason_replayRefused'],
      ['stored snapshot differs from the replayed one', 'auditReason_snapshot'],
      ['stored state column differs from the snapshot', 'auditReason_stateColumn'],
      ['something else entirely', 'auditReason_other'],
    ];
    expect(reasons.map(([reason]) => reasonKey(reason))).toEqual(reasons.map(([, key]) => key));
  });
});

describe('instance titles', () => {
  const item = { kind: 'task', machine: 'task:report:daily-report', stageId: 'daily-report', periodKey: '2026-03-22', subjectName: null, unit: { name: '水井坊第1网格' } };
  it('name the kind and unit, then what tells a task or a case from its siblings', () => {
    expect(instanceTitle(tZh, item)).toBe('任务 · 水井坊第1网格 · 报告 daily-report · 周期 2026-03-22');
    expect(instanceTitle(tZh, { ...item, machine: 'task:screening', stageId: 'screening', periodKey: 'once' })).toBe('任务 · 水井坊第1网格 · 入户排查');
    expect(instanceTitle(tZh, { ...item, kind: 'receipt', machine: 'receipt:township', stageId: null, periodKey: null, unit: { name: '锦官驿街道' } })).toBe('收文 · 锦官驿街道');
    expect(instanceTitle(tEn, { ...item, kind: 'case', machine: 'case', stageId: null, periodKey: null, subjectName: '张敏' })).toBe('Accountability case · 水井坊第1网格 · about 张敏');
  });
});
