export { MODES, SCENARIO_NAMES, SCENARIOS, type Mode, type Scenario, type ScenarioName } from './catalog.js';
export { SCENARIO_HEADER, ScenarioSelection, isolatedSelection, ScenarioSelectionError, scenarioDefaults } from './selection.js';
