import { describe, expect, it } from 'vitest';
import type { Level } from '../levels.js';
import type { Effect, ReceiptInput, StageRef } from '../step/effects.js';
import { acceptedEvents, canApply, startMachine, stepMachine, type MachineEvent } from '../step/step.js';
import { describeTransitions, expectRefused, run, throughJson, trace } from '../step/testKit.js';
import { compileTemplate } from '../template/compileTemplate.js';
import type { IssueLevel, ReportStage, StageStart, TemplateDefinition } from '../template/templateDefinition.js';

const DEADLINE = '2022-03-10T12:00:00.000Z';
const EARLIER = '2022-03-10T08:00:00.000Z';
const EARLIEST = '2022-03-10T06:00:00.000Z';
const LATER = '2022-03-10T14:00:00.000Z';
const FORM_A = { key: 'extra-form-a', version: 1 };
const FORM_B = { key: 'extra-form-b', version: 2 };

const start: ReceiptInput = { deadline: DEADLINE, addedRequirements: [], addedForms: [] };

const ACK = { type: 'ACKNOWLEDGE' } as const;
const FORWARD = { type: 'FORWARD' } as const;
const CLOSE = { type: 'CLOSE' } as const;
const amend = (requirements: string[], deadline?: string, forms = [FORM_A]): MachineEvent => ({ type: 'AMEND', requirements, forms, ...(deadline ? { deadline } : {}) });
const ALPHABET: MachineEvent[] = [ACK, amend(['check every household'], EARLIER), FORWARD, { type: 'CLOSE', reason: 'withdrawn' }];

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

