export {
  MODES,
  SCENARIO_NAMES,
  SCENARIOS,
  operationFor,
  type Mode,
  type OperationSource,
  type Scenario,
  type ScenarioName,
  type ScenarioOperation,
} from './catalog.js';
export { SCENARIO_HEADER, ScenarioSelection, isolatedSelection, ScenarioSelectionError, scenarioDefaults } from './selection.js';
export { EXPECTED_ERRORS, expectedErrorCode } from './expected-errors.js';
