import type { FieldIssue, LocalizedText } from '@cascade/forms';
import { createContext, useContext } from 'react';
import type { PlacedIssues } from './issuePaths';

/** Rules that come from relations between inputs (the chain's order, a stage that can never start,
 * a form that is not published …): shown at once. Malformed or missing single values (zod's own
 * rules) wait until their input has been touched or a save was tried, so a new template does not
 * open covered in red. */
const RELATIONAL_RULES = new Set(['order', 'level', 'owner', 'unknownForm', 'unreachable', 'autoForward', 'unique', 'loosened', 'dropped', 'derivedChain', 'reference', 'condition', 'range', 'notApplicable', 'aggregate', 'pattern', 'required']);

/** Whether an issue at `path` should show now. */
export function isShown(issue: FieldIssue, path: string, touched: ReadonlySet<string>, showAll: boolean): boolean {
  if (showAll || RELATIONAL_RULES.has(issue.rule)) return true;
  for (const t of touched) if (t === path || path.startsWith(`${t}.`) || t.startsWith(`${path}.`)) return true;
  return false;
}

export type IssueView = {
  /** The issues to show at one input, already filtered for what the user should see. */
  at: (path: string) => FieldIssue[];
  /** Props for an antd Form.Item: error status and the messages as its help. */
  item: (path: string) => { validateStatus?: 'error'; help?: string };
};

export function issueView(placed: PlacedIssues, touched: ReadonlySet<string>, showAll: boolean, text: (v: LocalizedText) => string): IssueView {
  const at = (path: string) => (placed.byField[path] ?? []).filter((i) => isShown(i, path, touched, showAll));
  return {
    at,
    item: (path) => {
      const issues = at(path);
      return issues.length ? { validateStatus: 'error', help: issues.map((i) => text(i.message)).join(';') } : {};
    },
  };
}

export const IssueContext = createContext<IssueView>({ at: () => [], item: () => ({}) });

export function useIssues(): IssueView {
  return useContext(IssueContext);
}
