import { describe, expect, it } from 'vitest';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '../demo/demoTemplates.js';
import { assignableLevels } from './assignableLevels.js';
import { templateDefinitionSchema } from './templateDefinition.js';

describe('assignableLevels', () => {
  it('offers grids and households for the screening template, and communities for the cadre one', () => {
    expect(assignableLevels(templateDefinitionSchema.parse(fiveLevelScreeningTemplate).stages.mobilize)).toEqual(['grid', 'household']);
    expect(assignableLevels(templateDefinitionSchema.parse(cadreMobilisationTemplate).stages.mobilize)).toEqual(['village']);
  });

  it('puts the registration level with the assign levels, highest first, once each', () => {
    expect(assignableLevels({ registrationLevel: 'village', assignLevels: ['grid', 'village'], householdAssignment: true })).toEqual(['village', 'grid', 'household']);
  });

  it('is empty when the template mobilises no one', () => {
    expect(assignableLevels(undefined)).toEqual([]);
    expect(assignableLevels({ assignLevels: [], householdAssignment: false })).toEqual([]);
  });
});
