export { buildScenario, SCENARIO_START, type Scenario, type ScenarioUnit } from './buildScenario.js';
