import { describe, expect, it } from 'vitest';
import { fieldForIssue, mergePlaced, namePath, placeIssues } from './issuePaths';
import { TEMPLATE_FIELDS } from './templateValues';
import { FORM_FIELDS } from './formValues';

const issue = (path: string, rule = 'custom') => ({ path, rule, message: { zh: `${path}: 中文`, en: `${path}: English` } });

describe('putting an issue at its input', () => {
  it('maps template issue paths to the input they concern, the deepest one that exists', () => {
    expect(fieldForIssue('stages.report.0.dueTime', TEMPLATE_FIELDS)).toBe('stages.report.0.dueTime');
    expect(fieldForIssue('stages.report.12.form.version', TEMPLATE_FIELDS)).toBe('stages.report.12.form');
    expect(fieldForIssue('stages.issue.levels.township.acknowledgeWithinHours', TEMPLATE_FIELDS)).toBe('stages.issue.levels.township.acknowledgeWithinHours');
    expect(fieldForIssue('stages.mobilize.assignLevels.1', TEMPLATE_FIELDS)).toBe('stages.mobilize.assignLevels');
    expect(fieldForIssue('chain.2', TEMPLATE_FIELDS)).toBe('chain.2');
    expect(fieldForIssue('name.zh', TEMPLATE_FIELDS)).toBe('name.zh');
    expect(fieldForIssue('stages.report', TEMPLATE_FIELDS)).toBe('stages.report');
  });

  it('finds no input for paths the editor has none for', () => {
    expect(fieldForIssue('', TEMPLATE_FIELDS)).toBeNull();
    expect(fieldForIssue('stages.issue.levels.province', TEMPLATE_FIELDS)).toBeNull();
    expect(fieldForIssue('province.x', TEMPLATE_FIELDS)).toBeNull();
    // A malformed index falls back to the section, which shows it above its reports.
    expect(fieldForIssue('stages.report.x.id', TEMPLATE_FIELDS)).toBe('stages.report');
  });

  it('maps form definition issues, down to an option of a field', () => {
    expect(fieldForIssue('fields.3.options.1.value', FORM_FIELDS)).toBe('fields.3.options.1.value');
    expect(fieldForIssue('fields.0.visibleWhen', FORM_FIELDS)).toBe('fields.0.visibleWhen');
    expect(fieldForIssue('fields.0.visibleWhen.field', FORM_FIELDS)).toBe('fields.0.visibleWhen.field');
    expect(fieldForIssue('fields', FORM_FIELDS)).toBe('fields');
  });

  it('strips the server’s prefix, keeps unplaced issues apart and drops the repeated path from messages', () => {
    // The engine prefixes the path after zod wrote its message, which names the path unprefixed.
    const fromServer = { path: 'definition.stages.report.0.dueTime', rule: 'invalid_format', message: { zh: 'stages.report.0.dueTime: 中文', en: 'stages.report.0.dueTime: English' } };
    const placed = placeIssues([fromServer, issue('definition.stages.issue.levels.province'), issue('templateVersionId')], TEMPLATE_FIELDS, 'definition.');
    expect(Object.keys(placed.byField)).toEqual(['stages.report.0.dueTime']);
    expect(placed.byField['stages.report.0.dueTime']?.[0]?.message).toEqual({ zh: '中文', en: 'English' });
    expect(placed.general.map((i) => i.path)).toEqual(['stages.issue.levels.province', 'templateVersionId']);
  });

  it('merges the browser’s and the server’s issues per input', () => {
    const a = placeIssues([issue('key')], TEMPLATE_FIELDS);
    const b = placeIssues([issue('key', 'unique'), issue('')], TEMPLATE_FIELDS);
    const merged = mergePlaced(a, b);
    expect(merged.byField.key?.map((i) => i.rule)).toEqual(['custom', 'unique']);
    expect(merged.general).toHaveLength(1);
  });

  it('turns a dotted path into an antd name path', () => {
    expect(namePath('requirements.2')).toEqual(['requirements', 2]);
    expect(namePath('stages.report.0.name.zh')).toEqual(['stages', 'report', 0, 'name', 'zh']);
  });
});
