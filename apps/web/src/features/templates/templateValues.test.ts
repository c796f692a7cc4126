import { describe, expect, it } from 'vitest';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate, templateDefinitionSchema } from '@cascade/workflow';
import { blankValues, definitionToValues, deriveValues, parseFormRef, valuesToDefinition } from './templateValues';

const parse = (d: unknown) => templateDefinitionSchema.parse(d);

describe('template definition ↔ editor values', () => {
  it.each([
    ['five-level screening', fiveLevelScreeningTemplate],
    ['cadre mobilisation', cadreMobilisationTemplate],
  ])('gives back the same %s definition after a round trip', (_, template) => {
    const values = definitionToValues(parse(template));
    expect(parse(valuesToDefinition(values))).toEqual(parse(template));
  });

  it('holds form references as one picker value and reads them back', () => {
    const values = definitionToValues(parse(fiveLevelScreeningTemplate));
    expect(values.stages.report[0]?.form).toBe('daily-epidemic-report@1');
    expect(values.stages.mobilize.screening?.form).toBe('door-screening@1');
    expect(parseFormRef('a-b@12')).toEqual({ key: 'a-b', version: 12 });
    expect(parseFormRef(undefined)).toBeUndefined();
  });

  it('leaves out empty hours and switched-off stages, and keeps settings only for levels in the chain', () => {
    const values = definitionToValues(parse(fiveLevelScreeningTemplate));
    values.chain = ['county', 'township', 'village'];
    values.enabled = { mobilize: false, screening: false, evaluate: false };
    values.stages.issue.levels.township = { ...values.stages.issue.levels.township, acknowledgeWithinHours: null };
    const def = valuesToDefinition(values);
    expect(Object.keys(def.stages.issue.levels)).toEqual(['township', 'village']);
    expect(def.stages.issue.levels.township).toEqual({ canAmend: true, autoForward: false, forwardWithinHours: 12 });
    expect(def.stages.mobilize).toBeUndefined();
    expect(def.stages.evaluate).toBeUndefined();
  });

  it('leaves out a description with both languages blank but keeps a half-filled one for the validator to name', () => {
    const values = blankValues('county');
    expect(valuesToDefinition(values).description).toBeUndefined();
    values.description = { zh: '说明', en: '' };
    expect(valuesToDefinition(values).description).toEqual({ zh: '说明', en: '' });
  });

  it('starts a blank template at the owner’s level with the level below', () => {
    expect(blankValues('township').chain).toEqual(['township', 'village']);
    expect(Object.keys(blankValues('township').stages.issue.levels)).toEqual(['village']);
  });

  it('derives a township’s chain from the county’s: its part of the chain, its own key, the parent’s settings', () => {
    const parent = parse(fiveLevelScreeningTemplate);
    const values = deriveValues(parent, { level: 'township', code: '510104017', name: '水井坊街道' });
    expect(values.chain).toEqual(['township', 'village', 'grid']);
    expect(values.key).toBe('five-level-screening-510104017');
    expect(values.name?.zh).toContain('水井坊街道');
    expect(Object.keys(values.stages.issue.levels)).toEqual(['village', 'grid']);
    expect(values.stages.report.map((r) => r.id)).toEqual(['daily-report']);
    expect(values.stages.evaluate.levels).toEqual(['village']);
    expect(values.enabled).toEqual({ mobilize: true, screening: true, evaluate: true });
  });

  it('drops what a derived chain no longer reaches', () => {
    const parent = parse(fiveLevelScreeningTemplate);
    const values = deriveValues({ ...parent, chain: ['county', 'township', 'village'] }, { level: 'township', code: '1', name: 'x' });
    expect(values.chain).toEqual(['township', 'village']);
    expect(values.stages.report).toEqual([]);
    expect(values.enabled.screening).toBe(false);
    expect(values.stages.mobilize.assignLevels).toEqual([]);
  });
});
