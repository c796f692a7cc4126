import type { LocalizedText } from '@cascade/forms';
import { LEVELS, type EvaluationOutcome, type FormRef, type Level, type StageStart, type TemplateDefinition, type TemplateDefinitionInput } from '@cascade/workflow';
import type { FieldPattern } from './issuePaths';

/** Text inputs may be blank while being edited; the validator says so at the input. */
export type TextValues = { zh?: string; en?: string };
type Hours = number | null | undefined;

export type IssueLevelValues = { canAmend?: boolean; autoForward?: boolean; acknowledgeWithinHours?: Hours; forwardWithinHours?: Hours };

export type ReportValues = {
  id?: string;
  name?: TextValues;
  /** `key@version` of a published form: one value for one picker. */
  form?: string;
  level?: Level;
  period?: 'daily' | 'weekly' | 'once';
  dueTime?: string;
  startsOn?: StageStart;
  remindBeforeHours?: Hours;
  escalateAfterHours?: Hours;
  accountableAfterMissed?: Hours;
};

export type ScreeningValues = { name?: TextValues; form?: string; level?: Level; startsOn?: StageStart; dueWithinHours?: Hours };

/** The editor's form values. They mirror the definition's shape, so an issue's path (say
 * `stages.report.0.dueTime`) is also the name of the input it concerns; the differences are form
 * references held as `key@version` and switches for the optional stages. */
export type TemplateValues = {
  key?: string;
  name?: TextValues;
  description?: TextValues;
  timeZone?: string;
  chain: Level[];
  enabled: { mobilize: boolean; screening: boolean; evaluate: boolean };
  stages: {
    issue: { levels: Partial<Record<Level, IssueLevelValues>> };
    mobilize: { registrationLevel?: Level | null; assignLevels?: Level[]; householdAssignment?: boolean; screening?: ScreeningValues };
    report: ReportValues[];
    evaluate: { levels?: Level[]; persons?: boolean; outcomes?: EvaluationOutcome[]; evidenceRequiredFor?: EvaluationOutcome[] };
  };
};

/** Every input of the template editor, by the path its issues carry. */
export const TEMPLATE_FIELDS: readonly FieldPattern[] = [
  'key',
  'name.zh',
  'name.en',
  'description.zh',
  'description.en',
  'timeZone',
  'chain',
  'chain.#',
  'stages.issue.levels.*.canAmend',
  'stages.issue.levels.*.autoForward',
  'stages.issue.levels.*.acknowledgeWithinHours',
  'stages.issue.levels.*.forwardWithinHours',
  'stages.mobilize.registrationLevel',
  'stages.mobilize.assignLevels',
  'stages.mobilize.householdAssignment',
  'stages.mobilize.screening.name.zh',
  'stages.mobilize.screening.name.en',
  'stages.mobilize.screening.form',
  'stages.mobilize.screening.level',
  'stages.mobilize.screening.startsOn',
  'stages.mobilize.screening.dueWithinHours',
  'stages.report',
  'stages.report.#.id',
  'stages.report.#.name.zh',
  'stages.report.#.name.en',
  'stages.report.#.form',
  'stages.report.#.level',
  'stages.report.#.period',
  'stages.report.#.dueTime',
  'stages.report.#.startsOn',
  'stages.report.#.remindBeforeHours',
  'stages.report.#.escalateAfterHours',
  'stages.report.#.accountableAfterMissed',
  'stages.evaluate.levels',
  'stages.evaluate.persons',
  'stages.evaluate.outcomes',
  'stages.evaluate.evidenceRequiredFor',
];

export const formRefValue = (ref: FormRef): string => `${ref.key}@${ref.version}`;

/** `key@version` back to a reference; anything else is passed on for the validator to name. */
export function parseFormRef(value: string | undefined): FormRef | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  return at > 0 ? { key: value.slice(0, at), version: Number(value.slice(at + 1)) } : ({ key: value } as FormRef);
}

