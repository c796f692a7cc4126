import { describe, expect, it } from 'vitest';
import { dailyReportForm, mobilisationForm, screeningForm } from '@cascade/forms';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '../demo/demoTemplates.js';
import { describeMachine } from '../machines/describeMachine.js';
import type { MachineKey } from '../machines/machineKeys.js';
import { startMachine } from '../step/step.js';
import { compileTemplate, receiptShape } from './compileTemplate.js';
import type { TemplateDefinitionInput } from './templateDefinition.js';
import { validateTemplate } from './validateTemplate.js';

const FORMS = new Map([dailyReportForm, screeningForm, mobilisationForm].map((f) => [`${f.key}@1`, f]));

function definition(input: TemplateDefinitionInput) {
  const result = validateTemplate(input, { form: (ref) => FORMS.get(`${ref.key}@${ref.version}`) });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const STAGE_KEYS: MachineKey[] = ['task:report', 'task:screening', 'registration', 'evaluation', 'case'];

describe('compileTemplate', () => {
  it('builds the directive, one receipt per receiving level, and the stage machines', () => {
    const compiled = compileTemplate(definition(fiveLevelScreeningTemplate));
    expect([...compiled.machines.keys()]).toEqual(['directive', 'receipt:township', 'receipt:village', 'receipt:grid', ...STAGE_KEYS]);
    for (const [key, machine] of compiled.machines) expect(compiled.machine(key)).toBe(machine);
  });

  it('has no receipt for the issuing level or for levels outside the chain', () => {
    const compiled = compileTemplate(definition(cadreMobilisationTemplate));
    expect([...compiled.machines.keys()]).toEqual(['directive', 'receipt:township', 'receipt:village', ...STAGE_KEYS]);
    expect(() => compiled.machine('receipt:county')).toThrow(/has no machine receipt:county/);
    expect(() => compiled.machine('receipt:grid')).toThrow(/cadre-mobilisation/);
  });

  it('the directive fans out to the first receiving level', () => {
    const compiled = compileTemplate(definition({ ...cadreMobilisationTemplate, chain: ['city', 'county', 'township', 'village'] }));
    expect(startMachine(compiled.machine('directive'), { deadline: '2022-09-10T00:00:00.000Z' }).effects).toEqual([
      { type: 'fanOut', toLevel: 'county', input: { deadline: '2022-09-10T00:00:00.000Z', addedRequirements: [], addedForms: [] } },
    ]);
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
    expect(township.states.find((s) => s.name === 'acknowledged')?.transitions).toEqual([
      { event: 'AMEND', target: 'amended', guard: 'tightensOnly' },
      { event: 'FORWARD', target: 'forwarded', guard: null },
      { event: 'CLOSE', target: 'closed', guard: null },
    ]);
    const grid = describeMachine(compileTemplate(def).machine('receipt:grid'));
    expect(grid.states.map((s) => s.name)).toEqual(['received', 'acknowledged', 'closed']);
  });
});
