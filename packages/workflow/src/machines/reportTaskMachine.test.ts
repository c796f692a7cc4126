import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Effect, NotifyAudience } from '../step/effects.js';
import { acceptedEvents, canApply, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { HOUR, cancelTimer, describeTransitions, expectRefused, run, setTimer, throughJson, timerEffects, timerEvent, trace } from '../step/testKit.js';
import { reportTaskMachine, type ReportTaskContext, type ReportTaskInput } from './reportTaskMachine.js';

// The daily report of 2022-03-10 in Asia/Shanghai: the period opens at local midnight (16:00Z the day
// before) and is due at 20:00 local (12:00Z); the template reminds 2 hours before and escalates 4 after.
const OPENED_AT = '2022-03-09T16:00:00.000Z';
const DUE = '2022-03-10T12:00:00.000Z';
const REMIND_AT = '2022-03-10T10:00:00.000Z';
const ESCALATE_AT = '2022-03-10T16:00:00.000Z';
const STAGE = { id: 'daily-report', remindBeforeHours: 2, escalateAfterHours: 4 };
const input: ReportTaskInput = { stageId: 'daily-report', periodKey: '2022-03-10', dueAt: DUE, at: OPENED_AT };

const REMIND = 'xstate.after.remindDue.task:report:daily-report.open';
const DUE_OPEN = 'xstate.after.due.task:report:daily-report.open';
const DUE_RETURNED = 'xstate.after.due.task:report:daily-report.returned';
const ESCALATE = 'xstate.after.escalateDue.task:report:daily-report.overdue';

const SUBMIT = { type: 'SUBMIT', submissionId: 's-1', at: '2022-03-10T09:00:00.000Z' };
const RETURN = { type: 'RETURN', comment: '排查户数与人数不符', at: '2022-03-10T10:30:00.000Z' };
const RESUBMIT = { type: 'SUBMIT', submissionId: 's-2', at: '2022-03-10T11:00:00.000Z' };
const ACCEPT = { type: 'ACCEPT', at: '2022-03-10T11:30:00.000Z' };
const CLOSE = { type: 'CLOSE', at: '2022-03-10T11:45:00.000Z' };
const LATE_SUBMIT = { type: 'SUBMIT', submissionId: 's-late', at: '2022-03-10T13:00:00.000Z' };
const LATE_RETURN = { type: 'RETURN', comment: '补报不完整', at: '2022-03-10T14:00:00.000Z' };
/** Timer events as the engine delivers them: the stored event, stamped with the time it fires. */
const REMIND_FIRES = { type: REMIND, at: REMIND_AT };
const DUE_FIRES = { type: DUE_OPEN, at: DUE };
const ESCALATE_FIRES = { type: ESCALATE, at: ESCALATE_AT };
const ALPHABET: MachineEvent[] = [SUBMIT, RETURN, ACCEPT, { type: 'CLOSE', reason: 'directive closed', at: DUE }, REMIND_FIRES, DUE_FIRES, { type: DUE_RETURNED, at: DUE }, ESCALATE_FIRES];

const context = (changes: Partial<ReportTaskContext> = {}): ReportTaskContext => ({
  stageId: 'daily-report',
  periodKey: '2022-03-10',
  dueAt: DUE,
  attempts: 0,
  lastComment: null,
  escalated: false,
  ...changes,
});
const notify = (audience: NotifyAudience, kind: string): Effect => ({ type: 'notify', audience, kind });
const OVERDUE_NOTICE = notify('assignees', 'reportOverdue');
const ESCALATION: Effect[] = [notify('parentAdmins', 'reportEscalated'), { type: 'escalate' }];

describe('report task machine (reminds and escalates)', () => {
  const machine = reportTaskMachine(STAGE);

  it('is named after its report stage, as the template stores its key', () => {
    expect(machine.id).toBe('task:report:daily-report');
    expect(reportTaskMachine({ id: 'weekly-summary' }).id).toBe('task:report:weekly-summary');
  });

  it('opens with the period, no attempts and no comment, arming the reminder and the due time from its input time', () => {
    expect(startMachine(machine, input)).toEqual({
      snapshot: { value: 'open', context: context(), status: 'active' },
      state: 'open',
      done: false,
      // 18 hours to 10:00Z, 20 hours to 12:00Z.
      effects: [setTimer(REMIND, 18 * HOUR), setTimer(DUE_OPEN, 20 * HOUR)],
    });
  });

  it('measures the delays from the absolute due time, however late the task is created', () => {
    expect(startMachine(machine, { ...input, at: '2022-03-10T09:30:00.000Z' }).effects).toEqual([setTimer(REMIND, 30 * 60_000), setTimer(DUE_OPEN, 150 * 60_000)]);
    // Created after the reminder time: the reminder is due at once, the due time still ahead.
    expect(startMachine(machine, { ...input, at: '2022-03-10T11:00:00.000Z' }).effects).toEqual([setTimer(REMIND, 0), setTimer(DUE_OPEN, HOUR)]);
    // Created after the due time: both at once.
    expect(startMachine(machine, { ...input, at: '2022-03-10T15:00:00.000Z' }).effects).toEqual([setTimer(REMIND, 0), setTimer(DUE_OPEN, 0)]);
  });

  describeTransitions(
    machine,
    ALPHABET,
    [
      {
        state: 'open',
        via: [],
        accepts: [
          { event: SUBMIT, state: 'submitted', effects: [cancelTimer(REMIND), cancelTimer(DUE_OPEN)], context: context({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(REMIND), cancelTimer(DUE_OPEN)], context: context() },
          // The reminder stays in open: nothing is re-armed, the due time still stands.
          { event: REMIND_FIRES, label: 'reminder', state: 'open', effects: [notify('assignees', 'reportReminder')], context: context() },
          {
            event: DUE_FIRES,
            label: 'due',
            state: 'overdue',
            effects: [cancelTimer(REMIND), cancelTimer(DUE_OPEN), OVERDUE_NOTICE, setTimer(ESCALATE, 4 * HOUR)],
            context: context(),
          },
        ],
      },
      {
        state: 'overdue',
        via: [DUE_FIRES],
        accepts: [
          // A late report is still taken.
          { event: LATE_SUBMIT, label: 'late', state: 'submitted', effects: [cancelTimer(ESCALATE)], context: context({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(ESCALATE)], context: context() },
          { event: ESCALATE_FIRES, label: 'escalation', state: 'overdue', effects: ESCALATION, context: context({ escalated: true }) },
        ],
      },
      {
        state: 'overdue',
        label: 'overdue (escalated)',
        via: [DUE_FIRES, ESCALATE_FIRES],
        accepts: [
          { event: LATE_SUBMIT, label: 'late', state: 'submitted', effects: [cancelTimer(ESCALATE)], context: context({ attempts: 1, escalated: true }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(ESCALATE)], context: context({ escalated: true }) },
        ],
      },
      {
        state: 'submitted',
        via: [SUBMIT],
        accepts: [
          // Returned before the due time: it goes overdue at the due time, 1.5 hours later.
          { event: RETURN, state: 'returned', effects: [setTimer(DUE_RETURNED, 90 * 60_000)], context: context({ attempts: 1, lastComment: '排查户数与人数不符' }) },
          { event: ACCEPT, state: 'accepted', done: true, context: context({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, context: context({ attempts: 1 }) },
        ],
      },
      {
        state: 'submitted',
        label: 'submitted (late)',
        via: [DUE_FIRES, LATE_SUBMIT],
        accepts: [
          // Past the due time already: overdue at once.
          { event: LATE_RETURN, state: 'returned', effects: [setTimer(DUE_RETURNED, 0)], context: context({ attempts: 1, lastComment: '补报不完整' }) },
          { event: ACCEPT, state: 'accepted', done: true, context: context({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, context: context({ attempts: 1 }) },
        ],
      },
      {
        state: 'returned',
        via: [SUBMIT, RETURN],
        accepts: [
          { event: RESUBMIT, state: 'submitted', effects: [cancelTimer(DUE_RETURNED)], context: context({ attempts: 2, lastComment: '排查户数与人数不符' }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(DUE_RETURNED)], context: context({ attempts: 1, lastComment: '排查户数与人数不符' }) },
          {
            event: { type: DUE_RETURNED, at: DUE },
            label: 'due',
            state: 'overdue',
            effects: [cancelTimer(DUE_RETURNED), OVERDUE_NOTICE, setTimer(ESCALATE, 4 * HOUR)],
            context: context({ attempts: 1, lastComment: '排查户数与人数不符' }),
          },
        ],
      },
      {
        state: 'returned',
        label: 'returned (late, escalated before)',
        via: [DUE_FIRES, ESCALATE_FIRES, { ...LATE_SUBMIT, at: '2022-03-10T17:00:00.000Z' }, { ...LATE_RETURN, at: '2022-03-10T18:00:00.000Z' }],
        accepts: [
          { event: RESUBMIT, state: 'submitted', effects: [cancelTimer(DUE_RETURNED)], context: context({ attempts: 2, lastComment: '补报不完整', escalated: true }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(DUE_RETURNED)], context: context({ attempts: 1, lastComment: '补报不完整', escalated: true }) },
          // Overdue again, and told so again; the escalation is re-armed at once but will not fire twice.
          {
            event: { type: DUE_RETURNED, at: '2022-03-10T18:00:00.000Z' },
            label: 'due at once',
            state: 'overdue',
            effects: [cancelTimer(DUE_RETURNED), OVERDUE_NOTICE, setTimer(ESCALATE, 0)],
            context: context({ attempts: 1, lastComment: '补报不完整', escalated: true }),
          },
        ],
      },
      {
        state: 'submitted',
        label: 'submitted (second attempt)',
        via: [SUBMIT, RETURN, RESUBMIT],
        accepts: [
          { event: RETURN, state: 'returned', effects: [setTimer(DUE_RETURNED, 90 * 60_000)], context: context({ attempts: 2, lastComment: '排查户数与人数不符' }) },
          { event: ACCEPT, state: 'accepted', done: true, context: context({ attempts: 2, lastComment: '排查户数与人数不符' }) },
          { event: CLOSE, state: 'closed', done: true, context: context({ attempts: 2, lastComment: '排查户数与人数不符' }) },
        ],
      },
      { state: 'accepted', via: [SUBMIT, ACCEPT], accepts: [] },
      { state: 'accepted', label: 'accepted (after a return)', via: [SUBMIT, RETURN, RESUBMIT, ACCEPT], accepts: [] },
      { state: 'accepted', label: 'accepted (late)', via: [DUE_FIRES, LATE_SUBMIT, ACCEPT], accepts: [] },
      { state: 'closed', via: [CLOSE], accepts: [] },
      { state: 'closed', label: 'closed (while returned)', via: [SUBMIT, RETURN, CLOSE], accepts: [] },
      { state: 'closed', label: 'closed (while overdue)', via: [DUE_FIRES, CLOSE], accepts: [] },
    ],
    input,
  );

  describe('on the clock', () => {
    it('reminds before the due time, goes overdue at it and escalates after it, each from the timer the step before asked for', () => {
      const opened = startMachine(machine, input);
      const reminded = stepMachine(machine, opened.snapshot, timerEvent(opened, REMIND, REMIND_AT));
      expect(reminded).toEqual({ snapshot: { value: 'open', context: context(), status: 'active' }, state: 'open', done: false, effects: [notify('assignees', 'reportReminder')] });
      // The due timer armed on opening is still the one to deliver.
      const overdue = stepMachine(machine, reminded.snapshot, timerEvent(opened, DUE_OPEN, DUE));
      expect(overdue).toEqual({
        snapshot: { value: 'overdue', context: context(), status: 'active' },
        state: 'overdue',
        done: false,
        effects: [cancelTimer(REMIND), cancelTimer(DUE_OPEN), OVERDUE_NOTICE, setTimer(ESCALATE, 4 * HOUR)],
      });
      const escalated = stepMachine(machine, overdue.snapshot, timerEvent(overdue, ESCALATE, ESCALATE_AT));
      expect(escalated).toEqual({ snapshot: { value: 'overdue', context: context({ escalated: true }), status: 'active' }, state: 'overdue', done: false, effects: ESCALATION });
      const late = stepMachine(machine, escalated.snapshot, LATE_SUBMIT);
      expect(late).toEqual({ snapshot: { value: 'submitted', context: context({ attempts: 1, escalated: true }), status: 'active' }, state: 'submitted', done: false, effects: [cancelTimer(ESCALATE)] });
    });

    it('the escalation delay counts from the due time, not from when the task went overdue', () => {
      // The due timer delivered an hour late (the scheduler was down): escalation is 3 hours away, not 4.
      const overdue = run(machine, [{ type: DUE_OPEN, at: '2022-03-10T13:00:00.000Z' }], input);
      expect(overdue.effects.at(-1)).toEqual(setTimer(ESCALATE, 3 * HOUR));
      // Delivered after the escalation time itself: escalate at once.
      expect(run(machine, [{ type: DUE_OPEN, at: '2022-03-10T17:00:00.000Z' }], input).effects.at(-1)).toEqual(setTimer(ESCALATE, 0));
    });

    it('a returned report past its due time goes overdue at once and re-arms the escalation from the due time', () => {
      const returned = run(machine, [DUE_FIRES, LATE_SUBMIT, LATE_RETURN], input);
      expect(returned.effects).toEqual([setTimer(DUE_RETURNED, 0)]);
      const overdue = stepMachine(machine, returned.snapshot, timerEvent(returned, DUE_RETURNED, LATE_RETURN.at));
      // 16:00Z escalation, 14:00Z now.
      expect(overdue.effects).toEqual([cancelTimer(DUE_RETURNED), OVERDUE_NOTICE, setTimer(ESCALATE, 2 * HOUR)]);
      expect(stepMachine(machine, overdue.snapshot, timerEvent(overdue, ESCALATE, ESCALATE_AT))).toMatchObject({ state: 'overdue', effects: ESCALATION, snapshot: { context: { escalated: true } } });
    });

    it('a task is escalated once: after a late return it goes overdue again, but the re-armed escalation is refused', () => {
      const again = run(machine, [DUE_FIRES, ESCALATE_FIRES, { ...LATE_SUBMIT, at: '2022-03-10T17:00:00.000Z' }, { ...LATE_RETURN, at: '2022-03-10T18:00:00.000Z' }, { type: DUE_RETURNED, at: '2022-03-10T18:00:00.000Z' }], input);
      expect(again.state).toBe('overdue');
      const rearmed = timerEvent(again, ESCALATE, '2022-03-10T18:00:00.000Z');
      // The engine skips a timer whose event the instance no longer takes.
      expect(canApply(machine, again.snapshot, rearmed)).toBe(false);
      expectRefused(machine, again, rearmed);
      const all = trace(machine, [DUE_FIRES, ESCALATE_FIRES, LATE_SUBMIT, LATE_RETURN, { type: DUE_RETURNED, at: LATE_RETURN.at }], input).flatMap((s) => s.effects);
      expect(all.filter((e) => e.type === 'escalate')).toHaveLength(1);
      expect(all.filter((e) => e.type === 'notify' && e.kind === 'reportOverdue')).toHaveLength(2);
    });

    it('a timer of a state already left is refused, naming the event and the state', () => {
      const submitted = run(machine, [SUBMIT], input);
      expectRefused(machine, submitted, REMIND_FIRES);
      expectRefused(machine, submitted, DUE_FIRES);
      expectRefused(machine, run(machine, [SUBMIT, RETURN, RESUBMIT], input), { type: DUE_RETURNED, at: DUE });
      expectRefused(machine, run(machine, [DUE_FIRES, LATE_SUBMIT], input), ESCALATE_FIRES);
      expectRefused(machine, run(machine, [DUE_FIRES], input), DUE_FIRES);
    });

    it('the timers are not offered as actions', () => {
      expect(new Set(acceptedEvents(machine, startMachine(machine, input).snapshot))).toEqual(new Set(['SUBMIT', 'CLOSE']));
      expect(new Set(acceptedEvents(machine, run(machine, [DUE_FIRES], input).snapshot))).toEqual(new Set(['SUBMIT', 'CLOSE']));
    });

    it('a timed step without a time is refused as an error rather than scheduled from the clock', () => {
      expect(() => stepMachine(machine, run(machine, [SUBMIT], input).snapshot, { type: 'RETURN', comment: 'x' })).toThrow(/RETURN carries no time/);
      expect(() => startMachine(machine, { stageId: 'daily-report', periodKey: '2022-03-10', dueAt: DUE })).toThrow();
    });
  });

  it('counts every attempt and keeps the latest return comment', () => {
    const at = (h: number) => `2022-03-10T0${h}:00:00.000Z`;
    const steps = trace(machine, [
      { ...SUBMIT, at: at(1) },
      { type: 'RETURN', comment: 'first', at: at(2) },
      { ...RESUBMIT, at: at(3) },
      { type: 'RETURN', comment: 'second', at: at(4) },
      { ...SUBMIT, at: at(5) },
      { ...ACCEPT, at: at(6) },
    ], input);
    expect(steps.map((s) => [s.state, s.snapshot.context])).toEqual([
      ['open', context()],
      ['submitted', context({ attempts: 1 })],
      ['returned', context({ attempts: 1, lastComment: 'first' })],
      ['submitted', context({ attempts: 2, lastComment: 'first' })],
      ['returned', context({ attempts: 2, lastComment: 'second' })],
      ['submitted', context({ attempts: 3, lastComment: 'second' })],
      ['accepted', context({ attempts: 3, lastComment: 'second' })],
    ]);
    // Only timers: the open ones cancelled, each return armed up to the due time and cancelled on resubmitting.
    expect(steps.flatMap((s) => s.effects)).toEqual([
      setTimer(REMIND, 18 * HOUR),
      setTimer(DUE_OPEN, 20 * HOUR),
      cancelTimer(REMIND),
      cancelTimer(DUE_OPEN),
      setTimer(DUE_RETURNED, 10 * HOUR),
      cancelTimer(DUE_RETURNED),
      setTimer(DUE_RETURNED, 8 * HOUR),
      cancelTimer(DUE_RETURNED),
    ]);
  });

  describe('replay', () => {
    const events: MachineEvent[] = [REMIND_FIRES, DUE_FIRES, ESCALATE_FIRES, LATE_SUBMIT, LATE_RETURN, { type: DUE_RETURNED, at: LATE_RETURN.at }, { ...LATE_SUBMIT, at: '2022-03-10T15:00:00.000Z' }, ACCEPT];

    afterEach(() => vi.useRealTimers());

    it('the same events from the same input give identical snapshots and effects, also from a fresh machine', () => {
      const first = trace(machine, events, input);
      expect(trace(machine, events, input)).toEqual(first);
      expect(trace(reportTaskMachine(STAGE), events, input)).toEqual(first);
      expect(first.map((s) => s.state)).toEqual(['open', 'open', 'overdue', 'overdue', 'submitted', 'returned', 'overdue', 'submitted', 'accepted']);
    });

    it('does not read the clock: replayed years later, the delays are the same', () => {
      const first = trace(machine, events, input);
      vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00.000Z') });
      expect(trace(reportTaskMachine(STAGE), events, input)).toEqual(first);
      vi.setSystemTime(new Date('2000-01-01T00:00:00.000Z'));
      expect(trace(reportTaskMachine(STAGE), events, input)).toEqual(first);
    });

    it('steps on from a snapshot that went through JSON exactly as from the original', () => {
      const steps = trace(machine, events, input);
      for (let i = 0; i < events.length; i++) expect(stepMachine(machine, throughJson(steps[i]!.snapshot), events[i]!)).toEqual(steps[i + 1]);
    });
  });
});

describe('report task machine (no reminder, no escalation)', () => {
  const machine = reportTaskMachine({ id: 'plain' });
  const plainInput: ReportTaskInput = { ...input, stageId: 'plain' };
  const PLAIN_DUE = 'xstate.after.due.task:report:plain.open';
  const plain = (changes: Partial<ReportTaskContext> = {}) => context({ stageId: 'plain', ...changes });

  it('arms only the due time', () => {
    expect(startMachine(machine, plainInput)).toEqual({ snapshot: { value: 'open', context: plain(), status: 'active' }, state: 'open', done: false, effects: [setTimer(PLAIN_DUE, 20 * HOUR)] });
  });

  describeTransitions(
    machine,
    [SUBMIT, RETURN, ACCEPT, CLOSE, { type: PLAIN_DUE, at: DUE }, { type: 'xstate.after.remindDue.task:report:plain.open', at: REMIND_AT }, { type: 'xstate.after.escalateDue.task:report:plain.overdue', at: ESCALATE_AT }],
    [
      {
        state: 'open',
        via: [],
        accepts: [
          { event: SUBMIT, state: 'submitted', effects: [cancelTimer(PLAIN_DUE)], context: plain({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, effects: [cancelTimer(PLAIN_DUE)], context: plain() },
          // Overdue tells the grid, and arms nothing further.
          { event: { type: PLAIN_DUE, at: DUE }, label: 'due', state: 'overdue', effects: [cancelTimer(PLAIN_DUE), OVERDUE_NOTICE], context: plain() },
        ],
      },
      {
        state: 'overdue',
        via: [{ type: PLAIN_DUE, at: DUE }],
        accepts: [
          { event: LATE_SUBMIT, label: 'late', state: 'submitted', context: plain({ attempts: 1 }) },
          { event: CLOSE, state: 'closed', done: true, context: plain() },
        ],
      },
    ],
    plainInput,
  );

  it('never escalates, however long it stays overdue', () => {
    const steps = trace(machine, [{ type: PLAIN_DUE, at: DUE }], plainInput);
    expect(steps.flatMap((s) => s.effects).filter((e) => e.type === 'escalate' || (e.type === 'notify' && e.audience === 'parentAdmins'))).toEqual([]);
    expect(timerEffects(steps)).toEqual([setTimer(PLAIN_DUE, 20 * HOUR), cancelTimer(PLAIN_DUE)]);
  });
});
