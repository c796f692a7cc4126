export { buildScenario, SCENARIO_START, type IssueOptions, type Scenario, type ScenarioTemplates, type ScenarioUnit } from './buildScenario.js';
export { forwardToGrids } from './forwardToGrids.js';
export { historyRows, instanceRow, receiptOf, taskOf } from './lookups.js';
export { refusal } from './refusal.js';
export { shanghaiDay } from './shanghaiDay.js';
export { validReport } from './validReport.js';
