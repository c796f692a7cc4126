import type { FieldIssue } from '@cascade/forms';

/** Where an editor shows issues: one key per input (a dotted path such as `stages.report.0.dueTime`),
 * and the issues no input claims. */
export type PlacedIssues = { byField: Record<string, FieldIssue[]>; general: FieldIssue[] };

/** A dotted path with `#` for any index and `*` for any one segment, e.g. `stages.report.#.form`. */
export type FieldPattern = string;

function matches(segments: readonly string[], pattern: readonly string[]): boolean {
  if (segments.length !== pattern.length) return false;
  return pattern.every((p, i) => (p === '#' ? /^\d+$/.test(segments[i] ?? '') : p === '*' || p === segments[i]));
}

/** The input an issue belongs to: the longest prefix of its path that names an input, so
 * `stages.report.0.form.version` lands on the form picker of report 0. Null when none does. */
export function fieldForIssue(path: string, patterns: readonly FieldPattern[]): string | null {
  const segments = path === '' ? [] : path.split('.');
  const split = patterns.map((p) => p.split('.'));
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n);
    if (split.some((p) => matches(prefix, p))) return prefix.join('.');
  }
  return null;
}

/** A message shown beside its input need not repeat the input's path, which zod's own messages
 * start with (`stages.report.0.dueTime: …`). */
function withoutPath(issue: FieldIssue, path: string): FieldIssue {
  const strip = (s: string) => [issue.path, path].reduce((m, p) => (m.startsWith(`${p}: `) ? m.slice(p.length + 2) : m), s);
  return { ...issue, message: { zh: strip(issue.message.zh), en: strip(issue.message.en) } };
}

/** Puts each issue at its input. Server issues name the input under a prefix (`definition.` for
 * the definition a mutation carried), which is removed first. */
export function placeIssues(issues: readonly FieldIssue[], patterns: readonly FieldPattern[], prefix = ''): PlacedIssues {
  const out: PlacedIssues = { byField: {}, general: [] };
  for (const raw of issues) {
    const issue = prefix && raw.path.startsWith(prefix) ? { ...raw, path: raw.path.slice(prefix.length) } : raw;
    const field = fieldForIssue(issue.path, patterns);
    if (field === null) out.general.push(issue);
    else (out.byField[field] ??= []).push(withoutPath(issue, raw.path));
  }
  return out;
}

/** Both sets of issues at once: the browser's live check and what the server last refused. */
export function mergePlaced(a: PlacedIssues, b: PlacedIssues): PlacedIssues {
  const byField: Record<string, FieldIssue[]> = { ...a.byField };
  for (const [k, v] of Object.entries(b.byField)) byField[k] = [...(byField[k] ?? []), ...v];
  return { byField, general: [...a.general, ...b.general] };
}

/** An antd NamePath for a dotted path: indexes become numbers. */
export function namePath(path: string): Array<string | number> {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
