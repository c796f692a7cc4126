import { isFieldVisible, type FormDefinition, type LocalizedText } from '@cascade/forms';

export type Household = { id: string; name: string; code: string; visitedAt: string | Date | null; data?: unknown };

export const HOUSEHOLD_FILTERS = ['unvisited', 'visited', 'all'] as const;
export type HouseholdFilter = (typeof HOUSEHOLD_FILTERS)[number];

export const isVisited = (household: Pick<Household, 'visitedAt'>): boolean => household.visitedAt !== null;

/** Visited out of all households; the percentage is rounded down, so 151 of 152 never shows as 100 %. */
export function coverageOf(households: readonly Pick<Household, 'visitedAt'>[]): { visited: number; total: number; percent: number } {
  const visited = households.filter(isVisited).length;
  const total = households.length;
  return { visited, total, percent: total === 0 ? 0 : Math.floor((visited * 100) / total) };
}

export function filterHouseholds<T extends Pick<Household, 'visitedAt'>>(households: readonly T[], filter: HouseholdFilter): T[] {
  if (filter === 'all') return [...households];
  return households.filter((h) => isVisited(h) === (filter === 'visited'));
}

type Texts = { text: (value: LocalizedText) => string; yes: string; no: string };

/** One line of what was recorded at a household, in the form's order: "是否入户:是 · 常住人数:4". */
export function visitSummary(form: FormDefinition, data: unknown, { text, yes, no }: Texts): string {
  if (!data || typeof data !== 'object') return '';
  const answers = data as Record<string, unknown>;
  return form.fields
    .filter((f) => isFieldVisible(form, f, answers) && answers[f.key] !== undefined && answers[f.key] !== null && answers[f.key] !== '')
    .map((f) => {
      const value = answers[f.key];
      const option = (v: unknown) => f.options?.find((o) => o.value === v);
      const shown =
        typeof value === 'boolean'
          ? value
            ? yes
            : no
          : Array.isArray(value)
            ? value.map((v) => (option(v) ? text(option(v)!.label) : String(v))).join('、')
            : option(value)
              ? text(option(value)!.label)
              : String(value);
      return `${text(f.label)}:${shown}`;
    })
    .join(' · ');
}
