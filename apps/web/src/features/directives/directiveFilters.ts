import type { RouterOutputs } from '../../trpc';

export type DirectiveSummary = RouterOutputs['directives']['list'][number];
export type DirectiveFilters = { search: string; state: string | null; template: string | null; lateOnly: boolean };

export const NO_FILTERS: DirectiveFilters = { search: '', state: null, template: null, lateOnly: false };

/** The list as filtered on screen: words in the title or the issuing unit's name (case-insensitive,
 * every word must match), the state, the template (by key, any version), and late units only. */
export function filterDirectives(list: readonly DirectiveSummary[], filters: DirectiveFilters): DirectiveSummary[] {
  const words = filters.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((d) => {
    const haystack = `${d.title} ${d.issuingUnitName}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return false;
    if (filters.state && d.state !== filters.state) return false;
    if (filters.template && d.template.key !== filters.template) return false;
    if (filters.lateOnly && d.receipts.late === 0) return false;
    return true;
  });
}

/** The templates the list uses, once each, for the template filter. */
export function templateChoices(list: readonly DirectiveSummary[]): Array<{ key: string; name: DirectiveSummary['template']['name'] }> {
  const seen = new Map<string, DirectiveSummary['template']['name']>();
  for (const d of list) if (!seen.has(d.template.key)) seen.set(d.template.key, d.template.name);
  return [...seen].map(([key, name]) => ({ key, name }));
}
