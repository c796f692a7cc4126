import { describe, expect, it } from 'vitest';
import { dailyReportForm, mobilisationForm, screeningForm } from '@cascade/forms';
import { fiveLevelScreeningTemplate, templateDefinitionSchema } from '@cascade/workflow';
import { checkTemplate, type PublishedForm } from './checkTemplate';
import { fieldForIssue } from './issuePaths';
import { definitionToValues, deriveValues, TEMPLATE_FIELDS } from './templateValues';

const published = (def: { key: string }, version = 1): PublishedForm => ({ key: def.key, version, definition: def, publishedAt: '2026-03-01T00:00:00Z' });
const forms = [published(dailyReportForm), published(screeningForm), published(mobilisationForm)];
const demo = () => definitionToValues(templateDefinitionSchema.parse(fiveLevelScreeningTemplate));
const at = (issues: Array<{ path: string }>) => issues.map((i) => fieldForIssue(i.path, TEMPLATE_FIELDS));

describe('checking a template in the browser', () => {
  it('passes the demo template with its forms published', () => {
    const check = checkTemplate(demo(), { forms, ownerLevel: 'county' });
    expect(check.issues).toEqual([]);
    expect(check.ok && check.definition.key).toBe('five-level-screening');
  });

  it('names an unpublished form at the report’s form picker', () => {
    const draftOnly = [{ ...published(dailyReportForm), publishedAt: null }, published(screeningForm)];
    const check = checkTemplate(demo(), { forms: draftOnly, ownerLevel: 'county' });
    expect(check.issues.map((i) => [i.path, i.rule])).toEqual([['stages.report.0.form', 'unknownForm']]);
  });

  it('names a malformed due time, a chain out of order and a stage that can never start, each at its input', () => {
    const values = demo();
    values.stages.report[0] = { ...values.stages.report[0], dueTime: '25:00' };
    const bad = checkTemplate(values, { forms, ownerLevel: 'county' });
    expect(at(bad.issues)).toEqual(['stages.report.0.dueTime']);

    const swapped = demo();
    swapped.chain = ['county', 'village', 'township', 'grid'];
    expect(checkTemplate(swapped, { forms, ownerLevel: 'county' }).issues.map((i) => [i.path, i.rule])).toContainEqual(['chain.2', 'order']);

    const unreachable = demo();
    unreachable.stages.report[0] = { ...unreachable.stages.report[0], startsOn: 'amended' };
    expect(checkTemplate(unreachable, { forms, ownerLevel: 'county' }).issues.map((i) => [i.path, i.rule])).toEqual([['stages.report.0.startsOn', 'unreachable']]);
  });

  it('adds the server’s owner rule: the chain starts at the owner’s level', () => {
    const check = checkTemplate(demo(), { forms, ownerLevel: 'township' });
    expect(check.issues.map((i) => [i.path, i.rule])).toEqual([['chain.0', 'owner']]);
  });

  it('holds a derived template to its parent: a looser deadline is named at its input', () => {
    const parent = templateDefinitionSchema.parse(fiveLevelScreeningTemplate);
    const values = deriveValues(parent, { level: 'township', code: '510104017', name: '水井坊街道' });
    expect(checkTemplate(values, { forms, parent, ownerLevel: 'township' }).issues).toEqual([]);
    values.stages.issue.levels.village = { ...values.stages.issue.levels.village, acknowledgeWithinHours: 8 };
    values.stages.report[0] = { ...values.stages.report[0], dueTime: '21:00' };
    const check = checkTemplate(values, { forms, parent, ownerLevel: 'township' });
    expect(check.issues.map((i) => [fieldForIssue(i.path, TEMPLATE_FIELDS), i.rule])).toEqual([
      ['stages.issue.levels.village.acknowledgeWithinHours', 'loosened'],
      ['stages.report.0.dueTime', 'loosened'],
    ]);
  });
});
