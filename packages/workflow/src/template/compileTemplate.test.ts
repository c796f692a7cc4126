import { describe, expect, it } from 'vitest';
import { dailyReportForm, mobilisationForm, screeningForm } from '@cascade/forms';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '../demo/demoTemplates.js';
import { describeMachine } from '../machines/describeMachine.js';
import type { MachineKey } from '../machines/machineKeys.js';
import { canApply, startMachine } from '../step/step.js';
import { compileTemplate, receiptShape } from './compileTemplate.js';
import type { TemplateDefinitionInput } from './templateDefinition.js';
import { validateTemplate } from './validateTemplate.js';

const FORMS = new Map([dailyReportForm, screeningForm, mobilisationForm].map((f) => [`${f.key}@1`, f]));

function definition(input: TemplateDefinitionInput) {
  const result = validateTemplate(input, { form: (ref) => FORMS.get(`${ref.key}@${ref.version}`) });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const STAGE_KEYS: MachineKey[] = ['task:screening', 'registration', 'evaluation', 'case'];

describe('compileTemplate', () => {
  it('builds the directive, one receipt per receiving level, and the stage machines', () => {
    const compiled = compileTemplate(definition(fiveLevelScreeningTemplate));
    expect([...compiled.machines.keys()]).toEqual(['directive', 'receipt:township', 'receipt:village', 'receipt:grid', 'task:report:daily-report', ...STAGE_KEYS]);
    for (const [key, machine] of compiled.machines) expect(compiled.machine(key)).toBe(machine);
  });

  it('has no receipt for the issuing level or for levels outside the chain', () => {
    const compiled = compileTemplate(definition(cadreMobilisationTemplate));
    expect([...compiled.machines.keys()]).toEqual(['directive', 'receipt:township', 'receipt:village', 'task:report:mobilisation-daily', ...STAGE_KEYS]);
    expect(() => compiled.machine('receipt:county')).toThrow(/has no machine receipt:county/);
    expect(() => compiled.machine('receipt:grid')).toThrow(/cadre-mobilisation/);
  });

  it('the directive fans out to the first receiving level and, having report stages, schedules their periods', () => {
    const compiled = compileTemplate(definition({ ...cadreMobilisationTemplate, chain: ['city', 'county', 'township', 'village'] }));
    expect(startMachine(compiled.machine('directive'), { deadline: '2022-09-10T00:00:00.000Z', at: '2022-09-01T00:00:00.000Z' }).effects).toEqual([
      { type: 'fanOut', toLevel: 'county', input: { deadline: '2022-09-10T00:00:00.000Z', addedRequirements: [], addedForms: [] } },
      { type: 'schedulePeriods' },
    ]);
  });

  it('a template without report stages has no report task machine and a directive that schedules no periods', () => {
    const compiled = compileTemplate(definition({ ...cadreMobilisationTemplate, stages: { ...cadreMobilisationTemplate.stages, report: [] } }));
    expect([...compiled.machines.keys()]).toEqual(['directive', 'receipt:township', 'receipt:village', ...STAGE_KEYS]);
    const issued = startMachine(compiled.machine('directive'), { deadline: '2022-09-10T00:00:00.000Z', at: '2022-09-01T00:00:00.000Z' });
    expect(issued.effects).toEqual([{ type: 'fanOut', toLevel: 'township', input: { deadline: '2022-09-10T00:00:00.000Z', addedRequirements: [], addedForms: [] } }]);
    expect(canApply(compiled.machine('directive'), issued.snapshot, { type: 'PERIOD_START', stageId: 'x', at: '2022-09-01T16:00:00.000Z' })).toBe(false);
  });

  it('builds one report task machine per report stage, keyed and named by the stage, with that stage’s timers', () => {
    const def = definition(fiveLevelScreeningTemplate);
    const twoReports = compileTemplate({ ...def, stages: { ...def.stages, report: [...def.stages.report, { ...def.stages.report[0]!, id: 'quiet-report', remindBeforeHours: undefined, escalateAfterHours: undefined }] } });
    expect([...twoReports.machines.keys()].filter((k) => k.startsWith('task:report'))).toEqual(['task:report:daily-report', 'task:report:quiet-report']);
    const input = { stageId: 'daily-report', periodKey: '2022-03-10', dueAt: '2022-03-10T12:00:00.000Z', at: '2022-03-09T16:00:00.000Z' };
    const daily = twoReports.machine('task:report:daily-report');
    expect(daily.id).toBe('task:report:daily-report');
    // Reminded 2 hours before 20:00 Shanghai; escalated 4 hours after.
    expect(startMachine(daily, input).effects.map((e) => e.type === 'setTimer' && [e.timerId, e.delayMs])).toEqual([
      ['xstate.after.remindDue.task:report:daily-report.open', 18 * 3_600_000],
      ['xstate.after.due.task:report:daily-report.open', 20 * 3_600_000],
    ]);
    const quiet = twoReports.machine('task:report:quiet-report');
    expect(startMachine(quiet, { ...input, stageId: 'quiet-report' }).effects.map((e) => e.type === 'setTimer' && e.timerId)).toEqual(['xstate.after.due.task:report:quiet-report.open']);
    expect(() => twoReports.machine('task:report:nonexistent')).toThrow(/has no machine task:report:nonexistent/);
  });

  it('refuses a chain of fewer than two levels', () => {
    const def = definition(cadreMobilisationTemplate);
    expect(() => compileTemplate({ ...def, chain: ['county'] })).toThrow(/at least two levels/);
  });

  it('shapes each receipt from the template: next level, settings, and stages by state', () => {
    const def = definition(fiveLevelScreeningTemplate);
    expect(receiptShape(def, 'township')).toEqual({ level: 'township', nextLevel: 'village', issue: def.stages.issue.levels.township, stagesByState: {} });
    expect(receiptShape(def, 'grid')).toEqual({
      level: 'grid',
      nextLevel: null,
      issue: def.stages.issue.levels.grid,
      stagesByState: { received: [{ kind: 'report', id: 'daily-report' }, { kind: 'screening' }] },
    });
    const mobilisation = definition(cadreMobilisationTemplate);
    expect(receiptShape(mobilisation, 'village').stagesByState).toEqual({ acknowledged: [{ kind: 'report', id: 'mobilisation-daily' }] });
  });

  it('compiles the same machines every time', () => {
    const a = compileTemplate(definition(fiveLevelScreeningTemplate));
    const b = compileTemplate(definition(fiveLevelScreeningTemplate));
    for (const key of a.machines.keys()) expect(describeMachine(b.machine(key))).toEqual(describeMachine(a.machine(key)));
  });

  it('draws a receipt machine as its template allows it', () => {
    const def = definition(fiveLevelScreeningTemplate);
    const township = describeMachine(compileTemplate(def).machine('receipt:township'));
    expect(township.initial).toBe('received');
    expect(township.states.map((s) => s.name)).toEqual(['received', 'acknowledged', 'amended', 'forwarded', 'closed']);
    expect(township.states.find((s) => s.name === 'received')?.transitions).toEqual([
      { event: 'ACKNOWLEDGE', target: 'acknowledged', guard: null },
      { event: 'CLOSE', target: 'closed', guard: null },
      // Transitions without a target stay in the state, and are drawn as such.
      { event: 'TASK_ESCALATED', target: 'received', guard: null },
      { event: 'xstate.after.acknowledgeDue.receipt:township.received', target: 'received', guard: null },
    ]);
    expect(township.states.find((s) => s.name === 'acknowledged')?.transitions).toEqual([
      { event: 'AMEND', target: 'amended', guard: 'tightensOnly' },
      { event: 'FORWARD', target: 'forwarded', guard: null },
      { event: 'CLOSE', target: 'closed', guard: null },
      { event: 'TASK_ESCALATED', target: 'acknowledged', guard: null },
      { event: 'xstate.after.forwardDue.receipt:township.acknowledged', target: 'acknowledged', guard: 'notYetLateToForward' },
    ]);
    const grid = describeMachine(compileTemplate(def).machine('receipt:grid'));
    expect(grid.states.map((s) => s.name)).toEqual(['received', 'acknowledged', 'closed']);
    // The grid forwards to no one: its acknowledged state has no forward limit.
    expect(grid.states.find((s) => s.name === 'acknowledged')?.transitions).toEqual([
      { event: 'CLOSE', target: 'closed', guard: null },
      { event: 'TASK_ESCALATED', target: 'acknowledged', guard: null },
    ]);
  });

  it('draws a report task machine with its timed transitions', () => {
    const task = describeMachine(compileTemplate(definition(fiveLevelScreeningTemplate)).machine('task:report:daily-report'));
    expect(task.states.map((s) => s.name)).toEqual(['open', 'overdue', 'submitted', 'returned', 'accepted', 'closed']);
    expect(task.states.find((s) => s.name === 'open')?.transitions).toEqual([
      { event: 'SUBMIT', target: 'submitted', guard: null },
      { event: 'CLOSE', target: 'closed', guard: null },
      { event: 'xstate.after.remindDue.task:report:daily-report.open', target: 'open', guard: null },
      { event: 'xstate.after.due.task:report:daily-report.open', target: 'overdue', guard: null },
    ]);
    expect(task.states.find((s) => s.name === 'overdue')).toEqual({
      name: 'overdue',
      final: false,
      entry: ['notify', 'xstate.raise'],
      transitions: [
        { event: 'SUBMIT', target: 'submitted', guard: null },
        { event: 'CLOSE', target: 'closed', guard: null },
        { event: 'xstate.after.escalateDue.task:report:daily-report.overdue', target: 'overdue', guard: 'notYetEscalated' },
      ],
    });
  });
});
