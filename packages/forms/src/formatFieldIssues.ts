import type { FieldIssue } from './fieldIssue.js';

/** One line per issue, in one language, for toasts, logs and the command line. */
export function formatFieldIssues(issues: FieldIssue[], lang: 'zh' | 'en'): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message[lang]}` : i.message[lang])).join('\n');
}
