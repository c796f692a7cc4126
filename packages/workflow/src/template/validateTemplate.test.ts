import { describe, expect, it } from 'vitest';
import { dailyReportForm, mobilisationForm, screeningForm, type FormDefinition } from '@cascade/forms';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '../demo/demoTemplates.js';
import type { FormRef, TemplateDefinition, TemplateDefinitionInput } from './templateDefinition.js';
import { validateTemplate, type TemplateContext, type TemplateIssue } from './validateTemplate.js';

const PUBLISHED = new Map<string, FormDefinition>([
  ['daily-epidemic-report@1', dailyReportForm],
  ['door-screening@1', screeningForm],
  ['cadre-mobilisation@1', mobilisationForm],
]);
const forms: TemplateContext['form'] = (ref: FormRef) => PUBLISHED.get(`${ref.key}@${ref.version}`);

/** A template like seed 001: county → township → village → grid, townships may amend, grids knock on
 * every door and report daily, townships are evaluated. */
function seed(): TemplateDefinitionInput {
  return {
    key: 'seed-001',
    name: { zh: '溆浦县敲门行动', en: 'Xupu door-to-door screening' },
    chain: ['county', 'township', 'village', 'grid'],
    stages: {
      issue: {
        levels: {
          township: { canAmend: true, acknowledgeWithinHours: 4, forwardWithinHours: 12 },
          village: { autoForward: false, acknowledgeWithinHours: 4, forwardWithinHours: 12 },
          grid: { acknowledgeWithinHours: 2 },
        },
      },
      mobilize: {
        assignLevels: ['grid'],
        householdAssignment: true,
        screening: { name: { zh: '敲门行动', en: 'Door-to-door screening' }, form: { key: 'door-screening', version: 1 }, level: 'grid', startsOn: 'received', dueWithinHours: 72 },
      },
      report: [
        {
          id: 'daily-report',
          name: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
          form: { key: 'daily-epidemic-report', version: 1 },
          level: 'grid',
          period: 'daily',
          dueTime: '20:00',
        },
      ],
      evaluate: { levels: ['township'] },
    },
  };
}

type Draft = {
  chain: string[];
  stages: {
    issue: { levels: Record<string, Record<string, unknown>> };
    mobilize: Record<string, unknown> & { screening: Record<string, unknown> };
    report: Array<Record<string, unknown>>;
    evaluate: Record<string, unknown>;
  };
} & Record<string, unknown>;

/** The seed, changed in place by `change`, as plain data (templates arrive as JSON). */
function variant(change: (draft: Draft) => void): unknown {
  const draft = structuredClone(seed()) as unknown as Draft;
  change(draft);
  return draft;
}

const report = (over: Record<string, unknown>) => ({ ...structuredClone(seed().stages.report![0]!), ...over });

