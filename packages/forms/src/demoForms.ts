import type { FormDefinition } from './formDefinition.js';

/** 每日疫情防控报告: what every grid reports every day under seed 001 (一天一报告). */
export const dailyReportForm: FormDefinition = {
  key: 'daily-epidemic-report',
  title: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
  description: { zh: '网格每日 20:00 前填报', en: 'Each grid reports by 20:00 every day' },
  fields: [
    { key: 'householdsScreened', type: 'integer', label: { zh: '今日排查户数', en: 'Households screened today' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'personsScreened', type: 'integer', label: { zh: '排查人数', en: 'Persons screened' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'returnees', type: 'integer', label: { zh: '外地返回人员', en: 'Returnees from elsewhere' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'homeIsolation', type: 'integer', label: { zh: '居家隔离人数', en: 'People in home isolation' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'feverCases', type: 'integer', label: { zh: '发热人员', en: 'People with fever' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'vaccinationRate', type: 'number', label: { zh: '疫苗接种率(%)', en: 'Vaccination rate (%)' }, min: 0, max: 100, aggregate: 'avg' },
    { key: 'anomaly', type: 'boolean', label: { zh: '是否有异常情况', en: 'Anything unusual' }, required: true, aggregate: 'count' },
    { key: 'anomalyNote', type: 'textarea', label: { zh: '异常情况说明', en: 'What was unusual' }, required: true, maxLength: 2000, visibleWhen: { field: 'anomaly', equals: true } },
    { key: 'reporterPhone', type: 'phone', label: { zh: '填报人电话', en: "Reporter's phone" }, required: true },
  ],
};

/** 敲门行动入户排查: one household visited in door-to-door screening ("不漏一户、不漏一人"). */
export const screeningForm: FormDefinition = {
  key: 'door-screening',
  title: { zh: '敲门行动入户排查', en: 'Door-to-door screening' },
  fields: [
    { key: 'visited', type: 'boolean', label: { zh: '是否入户', en: 'Visited in person' }, required: true },
    { key: 'residents', type: 'integer', label: { zh: '常住人数', en: 'Residents' }, min: 0, max: 50, aggregate: 'sum' },
    { key: 'returnees', type: 'integer', label: { zh: '返回人员', en: 'Returnees' }, min: 0, max: 50, aggregate: 'sum' },
    { key: 'vaccinated', type: 'integer', label: { zh: '已接种人数', en: 'Vaccinated' }, min: 0, max: 50, aggregate: 'sum' },
    { key: 'isolationNeeded', type: 'boolean', label: { zh: '需居家隔离', en: 'Home isolation needed' } },
    { key: 'note', type: 'textarea', label: { zh: '备注', en: 'Note' }, maxLength: 500 },
  ],
};

/** 党员干部下沉报到统计: what each community reports of the cadres sent down to it (seeds 000, 003). */
export const mobilisationForm: FormDefinition = {
  key: 'cadre-mobilisation',
  title: { zh: '党员干部下沉报到统计', en: 'Cadres sent down: daily count' },
  fields: [
    { key: 'cadresRegistered', type: 'integer', label: { zh: '报到党员干部人数', en: 'Cadres registered' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'partyOrganisations', type: 'integer', label: { zh: '参与基层党组织数', en: 'Party organisations taking part' }, min: 0, aggregate: 'sum' },
    { key: 'volunteers', type: 'integer', label: { zh: '志愿者人数', en: 'Volunteers' }, min: 0, aggregate: 'sum' },
    { key: 'temporaryBranches', type: 'integer', label: { zh: '临时党支部数', en: 'Temporary party branches' }, min: 0, aggregate: 'sum' },
    { key: 'suppliesDelivered', type: 'integer', label: { zh: '运送生活物资份数', en: 'Supply parcels delivered' }, min: 0, aggregate: 'sum' },
    { key: 'testsAssisted', type: 'integer', label: { zh: '协助核酸检测人次', en: 'Tests assisted' }, min: 0, aggregate: 'sum' },
  ],
};
