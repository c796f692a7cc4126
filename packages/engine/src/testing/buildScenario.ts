import { orgUnits, type Database } from '@cascade/db';
import { dailyReportForm, mobilisationForm, screeningForm } from '@cascade/forms';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '@cascade/workflow';
import type { Role } from '../auth/roles.js';
import { fixedClock } from '../clock.js';
import type { IssueDirectiveInput } from '../commands/directives.js';
import { createEngine, type Engine } from '../createEngine.js';

export type ScenarioUnit = { id: string; code: string; name: string; level: string; path: string };

export type ScenarioTemplates = { screening: string; mobilisation: string };

/**
 * What `issue` fills in unless told otherwise: the screening template, issued by the county admin
 * for the county, titled 敲门行动, with no requirements and a deadline 30 days from the clock's now.
 */
export type IssueOptions = Partial<Omit<IssueDirectiveInput, 'templateVersionId' | 'issuingUnitId'>> & {
  template?: keyof ScenarioTemplates;
  /** A template version of the test's own, instead of one of the scenario's. */
  templateVersionId?: string;
};

export type Scenario = {
  db: Database;
  engine: Engine;
  clock: ReturnType<typeof fixedClock>;
  units: Record<string, ScenarioUnit>;
  users: Record<string, string>;
  templates: ScenarioTemplates;
  password: string;
  /** The unit with this code; throws when the scenario has none. */
  unit: (code: string) => ScenarioUnit;
  /** The id of the user with this username; throws when the scenario has none. */
  user: (name: string) => string;
  /** Issues a directive from the county and returns its id. */
  issue: (options?: IssueOptions) => Promise<string>;
};

const DAY = 86_400_000;

/** 2026-03-22 09:00 in Asia/Shanghai: the date of seed 001's notice. */
export const SCENARIO_START = new Date('2026-03-22T01:00:00Z');

/**
 * A small tree shaped like the real one — one county, two townships, two villages each, two grids per
 * village, three households per grid — with an admin at every level above grid, a grid worker per
 * grid, an auditor at the county, the demo forms and templates published. Codes follow the national
 * scheme so paths look like production data.
 */
export async function buildScenario(db: Database, options: { start?: Date } = {}): Promise<Scenario> {
  const clock = fixedClock(options.start ?? SCENARIO_START);
  const engine = createEngine({ db, clock });
  const units: Record<string, ScenarioUnit> = {};
  const add = async (code: string, name: string, level: string, parent: ScenarioUnit | null) => {
    const path = parent ? `${parent.path}/${code}` : code;
    const [row] = await db
      .insert(orgUnits)
      .values({ code, name, level, depth: path.split('/').length - 1, parentId: parent?.id ?? null, path })
      .returning();
    const unit = { id: row?.id as string, code, name, level, path };
    units[code] = unit;
    return unit;
  };
  const county = await add('431224', '溆浦县', 'county', null);
  for (const [t, townshipName] of ['卢峰镇', '桥江镇'].entries()) {
    const township = await add(`431224${String(t + 1).padStart(3, '0')}`, townshipName, 'township', county);
    for (let v = 1; v <= 2; v++) {
      const village = await add(`${township.code}${String(v).padStart(3, '0')}`, `${townshipName}第${v}社区`, 'village', township);
      for (let g = 1; g <= 2; g++) {
        const grid = await add(`${village.code}${String(g).padStart(3, '0')}`, `${village.name}第${g}网格`, 'grid', village);
        for (let h = 1; h <= 3; h++) await add(`${grid.code}${String(h).padStart(4, '0')}`, `${h}号`, 'household', grid);
      }
    }
  }
  const password = 'scenario-password';
  const users: Record<string, string> = {};
  const person = async (username: string, role: Role, unit: ScenarioUnit) => {
    const { userId } = await engine.createUserWithRole(null, { username, displayName: username, password, role, orgUnitId: unit.id });
    users[username] = userId;
  };
  await person('county-admin', 'admin', county);
  await person('county-auditor', 'auditor', county);
  for (const unit of Object.values(units)) {
    if (unit.level === 'township' || unit.level === 'village') await person(`admin-${unit.code}`, 'admin', unit);
    if (unit.level === 'grid') await person(`grid-${unit.code}`, 'grid_staff', unit);
  }
  const admin = users['county-admin'] as string;
  for (const form of [dailyReportForm, screeningForm, mobilisationForm]) {
    const draft = await engine.saveFormDraft(admin, county.id, form);
    await engine.publishForm(admin, draft.id);
  }
  const publish = async (definition: unknown) => {
    const draft = await engine.saveTemplateDraft(admin, { ownerUnitId: county.id, definition });
    await engine.publishTemplate(admin, draft.id);
    return draft.id;
  };
  const templates = { screening: await publish(fiveLevelScreeningTemplate), mobilisation: await publish(cadreMobilisationTemplate) };
  const unit = (code: string) => {
    const found = units[code];
    if (!found) throw new Error(`no unit ${code} in the scenario`);
    return found;
  };
  const user = (name: string) => {
    const id = users[name];
    if (!id) throw new Error(`no user ${name} in the scenario`);
    return id;
  };
  const issue = async ({ template = 'screening', templateVersionId, ...input }: IssueOptions = {}) =>
    (
      await engine.issueDirective(admin, {
        templateVersionId: templateVersionId ?? templates[template],
        issuingUnitId: county.id,
        title: input.title ?? '敲门行动',
        body: input.body ?? '全覆盖排查',
        requirements: input.requirements ?? [],
        deadline: input.deadline ?? new Date(clock.now().getTime() + 30 * DAY),
      })
    ).directiveId;
  return { db, engine, clock, units, users, templates, password, unit, user, issue };
}
