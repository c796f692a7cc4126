import type { TemplateDefinitionInput } from '../template/templateDefinition.js';

/**
 * Modelled on seed 001 (溆浦县, March 2022): a county notice runs down the five-level chain
 * county → township → village → grid → household; townships add their own measures; every grid
 * knocks on every door (敲门行动) and reports every day (一天一报告); the county evaluates and holds
 * accountable.
 */
export const fiveLevelScreeningTemplate: TemplateDefinitionInput = {
  key: 'five-level-screening',
  name: { zh: '五级联防联控:敲门排查与每日报告', en: 'Five-level joint control: door-to-door screening and daily report' },
  description: {
    zh: '县、乡、村(社区)、网格、居民户五级联防联控;全覆盖开展敲门行动,不漏一户、不漏一人;一天一分析、一天一调度、一天一报告。',
    en: 'County, township, village, grid and household in one chain; knock on every door, miss no household and no person; analyse, dispatch and report every day.',
  },
  timeZone: 'Asia/Shanghai',
  chain: ['county', 'township', 'village', 'grid'],
  stages: {
    issue: {
      levels: {
        township: { canAmend: true, autoForward: false, acknowledgeWithinHours: 4, forwardWithinHours: 12 },
        village: { canAmend: false, autoForward: false, acknowledgeWithinHours: 4, forwardWithinHours: 12 },
        grid: { canAmend: false, autoForward: false, acknowledgeWithinHours: 2 },
      },
    },
    mobilize: {
      assignLevels: ['grid'],
      householdAssignment: true,
      screening: {
        name: { zh: '敲门行动入户排查', en: 'Door-to-door screening' },
        form: { key: 'door-screening', version: 1 },
        level: 'grid',
        startsOn: 'received',
        dueWithinHours: 72,
      },
    },
    report: [
      {
        id: 'daily-report',
        name: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
        form: { key: 'daily-epidemic-report', version: 1 },
        level: 'grid',
        period: 'daily',
        dueTime: '20:00',
        startsOn: 'received',
        remindBeforeHours: 2,
        escalateAfterHours: 4,
        accountableAfterMissed: 3,
      },
    ],
    evaluate: {
      levels: ['township', 'village'],
      persons: true,
      outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'],
      evidenceRequiredFor: ['criticise', 'accountable'],
    },
  },
};

/**
 * Modelled on seeds 000 and 003 (四川, September 2022): party members and cadres sink down to the
 * communities, register there (报到), and every community reports the mobilisation numbers daily.
 */
export const cadreMobilisationTemplate: TemplateDefinitionInput = {
  key: 'cadre-mobilisation',
  name: { zh: '党员干部下沉社区报到', en: 'Cadres sink down to communities and register' },
  description: {
    zh: '组织党员干部下沉基层一线参加疫情防控;到社区报到;每日统计报到人数、临时党支部和志愿服务情况。',
    en: 'Send party members and cadres down to the front line; they register at their communities; each community reports the numbers daily.',
  },
  timeZone: 'Asia/Shanghai',
  chain: ['county', 'township', 'village'],
  stages: {
    issue: {
      levels: {
        township: { canAmend: false, autoForward: true },
        village: { canAmend: false, autoForward: false, acknowledgeWithinHours: 6 },
      },
    },
    mobilize: { registrationLevel: 'village', assignLevels: ['village'], householdAssignment: false },
    report: [
      {
        id: 'mobilisation-daily',
        name: { zh: '下沉报到情况日报', en: 'Daily mobilisation report' },
        form: { key: 'cadre-mobilisation', version: 1 },
        level: 'village',
        period: 'daily',
        dueTime: '18:00',
        startsOn: 'acknowledged',
      },
    ],
    evaluate: { levels: ['township', 'village'], persons: true, outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'], evidenceRequiredFor: ['criticise', 'accountable'] },
  },
};
