export {
  MODES,
  SCENARIO_NAMES,
  SCENARIOS,
  operationFor,
  type MetricAlert,
  type Mode,
  type OperationSource,
  type Scenario,
  type ScenarioName,
  type ScenarioOperation,
  type SentryShows,
  type SentrySignal,
  type UnitOfWork,
} from './catalog.js';
export { SCENARIO_HEADER, ScenarioSelection, isolatedSelection, ScenarioSelectionError, scenarioDefaults } from './selection.js';
