import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Level } from '../levels.js';
import type { Effect, ReceiptInput, StageRef } from '../step/effects.js';
import { acceptedEvents, canApply, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { HOUR, cancelTimer, describeTransitions, expectRefused, run, setTimer, throughJson, timerEffects, timerEvent, trace } from '../step/testKit.js';
import { compileTemplate } from '../template/compileTemplate.js';
import type { IssueLevel, ReportStage, StageStart, TemplateDefinition } from '../template/templateDefinition.js';
import type { ReceiptContext } from './receiptMachine.js';

// The receipt arrives at 08:00 Shanghai (00:00Z) and is acknowledged an hour later.
const RECEIVED_AT = '2022-03-10T00:00:00.000Z';
const ACK_AT = '2022-03-10T01:00:00.000Z';
const AMEND_AT = '2022-03-10T01:30:00.000Z';
const DEADLINE = '2022-03-10T12:00:00.000Z';
const EARLIER = '2022-03-10T08:00:00.000Z';
const EARLIEST = '2022-03-10T06:00:00.000Z';
const LATER = '2022-03-10T14:00:00.000Z';
const FORM_A = { key: 'extra-form-a', version: 1 };
const FORM_B = { key: 'extra-form-b', version: 2 };

const start: ReceiptInput = { at: RECEIVED_AT, deadline: DEADLINE, addedRequirements: [], addedForms: [] };

const ACK = { type: 'ACKNOWLEDGE', at: ACK_AT } as const;
const FORWARD = { type: 'FORWARD', at: '2022-03-10T02:00:00.000Z' } as const;
const CLOSE = { type: 'CLOSE', at: '2022-03-10T03:00:00.000Z' } as const;
const ESCALATED = { type: 'TASK_ESCALATED', taskId: 'task-1', at: '2022-03-10T02:30:00.000Z' } as const;
const amend = (requirements: string[], deadline?: string, forms = [FORM_A], at = AMEND_AT): MachineEvent => ({ type: 'AMEND', requirements, forms, ...(deadline ? { deadline } : {}), at });
const ALPHABET: MachineEvent[] = [ACK, amend(['check every household'], EARLIER), FORWARD, ESCALATED, { type: 'CLOSE', reason: 'withdrawn', at: DEADLINE }];

/** The whole context of a receipt created from `input`, with the given changes. */
const contextOf = (input: ReceiptInput, changes: Partial<ReceiptContext> = {}): ReceiptContext => ({
  deadline: input.deadline,
  addedRequirements: input.addedRequirements,
  addedForms: input.addedForms,
  amendments: 0,
  receivedAt: input.at!,
  acknowledgedAt: null,
  lateToAcknowledge: false,
  lateToForward: false,
  escalations: 0,
  ...changes,
});
const received = (changes: Partial<ReceiptContext> = {}) => contextOf(start, changes);
const acknowledged = (changes: Partial<ReceiptContext> = {}) => contextOf(start, { acknowledgedAt: ACK_AT, ...changes });

/** What a receipt hands to the level below: no time of its own (the engine stamps the new receipts). */
const handedDown = (input: ReceiptInput): ReceiptInput => ({ deadline: input.deadline, addedRequirements: input.addedRequirements, addedForms: input.addedForms });

const report = (id: string, level: Level, startsOn: StageStart): ReportStage => ({
  id,
  name: { zh: id, en: id },
  form: { key: 'daily-epidemic-report', version: 1 },
  level,
  period: 'daily',
  dueTime: '20:00',
  startsOn,
});

/** A compiled template with the given chain, level settings and stages, as validation would leave it. */
function template(options: {
  chain?: Level[];
  levels?: Partial<Record<Level, Partial<IssueLevel>>>;
  reports?: ReportStage[];
  screening?: { level: Level; startsOn: StageStart };
}) {
  const levels: TemplateDefinition['stages']['issue']['levels'] = {};
  for (const [level, cfg] of Object.entries(options.levels ?? {})) levels[level as Level] = { canAmend: false, autoForward: false, ...cfg };
  const definition: TemplateDefinition = {
    key: 'receipt-test',
    name: { zh: '测试', en: 'Test' },
    timeZone: 'Asia/Shanghai',
    chain: options.chain ?? ['county', 'township', 'village', 'grid'],
    stages: {
      issue: { levels },
      report: options.reports ?? [],
      ...(options.screening
        ? { mobilize: { assignLevels: [], householdAssignment: false, screening: { name: { zh: '排查', en: 'Screening' }, form: { key: 'door-screening', version: 1 }, ...options.screening } } }
        : {}),
    },
  };
  return compileTemplate(definition);
}

const startStages = (...stages: StageRef[]): Effect => ({ type: 'startStages', stages });
const fanOut = (toLevel: Level, input: ReceiptInput): Effect => ({ type: 'fanOut', toLevel, input });
const notify = (audience: 'unitAdmins' | 'parentAdmins', kind: string): Effect => ({ type: 'notify', audience, kind });
const LATE_TO_ACKNOWLEDGE = [notify('unitAdmins', 'acknowledgeOverdue'), notify('parentAdmins', 'acknowledgeEscalated')];
const LATE_TO_FORWARD = [notify('unitAdmins', 'forwardOverdue'), notify('parentAdmins', 'forwardEscalated')];

describe('receipt machine', () => {
  describe('at a middle level that may amend and forwards by hand (township)', () => {
    const machine = template({ levels: { township: { canAmend: true } } }).machine('receipt:township');
    const amendedContext = acknowledged({ deadline: EARLIER, addedRequirements: ['check every household'], addedForms: [FORM_A], amendments: 1 });

    it('starts in received, with the input as context, its own time, no amendments and nothing late, asking for nothing', () => {
      expect(startMachine(machine, start)).toEqual({
        snapshot: {
          value: 'received',
          context: { deadline: DEADLINE, addedRequirements: [], addedForms: [], amendments: 0, receivedAt: RECEIVED_AT, acknowledgedAt: null, lateToAcknowledge: false, lateToForward: false, escalations: 0 },
          status: 'active',
        },
        state: 'received',
        done: false,
        effects: [],
      });
    });

    describeTransitions(
      machine,
      ALPHABET,
      [
        {
          state: 'received',
          via: [],
          accepts: [
            { event: ACK, state: 'acknowledged', context: acknowledged() },
            { event: ESCALATED, state: 'received', context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: received() },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: amend(['check every household'], EARLIER), label: 'earlier deadline', state: 'amended', context: amendedContext },
            { event: amend(['check every household'], DEADLINE), label: 'same deadline', state: 'amended', context: { ...amendedContext, deadline: DEADLINE } },
            { event: amend(['check every household']), label: 'no deadline', state: 'amended', context: { ...amendedContext, deadline: DEADLINE } },
            { event: FORWARD, state: 'forwarded', effects: [fanOut('village', handedDown(start))], context: acknowledged() },
            { event: ESCALATED, state: 'acknowledged', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
          refusesAlso: [
            { event: amend(['check every household'], LATER), label: 'later deadline' },
            { event: amend(['x'], '2022-03-10T12:00:00.001Z'), label: 'a millisecond later' },
            { event: amend(['x'], 'tomorrow'), label: 'unreadable deadline' },
          ],
        },
        {
          state: 'amended',
          via: [ACK, amend(['check every household'], EARLIER)],
          accepts: [
            {
              event: amend(['report returnees'], EARLIEST, [FORM_B]),
              label: 'tightened again',
              state: 'amended',
              context: acknowledged({ deadline: EARLIEST, addedRequirements: ['check every household', 'report returnees'], addedForms: [FORM_A, FORM_B], amendments: 2 }),
            },
            { event: FORWARD, state: 'forwarded', effects: [fanOut('village', handedDown({ ...amendedContext, at: RECEIVED_AT }))], context: amendedContext },
            { event: ESCALATED, state: 'amended', context: { ...amendedContext, escalations: 1 } },
            { event: CLOSE, state: 'closed', done: true, context: amendedContext },
          ],
          refusesAlso: [{ event: amend(['x'], DEADLINE), label: 'back to the original deadline, later than the amended one' }],
        },
        {
          state: 'forwarded',
          via: [ACK, FORWARD],
          label: 'forwarded (unamended)',
          accepts: [
            { event: ESCALATED, state: 'forwarded', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
        },
        {
          state: 'forwarded',
          via: [ACK, amend(['a'], EARLIER), FORWARD, ESCALATED],
          label: 'forwarded (amended, one task escalated)',
          accepts: [
            { event: { ...ESCALATED, taskId: 'task-2' }, label: 'a second task', state: 'forwarded', context: acknowledged({ deadline: EARLIER, addedRequirements: ['a'], addedForms: [FORM_A], amendments: 1, escalations: 2 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged({ deadline: EARLIER, addedRequirements: ['a'], addedForms: [FORM_A], amendments: 1, escalations: 1 }) },
          ],
        },
        { state: 'closed', via: [CLOSE], label: 'closed (from received)', accepts: [] },
        { state: 'closed', via: [ACK, FORWARD, CLOSE], label: 'closed (from forwarded)', accepts: [] },
      ],
      start,
    );

    it('compares deadlines as instants, not as strings', () => {
      const acked = run(machine, [ACK], start);
      // 13:00 in Shanghai is 05:00Z: earlier, although the string sorts later.
      expect(stepMachine(machine, acked.snapshot, amend(['a'], '2022-03-10T13:00:00+08:00')).snapshot.context).toMatchObject({ deadline: '2022-03-10T13:00:00+08:00' });
      // 11:00 in New York is 16:00Z: later, although the string sorts earlier.
      expectRefused(machine, acked, amend(['a'], '2022-03-10T11:00:00-05:00'));
      // The very same instant written another way is not a loosening.
      expect(canApply(machine, acked.snapshot, amend(['a'], '2022-03-10T20:00:00+08:00'))).toBe(true);
    });

    it('a refused amendment leaves the snapshot as it was', () => {
      const acked = run(machine, [ACK], start);
      const before = throughJson(acked.snapshot);
      expectRefused(machine, acked, amend(['a'], LATER));
      expect(acked.snapshot).toEqual(before);
    });

    it('accumulates amendments on top of what the levels above added, and hands all of it down', () => {
      const fromAbove: ReceiptInput = { at: RECEIVED_AT, deadline: DEADLINE, addedRequirements: ['county: report by 18:00'], addedForms: [FORM_B] };
      const forwarded = run(machine, [ACK, amend(['township: knock twice'], EARLIER, [FORM_A]), amend(['township: list returnees'], undefined, []), FORWARD], fromAbove);
      expect(forwarded.snapshot.context).toMatchObject({ amendments: 2 });
      expect(forwarded.effects).toEqual([
        fanOut('village', {
          deadline: EARLIER,
          addedRequirements: ['county: report by 18:00', 'township: knock twice', 'township: list returnees'],
          addedForms: [FORM_B, FORM_A],
        }),
      ]);
    });

    it('an amendment without a deadline keeps the amended one, not the original', () => {
      const twice = run(machine, [ACK, amend(['a'], EARLIER), amend(['b'])], start);
      expect(twice.snapshot.context).toMatchObject({ deadline: EARLIER, amendments: 2 });
    });

    it('keeps its own time and the time it was acknowledged, and does not hand them down', () => {
      const later: ReceiptInput = { ...start, at: '2022-03-10T05:00:00.000Z' };
      const steps = trace(machine, [{ ...ACK, at: '2022-03-10T05:10:00.000Z' }, FORWARD], later);
      expect(steps[0]!.snapshot.context).toMatchObject({ receivedAt: '2022-03-10T05:00:00.000Z', acknowledgedAt: null });
      expect(steps[1]!.snapshot.context).toMatchObject({ receivedAt: '2022-03-10T05:00:00.000Z', acknowledgedAt: '2022-03-10T05:10:00.000Z' });
      expect(steps[2]!.effects).toEqual([fanOut('village', { deadline: DEADLINE, addedRequirements: [], addedForms: [] })]);
    });

    it('counts each escalated task, in every open state, without leaving the state', () => {
      const steps = trace(machine, [ESCALATED, ACK, { ...ESCALATED, taskId: 'task-2' }, amend(['a']), { ...ESCALATED, taskId: 'task-3' }, FORWARD, { ...ESCALATED, taskId: 'task-4' }], start);
      expect(steps.map((s) => [s.state, s.snapshot.context.escalations])).toEqual([
        ['received', 0],
        ['received', 1],
        ['acknowledged', 1],
        ['acknowledged', 2],
        ['amended', 2],
        ['amended', 3],
        ['forwarded', 3],
        ['forwarded', 4],
      ]);
      expectRefused(machine, run(machine, [CLOSE], start), ESCALATED);
    });
  });

  describe('at a middle level that may not amend (village)', () => {
    const machine = template({ levels: { village: { canAmend: false, autoForward: false } } }).machine('receipt:village');
    describeTransitions(
      machine,
      ALPHABET,
      [
        {
          state: 'received',
          via: [],
          accepts: [
            { event: ACK, state: 'acknowledged', context: acknowledged() },
            { event: ESCALATED, state: 'received', context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: received() },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: FORWARD, state: 'forwarded', effects: [fanOut('grid', handedDown(start))], context: acknowledged() },
            { event: ESCALATED, state: 'acknowledged', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
        },
        {
          state: 'forwarded',
          via: [ACK, FORWARD],
          accepts: [
            { event: ESCALATED, state: 'forwarded', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
        },
        { state: 'closed', via: [ACK, CLOSE], accepts: [] },
      ],
      start,
    );

    it('hands down exactly what it received', () => {
      const fromAbove: ReceiptInput = { at: RECEIVED_AT, deadline: EARLIER, addedRequirements: ['from township'], addedForms: [FORM_A] };
      expect(run(machine, [ACK, FORWARD], fromAbove).effects).toEqual([fanOut('grid', handedDown(fromAbove))]);
    });

    it('a level without settings in the template behaves the same', () => {
      const bare = template({}).machine('receipt:village');
      expect(acceptedEvents(bare, run(bare, [ACK], start).snapshot)).toEqual(expect.arrayContaining(['FORWARD', 'CLOSE']));
      expect(acceptedEvents(bare, run(bare, [ACK], start).snapshot)).not.toContain('AMEND');
    });
  });

  describe('at a middle level that forwards by itself', () => {
    const compiled = template({
      levels: { township: { autoForward: true, canAmend: true, acknowledgeWithinHours: 4, forwardWithinHours: 12 } },
      reports: [report('on-receipt', 'township', 'received'), report('on-forward', 'township', 'forwarded')],
    });
    const machine = compiled.machine('receipt:township');

    it('passes received and forwards at once, starting the stages of both states, then fanning out, arming no timer despite its limits', () => {
      expect(startMachine(machine, start)).toEqual({
        snapshot: { value: 'forwarded', context: received(), status: 'active' },
        state: 'forwarded',
        done: false,
        effects: [startStages({ kind: 'report', id: 'on-receipt' }), startStages({ kind: 'report', id: 'on-forward' }), fanOut('village', handedDown(start))],
      });
    });

    it('hands down what the levels above added', () => {
      const fromAbove: ReceiptInput = { at: RECEIVED_AT, deadline: EARLIER, addedRequirements: ['from county'], addedForms: [FORM_A] };
      expect(startMachine(machine, fromAbove).effects.at(-1)).toEqual(fanOut('village', handedDown(fromAbove)));
    });

    describeTransitions(
      machine,
      [...ALPHABET, { type: 'xstate.after.acknowledgeDue.receipt:township.received', at: DEADLINE }, { type: 'xstate.after.forwardDue.receipt:township.acknowledged', at: DEADLINE }],
      [
        {
          state: 'forwarded',
          via: [],
          accepts: [
            { event: ESCALATED, state: 'forwarded', context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: received() },
          ],
        },
        { state: 'closed', via: [CLOSE], accepts: [] },
      ],
      start,
    );
  });

  describe('at the last level, which does the work itself (grid)', () => {
    const machine = template({ reports: [report('daily-report', 'grid', 'received')], screening: { level: 'grid', startsOn: 'acknowledged' } }).machine('receipt:grid');
    describeTransitions(
      machine,
      ALPHABET,
      [
        {
          state: 'received',
          via: [],
          accepts: [
            { event: ACK, state: 'acknowledged', effects: [startStages({ kind: 'screening' })], context: acknowledged() },
            { event: ESCALATED, state: 'received', context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: received() },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: ESCALATED, state: 'acknowledged', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
        },
        { state: 'closed', via: [ACK, CLOSE], accepts: [] },
      ],
      start,
    );

    it('starts the stages that begin on receipt as it is created', () => {
      expect(startMachine(machine, start).effects).toEqual([startStages({ kind: 'report', id: 'daily-report' })]);
    });

    it('never fans out', () => {
      const effects = trace(machine, [ACK, CLOSE], start).flatMap((r) => r.effects);
      expect(effects.filter((e) => e.type === 'fanOut')).toEqual([]);
    });
  });

  describe('at the last level when it may amend', () => {
    const machine = template({ levels: { grid: { canAmend: true } }, reports: [report('after-amending', 'grid', 'amended')] }).machine('receipt:grid');
    const once = acknowledged({ deadline: EARLIER, addedRequirements: ['a'], addedForms: [FORM_A], amendments: 1 });
    describeTransitions(
      machine,
      ALPHABET,
      [
        {
          state: 'received',
          via: [],
          accepts: [
            { event: ACK, state: 'acknowledged', context: acknowledged() },
            { event: ESCALATED, state: 'received', context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: received() },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: amend(['a'], EARLIER), state: 'amended', effects: [startStages({ kind: 'report', id: 'after-amending' })], context: once },
            { event: ESCALATED, state: 'acknowledged', context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, context: acknowledged() },
          ],
          refusesAlso: [{ event: amend(['a'], LATER), label: 'later deadline' }],
        },
        {
          state: 'amended',
          via: [ACK, amend(['a'], EARLIER)],
          accepts: [
            // Staying in amended does not start its stages a second time.
            { event: amend(['b'], EARLIEST), state: 'amended', effects: [], context: { ...once, deadline: EARLIEST, addedRequirements: ['a', 'b'], addedForms: [FORM_A, FORM_A], amendments: 2 } },
            { event: ESCALATED, state: 'amended', context: { ...once, escalations: 1 } },
            { event: CLOSE, state: 'closed', done: true, context: once },
          ],
          refusesAlso: [{ event: amend(['b'], LATER), label: 'later deadline' }],
        },
        { state: 'closed', via: [ACK, amend(['a']), CLOSE], accepts: [] },
      ],
      start,
    );
  });

  describe('at the last level marked to forward by itself (which validation refuses)', () => {
    const machine = template({ levels: { grid: { autoForward: true } } }).machine('receipt:grid');
    it('still waits for acknowledgement, having no one to forward to', () => {
      const waiting = startMachine(machine, start);
      expect(waiting).toMatchObject({ state: 'received', effects: [] });
      expect(stepMachine(machine, waiting.snapshot, ACK).state).toBe('acknowledged');
    });
  });

  describe('time limits (township: acknowledge within 4 hours of receipt, forward within 12 of acknowledging)', () => {
    const compiled = template({ levels: { township: { canAmend: true, acknowledgeWithinHours: 4, forwardWithinHours: 12 } }, reports: [report('on-ack', 'township', 'acknowledged')] });
    const machine = compiled.machine('receipt:township');
    const ACKNOWLEDGE_DUE = 'xstate.after.acknowledgeDue.receipt:township.received';
    const FORWARD_DUE = 'xstate.after.forwardDue.receipt:township.acknowledged';
    const FORWARD_DUE_AMENDED = 'xstate.after.forwardDue.receipt:township.amended';
    // 4 hours after receipt, 12 after acknowledgement.
    const ACKNOWLEDGE_DUE_FIRES = { type: ACKNOWLEDGE_DUE, at: '2022-03-10T04:00:00.000Z' };
    const FORWARD_DUE_FIRES = { type: FORWARD_DUE, at: '2022-03-10T13:00:00.000Z' };
    const FORWARD_DUE_AMENDED_FIRES = { type: FORWARD_DUE_AMENDED, at: '2022-03-10T13:00:00.000Z' };
    const LATE_AMEND = amend(['check again'], EARLIEST, [], '2022-03-10T14:00:00.000Z');
    const LATE_FORWARD = { ...FORWARD, at: '2022-03-10T14:00:00.000Z' };
    const ON_ACK = startStages({ kind: 'report', id: 'on-ack' });
    const amended = acknowledged({ deadline: EARLIER, addedRequirements: ['check every household'], addedForms: [FORM_A], amendments: 1 });
    const lateAmended = acknowledged({ deadline: EARLIEST, addedRequirements: ['check again'], addedForms: [], amendments: 1, lateToForward: true });

    it('arms the acknowledge limit on receipt, measured from the receipt’s time', () => {
      expect(startMachine(machine, start)).toEqual({ snapshot: { value: 'received', context: received(), status: 'active' }, state: 'received', done: false, effects: [setTimer(ACKNOWLEDGE_DUE, 4 * HOUR)] });
      expect(startMachine(machine, { ...start, at: '2022-03-10T09:15:00.000Z' }).snapshot.context).toMatchObject({ receivedAt: '2022-03-10T09:15:00.000Z' });
    });

    describeTransitions(
      machine,
      [...ALPHABET, ACKNOWLEDGE_DUE_FIRES, FORWARD_DUE_FIRES, FORWARD_DUE_AMENDED_FIRES],
      [
        {
          state: 'received',
          via: [],
          accepts: [
            // Acknowledged in time: the acknowledge timer is cancelled, the forward limit armed 12 hours out.
            { event: ACK, state: 'acknowledged', effects: [cancelTimer(ACKNOWLEDGE_DUE), ON_ACK, setTimer(FORWARD_DUE, 12 * HOUR)], context: acknowledged() },
            { event: ESCALATED, state: 'received', effects: [], context: received({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(ACKNOWLEDGE_DUE)], context: received() },
            { event: ACKNOWLEDGE_DUE_FIRES, label: 'acknowledge limit passed', state: 'received', effects: LATE_TO_ACKNOWLEDGE, context: received({ lateToAcknowledge: true }) },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            // 13:00Z forward limit, amended at 01:30Z.
            { event: amend(['check every household'], EARLIER), state: 'amended', effects: [cancelTimer(FORWARD_DUE), setTimer(FORWARD_DUE_AMENDED, 11.5 * HOUR)], context: amended },
            { event: FORWARD, state: 'forwarded', effects: [cancelTimer(FORWARD_DUE), fanOut('village', handedDown(start))], context: acknowledged() },
            { event: ESCALATED, state: 'acknowledged', effects: [], context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(FORWARD_DUE)], context: acknowledged() },
            { event: FORWARD_DUE_FIRES, label: 'forward limit passed', state: 'acknowledged', effects: LATE_TO_FORWARD, context: acknowledged({ lateToForward: true }) },
          ],
          refusesAlso: [{ event: amend(['x'], LATER), label: 'later deadline' }],
        },
        {
          state: 'acknowledged',
          label: 'acknowledged (late to forward)',
          via: [ACK, FORWARD_DUE_FIRES],
          accepts: [
            // Amended after the limit: the re-armed timer is due at once, and will be refused (below).
            { event: LATE_AMEND, state: 'amended', effects: [cancelTimer(FORWARD_DUE), setTimer(FORWARD_DUE_AMENDED, 0)], context: lateAmended },
            { event: LATE_FORWARD, state: 'forwarded', effects: [cancelTimer(FORWARD_DUE), fanOut('village', handedDown(start))], context: acknowledged({ lateToForward: true }) },
            { event: ESCALATED, state: 'acknowledged', effects: [], context: acknowledged({ lateToForward: true, escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(FORWARD_DUE)], context: acknowledged({ lateToForward: true }) },
          ],
        },
        {
          state: 'amended',
          via: [ACK, amend(['check every household'], EARLIER)],
          accepts: [
            // Staying in amended keeps its timer: nothing cancelled, nothing re-armed.
            { event: amend(['b'], EARLIEST, []), label: 'again', state: 'amended', effects: [], context: { ...amended, deadline: EARLIEST, addedRequirements: ['check every household', 'b'], amendments: 2 } },
            { event: FORWARD, state: 'forwarded', effects: [cancelTimer(FORWARD_DUE_AMENDED), fanOut('village', handedDown({ ...amended, at: RECEIVED_AT }))], context: amended },
            { event: ESCALATED, state: 'amended', effects: [], context: { ...amended, escalations: 1 } },
            { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(FORWARD_DUE_AMENDED)], context: amended },
            { event: FORWARD_DUE_AMENDED_FIRES, label: 'forward limit passed', state: 'amended', effects: LATE_TO_FORWARD, context: { ...amended, lateToForward: true } },
          ],
        },
        {
          state: 'amended',
          label: 'amended (after the forward limit passed while acknowledged)',
          via: [ACK, FORWARD_DUE_FIRES, LATE_AMEND],
          accepts: [
            { event: { ...LATE_AMEND, requirements: ['more'] }, label: 'again', state: 'amended', effects: [], context: { ...lateAmended, addedRequirements: ['check again', 'more'], amendments: 2 } },
            { event: LATE_FORWARD, state: 'forwarded', effects: [cancelTimer(FORWARD_DUE_AMENDED), fanOut('village', { deadline: EARLIEST, addedRequirements: ['check again'], addedForms: [] })], context: lateAmended },
            { event: ESCALATED, state: 'amended', effects: [], context: { ...lateAmended, escalations: 1 } },
            { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(FORWARD_DUE_AMENDED)], context: lateAmended },
            // FORWARD_DUE_AMENDED is in the alphabet and not accepted here: told once already.
          ],
        },
        {
          state: 'forwarded',
          via: [ACK, FORWARD],
          accepts: [
            { event: ESCALATED, state: 'forwarded', effects: [], context: acknowledged({ escalations: 1 }) },
            { event: CLOSE, state: 'closed', done: true, effects: [], context: acknowledged() },
          ],
        },
        { state: 'closed', via: [CLOSE], accepts: [] },
        { state: 'closed', label: 'closed (late to forward)', via: [ACK, FORWARD_DUE_FIRES, CLOSE], accepts: [] },
      ],
      start,
    );

    it('late to acknowledge: the timer the receipt asked for marks it late and tells its admins and the level above', () => {
      const waiting = startMachine(machine, start);
      const late = stepMachine(machine, waiting.snapshot, timerEvent(waiting, ACKNOWLEDGE_DUE, '2022-03-10T04:00:00.000Z'));
      expect(late).toEqual({ snapshot: { value: 'received', context: received({ lateToAcknowledge: true }), status: 'active' }, state: 'received', done: false, effects: LATE_TO_ACKNOWLEDGE });
      // Acknowledged late: the mark stays, and the forward limit is counted from the acknowledgement.
      const acked = stepMachine(machine, late.snapshot, { ...ACK, at: '2022-03-10T05:00:00.000Z' });
      expect(acked).toEqual({
        snapshot: { value: 'acknowledged', context: received({ lateToAcknowledge: true, acknowledgedAt: '2022-03-10T05:00:00.000Z' }), status: 'active' },
        state: 'acknowledged',
        done: false,
        effects: [cancelTimer(ACKNOWLEDGE_DUE), ON_ACK, setTimer(FORWARD_DUE, 12 * HOUR)],
      });
      const lateAgain = stepMachine(machine, acked.snapshot, timerEvent(acked, FORWARD_DUE, '2022-03-10T17:00:00.000Z'));
      expect(lateAgain.effects).toEqual(LATE_TO_FORWARD);
      expect(lateAgain.snapshot.context).toEqual(received({ lateToAcknowledge: true, acknowledgedAt: '2022-03-10T05:00:00.000Z', lateToForward: true }));
    });

    it('late to forward only once: passed while acknowledged, the timer re-armed on amending is refused', () => {
      const acked = run(machine, [ACK], start);
      const late = stepMachine(machine, acked.snapshot, timerEvent(acked, FORWARD_DUE, '2022-03-10T13:00:00.000Z'));
      expect(late.effects).toEqual(LATE_TO_FORWARD);
      const amendedLate = stepMachine(machine, late.snapshot, LATE_AMEND);
      expect(amendedLate.effects).toEqual([cancelTimer(FORWARD_DUE), setTimer(FORWARD_DUE_AMENDED, 0)]);
      const rearmed = timerEvent(amendedLate, FORWARD_DUE_AMENDED, '2022-03-10T14:00:00.000Z');
      // The engine skips a timer the instance does not take; stepping it anyway is refused.
      expect(canApply(machine, amendedLate.snapshot, rearmed)).toBe(false);
      expectRefused(machine, amendedLate, rearmed);
    });

    it('late to forward only once: amended in time, it is told once when the limit passes, whatever follows', () => {
      const steps = trace(machine, [ACK, amend(['a'], EARLIER), FORWARD_DUE_AMENDED_FIRES, LATE_AMEND, LATE_FORWARD], start);
      expect(steps.map((s) => s.state)).toEqual(['received', 'acknowledged', 'amended', 'amended', 'amended', 'forwarded']);
      // The forward limit stays 13:00Z however the receipt moves between acknowledged and amended.
      expect(timerEffects(steps)).toEqual([
        setTimer(ACKNOWLEDGE_DUE, 4 * HOUR),
        cancelTimer(ACKNOWLEDGE_DUE),
        setTimer(FORWARD_DUE, 12 * HOUR),
        cancelTimer(FORWARD_DUE),
        setTimer(FORWARD_DUE_AMENDED, 11.5 * HOUR),
        cancelTimer(FORWARD_DUE_AMENDED),
      ]);
      const notices = steps.flatMap((s) => s.effects).filter((e) => e.type === 'notify');
      expect(notices).toEqual(LATE_TO_FORWARD);
      expectRefused(machine, steps[3]!, FORWARD_DUE_AMENDED_FIRES);
    });

    it('refuses the timer of a state it has left, naming the event and the state', () => {
      expectRefused(machine, run(machine, [ACK], start), ACKNOWLEDGE_DUE_FIRES);
      expectRefused(machine, run(machine, [ACK, amend(['a'])], start), FORWARD_DUE_FIRES);
      expectRefused(machine, run(machine, [ACK, FORWARD], start), FORWARD_DUE_FIRES);
      expectRefused(machine, startMachine(machine, start), FORWARD_DUE_FIRES);
    });

    it('does not offer the timers as actions', () => {
      expect(new Set(acceptedEvents(machine, startMachine(machine, start).snapshot))).toEqual(new Set(['ACKNOWLEDGE', 'TASK_ESCALATED', 'CLOSE']));
    });

    it('an event without a time is refused as an error in a state that measures time from it', () => {
      expect(() => stepMachine(machine, startMachine(machine, start).snapshot, { type: 'ACKNOWLEDGE' })).toThrow(/ACKNOWLEDGE carries no time/);
      expect(() => startMachine(machine, handedDown(start))).toThrow(/error state/);
    });

    describe('replay', () => {
      const events: MachineEvent[] = [ACKNOWLEDGE_DUE_FIRES, { ...ACK, at: '2022-03-10T05:00:00.000Z' }, amend(['a'], EARLIER, [FORM_B], '2022-03-10T06:00:00.000Z'), ESCALATED, { type: FORWARD_DUE_AMENDED, at: '2022-03-10T17:00:00.000Z' }, LATE_FORWARD, CLOSE];
      afterEach(() => vi.useRealTimers());

      it('the same events from the same input give identical snapshots and effects, also freshly compiled and whatever the clock says', () => {
        const first = trace(machine, events, start);
        expect(first.map((s) => s.state)).toEqual(['received', 'received', 'acknowledged', 'amended', 'amended', 'amended', 'forwarded', 'closed']);
        expect(trace(machine, events, start)).toEqual(first);
        vi.useFakeTimers({ now: new Date('2029-02-03T04:05:06.000Z') });
        const recompiled = template({ levels: { township: { canAmend: true, acknowledgeWithinHours: 4, forwardWithinHours: 12 } }, reports: [report('on-ack', 'township', 'acknowledged')] });
        expect(trace(recompiled.machine('receipt:township'), events, start)).toEqual(first);
      });

      it('steps on from JSON exactly as from the original', () => {
        const first = trace(machine, events, start);
        for (let i = 0; i < events.length; i++) expect(stepMachine(machine, throughJson(first[i]!.snapshot), events[i]!)).toEqual(first[i + 1]);
      });
    });
  });

  describe('levels without time limits arm no timers', () => {
    it.each([
      ['a middle level with no limits', template({ levels: { township: { canAmend: true } } }).machine('receipt:township'), [ESCALATED, ACK, amend(['a'], EARLIER), amend(['b']), FORWARD, ESCALATED, CLOSE]],
      ['a level with no settings at all', template({}).machine('receipt:township'), [ESCALATED, ACK, FORWARD, CLOSE]],
      ['the last level with no limits', template({ levels: { grid: { canAmend: true } } }).machine('receipt:grid'), [ESCALATED, ACK, amend(['a'], EARLIER), CLOSE]],
    ])('%s', (_, machine, events) => {
      const steps = trace(machine, events, start);
      expect(steps.at(-1)!.state).toBe('closed');
      expect(timerEffects(steps)).toEqual([]);
      expect(steps.flatMap((s) => s.effects).filter((e) => e.type === 'notify')).toEqual([]);
    });

    it('only an acknowledge limit: nothing is armed on acknowledging', () => {
      const machine = template({ levels: { village: { acknowledgeWithinHours: 2 } } }).machine('receipt:village');
      expect(timerEffects(trace(machine, [ACK, FORWARD, CLOSE], start))).toEqual([setTimer('xstate.after.acknowledgeDue.receipt:village.received', 2 * HOUR), cancelTimer('xstate.after.acknowledgeDue.receipt:village.received')]);
    });

    it('only a forward limit: nothing is armed on receipt', () => {
      const machine = template({ levels: { village: { forwardWithinHours: 6 } } }).machine('receipt:village');
      expect(timerEffects(trace(machine, [ACK, FORWARD, CLOSE], start))).toEqual([setTimer('xstate.after.forwardDue.receipt:village.acknowledged', 6 * HOUR), cancelTimer('xstate.after.forwardDue.receipt:village.acknowledged')]);
    });

    it('the last level has no one to forward to, so a forward limit there arms nothing', () => {
      const machine = template({ levels: { grid: { canAmend: true, acknowledgeWithinHours: 2, forwardWithinHours: 6 } } }).machine('receipt:grid');
      expect(timerEffects(trace(machine, [ACK, amend(['a']), CLOSE], start))).toEqual([setTimer('xstate.after.acknowledgeDue.receipt:grid.received', 2 * HOUR), cancelTimer('xstate.after.acknowledgeDue.receipt:grid.received')]);
    });
  });
  describe('stages by the state they start on', () => {
    const compiled = template({
      levels: { township: { canAmend: true } },
      reports: [
        report('r-received', 'township', 'received'),
        report('r-acknowledged', 'township', 'acknowledged'),
        report('r-amended', 'township', 'amended'),
        report('r-forwarded', 'township', 'forwarded'),
        report('r-acknowledged-2', 'township', 'acknowledged'),
        report('elsewhere', 'village', 'received'),
      ],
      screening: { level: 'township', startsOn: 'acknowledged' },
    });
    const machine = compiled.machine('receipt:township');

    it('each state starts its own stages, in template order, reports before screening, and only this level’s', () => {
      const steps = trace(machine, [ACK, amend(['a'], EARLIER), amend(['b']), FORWARD, CLOSE], start);
      expect(steps.map((s) => [s.state, s.effects])).toEqual([
        ['received', [startStages({ kind: 'report', id: 'r-received' })]],
        ['acknowledged', [startStages({ kind: 'report', id: 'r-acknowledged' }, { kind: 'report', id: 'r-acknowledged-2' }, { kind: 'screening' })]],
        ['amended', [startStages({ kind: 'report', id: 'r-amended' })]],
        ['amended', []],
        [
          'forwarded',
          [startStages({ kind: 'report', id: 'r-forwarded' }), fanOut('village', { deadline: EARLIER, addedRequirements: ['a', 'b'], addedForms: [FORM_A, FORM_A] })],
        ],
        ['closed', []],
      ]);
    });

    it('the next level’s stages belong to the next level’s receipt', () => {
      expect(startMachine(compiled.machine('receipt:village'), start).effects).toEqual([startStages({ kind: 'report', id: 'elsewhere' })]);
    });

    it('skipping the amendment skips the amended stages', () => {
      const effects = trace(machine, [ACK, FORWARD], start).flatMap((s) => s.effects);
      expect(effects).not.toContainEqual(startStages({ kind: 'report', id: 'r-amended' }));
    });
  });

  describe('replay and storage', () => {
    const compiled = template({ levels: { township: { canAmend: true } }, reports: [report('r', 'township', 'amended')] });
    const events: MachineEvent[] = [ACK, amend(['a'], EARLIER), amend(['b'], EARLIEST, [FORM_B]), FORWARD, CLOSE];

    it('replaying the same events gives identical snapshots and effects, also from a freshly compiled template', () => {
      const first = trace(compiled.machine('receipt:township'), events, start);
      const again = trace(compiled.machine('receipt:township'), events, start);
      const recompiled = trace(template({ levels: { township: { canAmend: true } }, reports: [report('r', 'township', 'amended')] }).machine('receipt:township'), events, start);
      expect(again).toEqual(first);
      expect(recompiled).toEqual(first);
    });

    it('every snapshot survives JSON and steps on exactly as the original would', () => {
      const machine = compiled.machine('receipt:township');
      const steps = trace(machine, events, start);
      for (let i = 0; i < events.length; i++) {
        const stored = throughJson(steps[i]!.snapshot);
        expect(stored).toEqual(steps[i]!.snapshot);
        expect(stepMachine(machine, stored, events[i]!)).toEqual(steps[i + 1]);
      }
    });

    it('a stored final snapshot stays final', () => {
      const machine = compiled.machine('receipt:township');
      const closed = run(machine, [CLOSE], start);
      const stored = { ...closed, snapshot: throughJson(closed.snapshot) };
      expect(acceptedEvents(machine, stored.snapshot)).toEqual([]);
      expectRefused(machine, stored, ACK);
    });

    it('stepping does not change the snapshot it was given', () => {
      const machine = compiled.machine('receipt:township');
      const acknowledged = run(machine, [ACK], start);
      const before = throughJson(acknowledged.snapshot);
      stepMachine(machine, acknowledged.snapshot, amend(['a'], EARLIER));
      expect(acknowledged.snapshot).toEqual(before);
    });
  });
});