function parsed(input: unknown): TemplateDefinition {
  const result = validateTemplate(input, { form: forms });
  if (!result.ok) throw new Error(`expected a valid template, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

function issuesOf(input: unknown, parent?: TemplateDefinition): TemplateIssue[] {
  const result = validateTemplate(input, { form: forms, ...(parent ? { parent } : {}) });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

const where = (issues: TemplateIssue[]) => issues.map((i) => [i.path, i.rule]);
const CJK = /[\u4e00-\u9fff]/;

function expectBilingual(issues: TemplateIssue[]): void {
  for (const { message } of issues) {
    expect(message.zh).toMatch(CJK);
    expect(message.en).not.toMatch(CJK);
    expect(message.en.length).toBeGreaterThan(0);
  }
}

/** Exactly one issue, at the path and with the rule given, in both languages. */
function expectOnly(input: unknown, path: string, rule: string, parent?: TemplateDefinition): TemplateIssue {
  const issues = issuesOf(input, parent);
  expect(where(issues)).toEqual([[path, rule]]);
  expectBilingual(issues);
  return issues[0]!;
}

describe('validateTemplate', () => {
  describe('a valid template', () => {
    it('passes, with defaults filled in', () => {
      const result = validateTemplate(seed(), { form: forms });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.timeZone).toBe('Asia/Shanghai');
      expect(result.value.stages.issue.levels.township).toEqual({ canAmend: true, autoForward: false, acknowledgeWithinHours: 4, forwardWithinHours: 12 });
      expect(result.value.stages.issue.levels.village).toMatchObject({ canAmend: false, autoForward: false });
      expect(result.value.stages.report[0]).toMatchObject({ startsOn: 'received' });
      expect(result.value.stages.evaluate).toEqual({ levels: ['township'], persons: true, outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'], evidenceRequiredFor: ['criticise', 'accountable'] });
    });

    it.each([
      ['the five-level screening demo', fiveLevelScreeningTemplate],
      ['the cadre mobilisation demo', cadreMobilisationTemplate],
    ])('%s passes against the demo forms', (_what, template) => {
      expect(validateTemplate(template, { form: forms })).toMatchObject({ ok: true });
    });

    it.each([
      ['a report starting when a township amends', (d: Draft) => d.stages.report.push(report({ id: 'township-measures', level: 'township', startsOn: 'amended' }))],
      ['a report starting when a village forwards', (d: Draft) => d.stages.report.push(report({ id: 'village-forwarded', level: 'village', startsOn: 'forwarded' }))],
      ['a grid report starting on acknowledgement', (d: Draft) => (d.stages.report[0]!.startsOn = 'acknowledged')],
      ['a report starting on receipt at a level that forwards by itself', (d: Draft) => {
        d.stages.issue.levels.village!.autoForward = true;
        d.stages.report.push(report({ id: 'village-received', level: 'village', startsOn: 'received' }));
      }],
      ['a chain that skips levels', (d: Draft) => (d.chain = ['county', 'village', 'grid'], delete d.stages.issue.levels.township, d.stages.evaluate.levels = ['village'])],
      ['a template without optional stages', (d: Draft) => (delete (d.stages as Record<string, unknown>).mobilize, delete (d.stages as Record<string, unknown>).evaluate)],
    ])('passes with %s', (_what, change) => {
      expect(validateTemplate(variant(change), { form: forms })).toMatchObject({ ok: true });
    });
  });

  describe('time zone', () => {
    it.each(['Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'Etc/GMT-8', 'America/Argentina/Buenos_Aires'])('accepts the IANA zone %s', (zone) => {
      expect(parsed(variant((d) => ((d as Record<string, unknown>).timeZone = zone))).timeZone).toBe(zone);
    });

    it.each(['Asia/Beijing', 'Mars/Olympus_Mons', '+08:00', 'GMT+8 ', 'CST China', ''])('refuses %j, at timeZone', (zone) => {
      const found = expectOnly(variant((d) => ((d as Record<string, unknown>).timeZone = zone)), 'timeZone', 'timeZone');
      expect(found.message.en).toContain('IANA');
    });
  });

  describe('forms', () => {
    it('refuses a report form that is not published, naming key and version', () => {
      const issue = expectOnly(variant((d) => (d.stages.report[0]!.form = { key: 'daily-epidemic-report', version: 2 })), 'stages.report.0.form', 'unknownForm');
      expect(issue.message.en).toContain('daily-epidemic-report');
      expect(issue.message.en).toContain('version 2');
      expect(issue.message.zh).toContain('daily-epidemic-report');
    });

    it('refuses a screening form that does not exist', () => {
      expectOnly(variant((d) => (d.stages.mobilize.screening.form = { key: 'no-such-form', version: 1 })), 'stages.mobilize.screening.form', 'unknownForm');
    });

    it('asks the context for exactly the pinned versions', () => {
      const asked: FormRef[] = [];
      validateTemplate(seed(), { form: (ref) => (asked.push(ref), forms(ref)) });
      expect(asked).toEqual(expect.arrayContaining([{ key: 'daily-epidemic-report', version: 1 }, { key: 'door-screening', version: 1 }]));
    });
  });

  describe('levels', () => {
    it('refuses a report at a level outside the chain', () => {
      const issue = expectOnly(variant((d) => (d.stages.report[0]!.level = 'province')), 'stages.report.0.level', 'level');
      expect(issue.message.en).toContain('province');
    });

    it('refuses a report due from the issuing level, which does not receive its own directive', () => {
      const issue = expectOnly(variant((d) => (d.stages.report[0]!.level = 'county')), 'stages.report.0.level', 'level');
      expect(issue.message.en).toMatch(/issuing level "county"/);
    });

    it('refuses receipt settings for the issuing level', () => {
      expectOnly(variant((d) => (d.stages.issue.levels.county = { canAmend: true })), 'stages.issue.levels.county', 'level');
    });

    it('refuses receipt settings for a level outside the chain', () => {
      expectOnly(variant((d) => (d.stages.issue.levels.city = { acknowledgeWithinHours: 1 })), 'stages.issue.levels.city', 'level');
    });

    it('refuses evaluating the issuing level, which has no one above it in the chain', () => {
      expectOnly(variant((d) => (d.stages.evaluate.levels = ['township', 'county'])), 'stages.evaluate.levels.1', 'level');
    });

    it('refuses assignment and registration levels outside the chain', () => {
      const issues = issuesOf(variant((d) => ((d.stages.mobilize.assignLevels = ['grid', 'city']), (d.stages.mobilize.registrationLevel = 'province'))));
      expect(where(issues)).toEqual(expect.arrayContaining([['stages.mobilize.assignLevels.1', 'level'], ['stages.mobilize.registrationLevel', 'level']]));
      expect(issues).toHaveLength(2);
    });

    it('refuses door-to-door screening by any level but the grid', () => {
      const issue = expectOnly(variant((d) => (d.stages.mobilize.screening.level = 'village')), 'stages.mobilize.screening.level', 'level');
      expect(issue.message.en).toContain('grids');
    });

    it('refuses grid screening when the chain does not reach the grid', () => {
      const input = variant((d) => {
        d.chain = ['county', 'township', 'village'];
        delete d.stages.issue.levels.grid;
        d.stages.report[0]!.level = 'village';
        d.stages.mobilize.assignLevels = ['village'];
      });
      expectOnly(input, 'stages.mobilize.screening.level', 'level');
    });
  });

  describe('the chain', () => {
    it.each([
      ['two levels swapped', ['county', 'village', 'township', 'grid'], 'chain.2'],
      ['a level repeated', ['county', 'township', 'township', 'village', 'grid'], 'chain.2'],
      ['a level above the issuing one', ['county', 'city', 'township', 'village', 'grid'], 'chain.1'],
      ['the last level out of place', ['county', 'township', 'grid', 'village'], 'chain.3'],
    ])('refuses %s, at the first level out of order', (_what, chain, path) => {
      const issue = expectOnly(variant((d) => (d.chain = chain)), path, 'order');
      expect(issue.message.en).toMatch(/must be below/);
    });

    it('reports every level out of order', () => {
      expect(where(issuesOf(variant((d) => (d.chain = ['county', 'grid', 'village', 'township']))))).toEqual([
        ['chain.2', 'order'],
        ['chain.3', 'order'],
      ]);
    });
  });

  describe('receipt settings', () => {
    it('refuses forwarding by itself at the last level', () => {
      expectOnly(variant((d) => (d.stages.issue.levels.grid!.autoForward = true)), 'stages.issue.levels.grid.autoForward', 'autoForward');
    });
  });

  describe('reports', () => {
    it('refuses a report id used twice, at the second use', () => {
      const issue = expectOnly(variant((d) => d.stages.report.push(report({ period: 'weekly' }))), 'stages.report.1.id', 'unique');
      expect(issue.message.en).toContain('daily-report');
    });

    it.each([
      ['amended at a level that may not amend', (d: Draft) => Object.assign(d.stages.report[0]!, { level: 'village', startsOn: 'amended' })],
      ['amended at the last level, which may not amend here', (d: Draft) => (d.stages.report[0]!.startsOn = 'amended')],
      ['forwarded at the last level', (d: Draft) => (d.stages.report[0]!.startsOn = 'forwarded')],
      ['acknowledged at a level that forwards by itself', (d: Draft) => {
        d.stages.issue.levels.village!.autoForward = true;
        Object.assign(d.stages.report[0]!, { level: 'village', startsOn: 'acknowledged' });
      }],
      ['amended at a level that may amend but forwards by itself', (d: Draft) => {
        Object.assign(d.stages.issue.levels.township!, { canAmend: true, autoForward: true });
        Object.assign(d.stages.report[0]!, { level: 'township', startsOn: 'amended' });
      }],
    ])('refuses a report that starts on a state never reached: %s', (_what, change) => {
      expectOnly(variant(change), 'stages.report.0.startsOn', 'unreachable');
    });

    it('refuses a screening that starts on a state the grid never reaches', () => {
      expectOnly(variant((d) => (d.stages.mobilize.screening.startsOn = 'forwarded')), 'stages.mobilize.screening.startsOn', 'unreachable');
    });

    it('does not also call a report at a level outside the chain unreachable', () => {
      expect(where(issuesOf(variant((d) => Object.assign(d.stages.report[0]!, { level: 'city', startsOn: 'amended' }))))).toEqual([['stages.report.0.level', 'level']]);
    });
  });

  describe('structure', () => {
    it('refuses a chain of one level, at the chain', () => {
      const issue = expectOnly(variant((d) => (d.chain = ['county'])), 'chain', 'too_small');
      expect(issue.message.en).toMatch(/^chain: /);
      expect(issue.message.zh).toMatch(/^chain: /);
    });

    it.each(['8:00', '24:00', '20:60', '2000', ''])('refuses the due time %j, at the due time', (dueTime) => {
      const issue = expectOnly(variant((d) => (d.stages.report[0]!.dueTime = dueTime)), 'stages.report.0.dueTime', 'invalid_format');
      expect(issue.message.en).toMatch(/^stages\.report\.0\.dueTime: /);
      expect(issue.message.zh).toMatch(/^stages\.report\.0\.dueTime: /);
      expect(issue.message.zh).not.toBe(issue.message.en);
    });

    it.each([
      ['a level that is not one', (d: Draft) => (d.chain[1] = 'household'), 'chain.1', 'invalid_value'],
      ['an unknown start state', (d: Draft) => (d.stages.report[0]!.startsOn = 'issued'), 'stages.report.0.startsOn', 'invalid_value'],
      ['a name without English', (d: Draft) => (d.name = { zh: '名称' }), 'name.en', 'invalid_type'],
      ['a name in an unknown language', (d: Draft) => (d.name = { zh: '名称', en: 'Name', cn: '名称' }), 'name', 'unrecognized_keys'],
      ['a negative deadline', (d: Draft) => (d.stages.issue.levels.grid!.acknowledgeWithinHours = -1), 'stages.issue.levels.grid.acknowledgeWithinHours', 'too_small'],
      ['a form version that is not an integer', (d: Draft) => (d.stages.report[0]!.form = { key: 'daily-epidemic-report', version: 1.5 }), 'stages.report.0.form.version', 'invalid_type'],
      ['a template key with capitals', (d: Draft) => (d.key = 'Seed-001'), 'key', 'invalid_format'],
      ['no levels to evaluate', (d: Draft) => (d.stages.evaluate.levels = []), 'stages.evaluate.levels', 'too_small'],
    ])('refuses %s, at its path', (_what, change, path, rule) => {
      expectOnly(variant(change), path, rule);
    });

    it('names the root when the input is not an object at all', () => {
      const issues = issuesOf('not a template');
      expect(where(issues)).toEqual([['', 'invalid_type']]);
      expect(issues[0]!.message.en).toMatch(/^\(root\): /);
      expectBilingual(issues);
    });

    it('reports every structural problem at once', () => {
      const issues = issuesOf(variant((d) => ((d.chain = ['county']), (d.stages.report[0]!.dueTime = '8pm'), (d.stages.report[0]!.period = 'hourly'))));
      expect(where(issues)).toEqual(expect.arrayContaining([['chain', 'too_small'], ['stages.report.0.dueTime', 'invalid_format'], ['stages.report.0.period', 'invalid_value']]));
      expect(issues).toHaveLength(3);
      expectBilingual(issues);
    });
  });

  it('reports several semantic problems at once, each at its own path', () => {
    const input = variant((d) => {
      d.chain = ['county', 'village', 'township', 'grid'];
      d.stages.issue.levels.grid!.autoForward = true;
      d.stages.report[0]!.form = { key: 'missing', version: 1 };
      d.stages.report.push(report({ level: 'province' }));
      d.stages.mobilize.screening.level = 'village';
      d.stages.evaluate.levels = ['city'];
    });
    const issues = issuesOf(input);
    expect(where(issues)).toEqual(
      expect.arrayContaining([
        ['chain.2', 'order'],
        ['stages.issue.levels.grid.autoForward', 'autoForward'],
        ['stages.report.0.form', 'unknownForm'],
        ['stages.report.1.id', 'unique'],
        ['stages.report.1.level', 'level'],
        ['stages.mobilize.screening.level', 'level'],
        ['stages.evaluate.levels.0', 'level'],
      ]),
    );
    expect(issues).toHaveLength(7);
    expectBilingual(issues);
  });

  describe('a template derived from a parent', () => {
    const parent = parsed(seed());

    it('passes when it asks the same as its parent', () => {
      expect(validateTemplate(seed(), { form: forms, parent })).toMatchObject({ ok: true });
    });

    it('passes when it tightens deadlines, due times and frequency', () => {
      const tighter = variant((d) => {
        d.stages.issue.levels.township!.acknowledgeWithinHours = 2;
        d.stages.issue.levels.village!.forwardWithinHours = 6;
        d.stages.issue.levels.grid!.forwardWithinHours = 1;
        d.stages.report[0]!.dueTime = '18:30';
        d.stages.report.push(report({ id: 'extra-weekly', period: 'weekly' }));
      });
      const weeklyParent = parsed(variant((d) => (d.stages.report[0]!.period = 'weekly')));
      expect(validateTemplate(tighter, { form: forms, parent })).toMatchObject({ ok: true });
      expect(validateTemplate(variant((d) => (d.stages.report[0]!.period = 'daily')), { form: forms, parent: weeklyParent })).toMatchObject({ ok: true });
    });

    it('passes for a lower unit’s own chain within its parent’s', () => {
      const township = variant((d) => {
        d.chain = ['township', 'village', 'grid'];
        delete d.stages.issue.levels.township;
        d.stages.evaluate.levels = ['village'];
      });
      expect(validateTemplate(township, { form: forms, parent })).toMatchObject({ ok: true });
    });

    it('refuses a longer acknowledgement deadline', () => {
      const issue = expectOnly(variant((d) => (d.stages.issue.levels.township!.acknowledgeWithinHours = 6)), 'stages.issue.levels.township.acknowledgeWithinHours', 'loosened', parent);
      expect(issue.message.en).toContain('4 hours');
    });

    it('refuses dropping a deadline the parent set', () => {
      expectOnly(variant((d) => delete d.stages.issue.levels.village!.forwardWithinHours), 'stages.issue.levels.village.forwardWithinHours', 'loosened', parent);
    });

    it('refuses dropping a level’s settings, and with them its deadlines', () => {
      const issues = issuesOf(
        variant((d) => delete d.stages.issue.levels.village),
        parent,
      );
      expect(where(issues)).toEqual([
        ['stages.issue.levels.village.acknowledgeWithinHours', 'loosened'],
        ['stages.issue.levels.village.forwardWithinHours', 'loosened'],
      ]);
    });

    it('refuses dropping the settings of a level in a lower unit’s own chain', () => {
      const township = variant((d) => {
        d.chain = ['township', 'village', 'grid'];
        delete d.stages.issue.levels.township;
        delete d.stages.issue.levels.grid;
        d.stages.evaluate.levels = ['village'];
      });
      expect(where(issuesOf(township, parent))).toEqual([['stages.issue.levels.grid.acknowledgeWithinHours', 'loosened']]);
    });

    it('refuses a later due time, at the derived report’s own index', () => {
      const issue = expectOnly(
        variant((d) => d.stages.report.unshift(report({ id: 'own-report', dueTime: '22:00' }), { ...d.stages.report.pop()!, dueTime: '20:01' })),
        'stages.report.1.dueTime',
        'loosened',
        parent,
      );
      expect(issue.message.en).toContain('20:00');
    });

    it.each([
      ['weekly', 'daily'],
      ['once', 'daily'],
      ['once', 'weekly'],
    ])('refuses a %s report where the parent asks %s', (mine, theirs) => {
      const parentWith = parsed(variant((d) => (d.stages.report[0]!.period = theirs)));
      expectOnly(variant((d) => (d.stages.report[0]!.period = mine)), 'stages.report.0.period', 'loosened', parentWith);
    });

    it('refuses dropping a parent’s report, naming it', () => {
      const issue = expectOnly(variant((d) => (d.stages.report = [])), 'stages.report', 'dropped', parent);
      expect(issue.message.en).toContain('daily-report');
      expect(issue.message.zh).toContain('每日疫情防控报告');
    });

    it('does not ask for a parent’s report from a level its chain does not reach', () => {
      const noGrid = variant((d) => {
        d.chain = ['county', 'township', 'village'];
        delete d.stages.issue.levels.grid;
        delete (d.stages as Record<string, unknown>).mobilize;
        d.stages.report = [];
      });
      expect(validateTemplate(noGrid, { form: forms, parent })).toMatchObject({ ok: true });
    });

    it('does not ask a lower unit’s own chain for the reports its issuing level owes upward', () => {
      // The township reports to the county under the county's directive; in its own template the
      // township issues, and it could not be given a report there anyway.
      const parentWithTownshipReport = parsed(variant((d) => d.stages.report.push(report({ id: 'township-weekly', level: 'township', period: 'weekly' }))));
      const township = variant((d) => {
        d.chain = ['township', 'village', 'grid'];
        delete d.stages.issue.levels.township;
        d.stages.evaluate.levels = ['village'];
      });
      expect(validateTemplate(township, { form: forms, parent: parentWithTownshipReport })).toMatchObject({ ok: true });
    });

    it.each([
      ['reaching above the parent’s issuing level', ['city', 'county', 'township', 'village', 'grid']],
      ['reaching below the parent’s last level', ['county', 'township', 'village', 'grid']],
    ])('refuses a chain %s', (_what, chain) => {
      const shortParent = parsed(
        variant((d) => {
          d.chain = ['county', 'township', 'village'];
          delete d.stages.issue.levels.grid;
          delete (d.stages as Record<string, unknown>).mobilize;
          d.stages.report[0]!.level = 'village';
        }),
      );
      const theParent = chain[0] === 'city' ? parent : shortParent;
      const input = variant((d) => {
        d.chain = chain;
        if (chain[0] !== 'city') d.stages.report[0]!.level = 'village';
      });
      const issue = expectOnly(input, 'chain', 'derivedChain', theParent);
      expect(issue.message.en).toMatch(/parent's chain/);
    });

    it('reports loosened deadline, due time and frequency together', () => {
      const issues = issuesOf(
        variant((d) => {
          d.stages.issue.levels.township!.acknowledgeWithinHours = 5;
          d.stages.issue.levels.township!.forwardWithinHours = 24;
          Object.assign(d.stages.report[0]!, { dueTime: '23:00', period: 'weekly' });
        }),
        parent,
      );
      expect(where(issues)).toEqual([
        ['stages.issue.levels.township.acknowledgeWithinHours', 'loosened'],
        ['stages.issue.levels.township.forwardWithinHours', 'loosened'],
        ['stages.report.0.dueTime', 'loosened'],
        ['stages.report.0.period', 'loosened'],
      ]);
      expectBilingual(issues);
    });
  });
});