const text = (v: TextValues | undefined): LocalizedText => ({ zh: v?.zh ?? '', en: v?.en ?? '' });
/** An optional text is left out when both languages are blank, and checked when either is filled. */
const optionalText = (v: TextValues | undefined): LocalizedText | undefined => (v?.zh?.trim() || v?.en?.trim() ? text(v) : undefined);
const num = (v: Hours): number | undefined => (typeof v === 'number' ? v : undefined);

/** Copies the defined entries only, so an empty input leaves the property out rather than undefined. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The definition the editor's values describe, as the validator and the server take it. Only the
 * receiving levels of the chain keep their settings: a level taken out of the chain takes its
 * settings with it. */
export function valuesToDefinition(values: TemplateValues): TemplateDefinitionInput {
  const chain = values.chain;
  const levels: Partial<Record<Level, IssueLevelValues>> = {};
  for (const level of chain.slice(1)) {
    const cfg = values.stages.issue.levels[level] ?? {};
    levels[level] = defined({ canAmend: cfg.canAmend ?? false, autoForward: cfg.autoForward ?? false, acknowledgeWithinHours: num(cfg.acknowledgeWithinHours), forwardWithinHours: num(cfg.forwardWithinHours) });
  }
  const m = values.stages.mobilize;
  const s = m.screening ?? {};
  const mobilize = values.enabled.mobilize
    ? defined({
        registrationLevel: m.registrationLevel ?? undefined,
        assignLevels: m.assignLevels ?? [],
        householdAssignment: m.householdAssignment ?? false,
        screening: values.enabled.screening
          ? defined({ name: text(s.name), form: parseFormRef(s.form), level: s.level, startsOn: s.startsOn ?? 'received', dueWithinHours: num(s.dueWithinHours) })
          : undefined,
      })
    : undefined;
  const e = values.stages.evaluate;
  const evaluate = values.enabled.evaluate ? { levels: e.levels ?? [], persons: e.persons ?? true, outcomes: e.outcomes ?? [], evidenceRequiredFor: e.evidenceRequiredFor ?? [] } : undefined;
  const report = values.stages.report.map((r) =>
    defined({
      id: r.id ?? '',
      name: text(r.name),
      form: parseFormRef(r.form),
      level: r.level,
      period: r.period,
      dueTime: r.dueTime ?? '',
      startsOn: r.startsOn ?? 'received',
      remindBeforeHours: num(r.remindBeforeHours),
      escalateAfterHours: num(r.escalateAfterHours),
      accountableAfterMissed: num(r.accountableAfterMissed),
    }),
  );
  return defined({
    key: values.key ?? '',
    name: text(values.name),
    description: optionalText(values.description),
    timeZone: values.timeZone || undefined,
    chain,
    stages: defined({ issue: { levels }, mobilize, report, evaluate }),
  }) as TemplateDefinitionInput;
}

// The input type of a definition leaves texts unknown; stored ones are always LocalizedText.
const textValues = (value: unknown): TextValues => {
  const t = value as LocalizedText | undefined;
  return { zh: t?.zh ?? '', en: t?.en ?? '' };
};