describe('receipt machine', () => {
  describe('at a middle level that may amend and forwards by hand (township)', () => {
    const machine = template({ levels: { township: { canAmend: true } } }).machine('receipt:township');
    const amended = { deadline: EARLIER, addedRequirements: ['check every household'], addedForms: [FORM_A] };

    it('starts in received, with the input as context and no amendments, asking for nothing', () => {
      expect(startMachine(machine, start)).toEqual({
        snapshot: { value: 'received', context: { ...start, amendments: 0 }, status: 'active' },
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
            { event: ACK, state: 'acknowledged' },
            { event: CLOSE, state: 'closed', done: true },
          ],
        },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: amend(['check every household'], EARLIER), label: 'earlier deadline', state: 'amended', context: { ...amended, amendments: 1 } },
            { event: amend(['check every household'], DEADLINE), label: 'same deadline', state: 'amended', context: { deadline: DEADLINE, amendments: 1 } },
            { event: amend(['check every household']), label: 'no deadline', state: 'amended', context: { deadline: DEADLINE, amendments: 1 } },
            { event: FORWARD, state: 'forwarded', effects: [fanOut('village', start)] },
            { event: CLOSE, state: 'closed', done: true },
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
              context: { deadline: EARLIEST, addedRequirements: ['check every household', 'report returnees'], addedForms: [FORM_A, FORM_B], amendments: 2 },
            },
            { event: FORWARD, state: 'forwarded', effects: [fanOut('village', amended)] },
            { event: CLOSE, state: 'closed', done: true },
          ],
          refusesAlso: [{ event: amend(['x'], DEADLINE), label: "back to the original deadline, later than the amended one" }],
        },
        { state: 'forwarded', via: [ACK, FORWARD], label: 'forwarded (unamended)', accepts: [{ event: CLOSE, state: 'closed', done: true }] },
        { state: 'forwarded', via: [ACK, amend(['a'], EARLIER), FORWARD], label: 'forwarded (amended)', accepts: [{ event: CLOSE, state: 'closed', done: true }] },
        { state: 'closed', via: [CLOSE], label: 'closed (from received)', accepts: [] },
        { state: 'closed', via: [ACK, FORWARD, CLOSE], label: 'closed (from forwarded)', accepts: [] },
      ],
      start,
    );

    it('compares deadlines as instants, not as strings', () => {
      const acknowledged = run(machine, [ACK], start);
      // 13:00 in Shanghai is 05:00Z: earlier, although the string sorts later.
      expect(stepMachine(machine, acknowledged.snapshot, amend(['a'], '2022-03-10T13:00:00+08:00')).snapshot.context).toMatchObject({ deadline: '2022-03-10T13:00:00+08:00' });
      // 11:00 in New York is 16:00Z: later, although the string sorts earlier.
      expectRefused(machine, acknowledged, amend(['a'], '2022-03-10T11:00:00-05:00'));
      // The very same instant written another way is not a loosening.
      expect(canApply(machine, acknowledged.snapshot, amend(['a'], '2022-03-10T20:00:00+08:00'))).toBe(true);
    });

    it('a refused amendment leaves the snapshot as it was', () => {
      const acknowledged = run(machine, [ACK], start);
      const before = throughJson(acknowledged.snapshot);
      expectRefused(machine, acknowledged, amend(['a'], LATER));
      expect(acknowledged.snapshot).toEqual(before);
    });

    it('accumulates amendments on top of what the levels above added, and hands all of it down', () => {
      const fromAbove: ReceiptInput = { deadline: DEADLINE, addedRequirements: ['county: report by 18:00'], addedForms: [FORM_B] };
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
  });

  describe('at a middle level that may not amend (village)', () => {
    const machine = template({ levels: { village: { canAmend: false, autoForward: false } } }).machine('receipt:village');
    describeTransitions(
      machine,
      ALPHABET,
      [
        { state: 'received', via: [], accepts: [{ event: ACK, state: 'acknowledged' }, { event: CLOSE, state: 'closed', done: true }] },
        { state: 'acknowledged', via: [ACK], accepts: [{ event: FORWARD, state: 'forwarded', effects: [fanOut('grid', start)] }, { event: CLOSE, state: 'closed', done: true }] },
        { state: 'forwarded', via: [ACK, FORWARD], accepts: [{ event: CLOSE, state: 'closed', done: true }] },
        { state: 'closed', via: [ACK, CLOSE], accepts: [] },
      ],
      start,
    );

    it('hands down exactly what it received', () => {
      const fromAbove: ReceiptInput = { deadline: EARLIER, addedRequirements: ['from township'], addedForms: [FORM_A] };
      expect(run(machine, [ACK, FORWARD], fromAbove).effects).toEqual([fanOut('grid', fromAbove)]);
    });

    it('a level without settings in the template behaves the same', () => {
      const bare = template({}).machine('receipt:village');
      expect(acceptedEvents(bare, run(bare, [ACK], start).snapshot)).toEqual(expect.arrayContaining(['FORWARD', 'CLOSE']));
      expect(acceptedEvents(bare, run(bare, [ACK], start).snapshot)).not.toContain('AMEND');
    });
  });

  describe('at a middle level that forwards by itself', () => {
    const compiled = template({
      levels: { township: { autoForward: true, canAmend: true } },
      reports: [report('on-receipt', 'township', 'received'), report('on-forward', 'township', 'forwarded')],
    });
    const machine = compiled.machine('receipt:township');

    it('passes received and forwards at once, starting the stages of both states, then fanning out', () => {
      expect(startMachine(machine, start)).toEqual({
        snapshot: { value: 'forwarded', context: { ...start, amendments: 0 }, status: 'active' },
        state: 'forwarded',
        done: false,
        effects: [startStages({ kind: 'report', id: 'on-receipt' }), startStages({ kind: 'report', id: 'on-forward' }), fanOut('village', start)],
      });
    });

    it('hands down what the levels above added', () => {
      const fromAbove: ReceiptInput = { deadline: EARLIER, addedRequirements: ['from county'], addedForms: [FORM_A] };
      expect(startMachine(machine, fromAbove).effects.at(-1)).toEqual(fanOut('village', fromAbove));
    });

    describeTransitions(
      machine,
      ALPHABET,
      [
        { state: 'forwarded', via: [], accepts: [{ event: CLOSE, state: 'closed', done: true }] },
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
            { event: ACK, state: 'acknowledged', effects: [startStages({ kind: 'screening' })] },
            { event: CLOSE, state: 'closed', done: true },
          ],
        },
        { state: 'acknowledged', via: [ACK], accepts: [{ event: CLOSE, state: 'closed', done: true }] },
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
    describeTransitions(
      machine,
      ALPHABET,
      [
        { state: 'received', via: [], accepts: [{ event: ACK, state: 'acknowledged' }, { event: CLOSE, state: 'closed', done: true }] },
        {
          state: 'acknowledged',
          via: [ACK],
          accepts: [
            { event: amend(['a'], EARLIER), state: 'amended', effects: [startStages({ kind: 'report', id: 'after-amending' })], context: { deadline: EARLIER, amendments: 1 } },
            { event: CLOSE, state: 'closed', done: true },
          ],
          refusesAlso: [{ event: amend(['a'], LATER), label: 'later deadline' }],
        },
        {
          state: 'amended',
          via: [ACK, amend(['a'], EARLIER)],
          accepts: [
            // Staying in amended does not start its stages a second time.
            { event: amend(['b'], EARLIEST), state: 'amended', effects: [], context: { deadline: EARLIEST, addedRequirements: ['a', 'b'], amendments: 2 } },
            { event: CLOSE, state: 'closed', done: true },
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
      const received = startMachine(machine, start);
      expect(received).toMatchObject({ state: 'received', effects: [] });
      expect(stepMachine(machine, received.snapshot, ACK).state).toBe('acknowledged');
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
