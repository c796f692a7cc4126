import { z } from 'zod';
import type { FieldIssue, RuleParams } from './fieldIssue.js';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function localize(localeError: typeof zh, issue: z.core.$ZodIssue): string {
  const result = localeError(issue as never);
  return typeof result === 'string' ? result : (result?.message ?? issue.message);
}

/**
 * Zod issues as field issues: the exact path, the check that failed, and the message in both
 * languages. Issues raised by our own checks carry their rule and messages in `params`; zod's own
 * get zod's zh-CN and en messages, prefixed with the path so they still name the field.
 */
export function zodIssuesToFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const params = (issue as { params?: Partial<RuleParams> }).params;
    if (issue.code === 'custom' && params?.rule && params.message) return { path, rule: params.rule, message: params.message };
    const where = path || '(root)';
    return { path, rule: issue.code, message: { zh: `${where}: ${localize(zh, issue)}`, en: `${where}: ${localize(en, issue)}` } };
  });
}