/** The editor's values for a stored definition. */
export function definitionToValues(def: TemplateDefinition | TemplateDefinitionInput): TemplateValues {
  const mobilize = def.stages.mobilize;
  const screening = mobilize?.screening;
  const evaluate = def.stages.evaluate;
  return {
    key: def.key,
    name: textValues(def.name),
    description: textValues(def.description),
    timeZone: def.timeZone ?? 'Asia/Shanghai',
    chain: [...def.chain],
    enabled: { mobilize: mobilize !== undefined, screening: screening !== undefined, evaluate: evaluate !== undefined },
    stages: {
      issue: { levels: Object.fromEntries(Object.entries(def.stages.issue.levels).map(([level, cfg]) => [level, { ...cfg }])) },
      mobilize: {
        registrationLevel: mobilize?.registrationLevel ?? null,
        assignLevels: [...(mobilize?.assignLevels ?? [])],
        householdAssignment: mobilize?.householdAssignment ?? false,
        screening: screening
          ? { name: textValues(screening.name), form: formRefValue(screening.form), level: screening.level, startsOn: screening.startsOn ?? 'received', dueWithinHours: screening.dueWithinHours ?? null }
          : { level: 'grid', startsOn: 'received' },
      },
      report: (def.stages.report ?? []).map((r) => ({
        id: r.id,
        name: textValues(r.name),
        form: formRefValue(r.form),
        level: r.level,
        period: r.period,
        dueTime: r.dueTime,
        startsOn: r.startsOn ?? 'received',
        remindBeforeHours: r.remindBeforeHours ?? null,
        escalateAfterHours: r.escalateAfterHours ?? null,
        accountableAfterMissed: r.accountableAfterMissed ?? null,
      })),
      evaluate: evaluate
        ? { levels: [...evaluate.levels], persons: evaluate.persons ?? true, outcomes: [...(evaluate.outcomes ?? [])], evidenceRequiredFor: [...(evaluate.evidenceRequiredFor ?? [])] }
        : { levels: [], persons: true, outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'], evidenceRequiredFor: ['criticise', 'accountable'] },
    },
  };
}

/** A new template for a unit: its own level issues to the level below; nothing else yet. */
export function blankValues(ownerLevel: Level): TemplateValues {
  const next = LEVELS[LEVELS.indexOf(ownerLevel) + 1];
  const chain: Level[] = next ? [ownerLevel, next] : [ownerLevel];
  return {
    key: '',
    name: { zh: '', en: '' },
    description: { zh: '', en: '' },
    timeZone: 'Asia/Shanghai',
    chain,
    enabled: { mobilize: false, screening: false, evaluate: false },
    stages: {
      issue: { levels: next ? { [next]: { canAmend: false, autoForward: false } } : {} },
      mobilize: { registrationLevel: null, assignLevels: [], householdAssignment: false, screening: { level: 'grid', startsOn: 'received' } },
      report: [],
      evaluate: { levels: [], persons: true, outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'], evidenceRequiredFor: ['criticise', 'accountable'] },
    },
  };
}

const KEY_MAX = 63;

/** A lower unit's own chain from a higher unit's template: the parent's chain from the unit's level
 * down, with every setting kept (a derived template may tighten them, never loosen them), under a
 * key of its own, since keys belong to the unit that first used them. */
export function deriveValues(parent: TemplateDefinition, unit: { level: Level; code: string; name: string }): TemplateValues {
  const values = definitionToValues(parent);
  const from = parent.chain.indexOf(unit.level);
  const chain = from >= 0 ? parent.chain.slice(from) : [unit.level, ...parent.chain.filter((l) => LEVELS.indexOf(l) > LEVELS.indexOf(unit.level))];
  const receiving = new Set(chain.slice(1));
  const mobilize = values.stages.mobilize;
  const evaluateLevels = (values.stages.evaluate.levels ?? []).filter((l) => receiving.has(l));
  return {
    ...values,
    key: `${parent.key}-${unit.code}`.slice(0, KEY_MAX).replace(/-+$/, ''),
    name: { zh: `${parent.name.zh}(${unit.name})`, en: `${parent.name.en} (${unit.name})` },
    chain,
    enabled: { ...values.enabled, screening: values.enabled.screening && receiving.has('grid'), evaluate: values.enabled.evaluate && evaluateLevels.length > 0 },
    stages: {
      ...values.stages,
      issue: { levels: Object.fromEntries(Object.entries(values.stages.issue.levels).filter(([l]) => receiving.has(l as Level))) },
      mobilize: {
        ...mobilize,
        registrationLevel: mobilize.registrationLevel && receiving.has(mobilize.registrationLevel) ? mobilize.registrationLevel : null,
        assignLevels: (mobilize.assignLevels ?? []).filter((l) => receiving.has(l)),
      },
      report: values.stages.report.filter((r) => r.level !== undefined && receiving.has(r.level)),
      evaluate: { ...values.stages.evaluate, levels: evaluateLevels },
    },
  };
}
