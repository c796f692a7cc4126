import { z } from 'zod';
import type { FieldIssue } from '@cascade/forms';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function localize(localeError: typeof zh, issue: z.core.$ZodIssue): string {
  const result = localeError(issue as never);
  return typeof result === 'string' ? result : (result?.message ?? issue.message);
}

/** Zod's issues as field issues: the exact path, the check that failed, and the message in both languages. */
export function zodIssuesToFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = path || '(root)';
    return {
      path,
      rule: issue.code,
      message: { zh: `${where}: ${localize(zh, issue)}`, en: `${where}: ${localize(en, issue)}` },
    };
  });
}
