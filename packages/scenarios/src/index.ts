export {
  MODES,
  VARIANT_MODES,
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
  type VariantMode,
} from './catalog.js';
export { SCENARIO_HEADER, ScenarioSelection, isolatedSelection, ScenarioSelectionError, scenarioDefaults } from './selection.js';
export { percentile, percentileOfSamples } from './percentile.js';
export { EXPECTED_ERRORS, expectedErrorCode } from './expected-errors.js';
export {
  METRIC_LIST,
  METRIC_SERVICE_ATTRIBUTE,
  METRICS,
  type MetricAttributes,
  type MetricAttributeType,
  type MetricDeclaration,
  type MetricKey,
  type MetricService,
  type MetricType,
  type MetricUnit,
} from './metrics.js';
export { EXERCISES, exerciseOf, type Exercise, type ExerciseBudget, type ExerciseFile, type ExerciseMeasure } from './exercises.js';
export {
  judgeExercise,
  measureOf,
  type ExerciseCheck,
  type ExerciseFindings,
  type ExerciseRequestResult,
  type ExerciseRun,
  type ExerciseVerdict,
} from './exercise-verdict.js';
export {
  BUSY_RETRIES,
  refusedAsBusy,
  runExerciseCheck,
  type ExerciseCheckOutcome,
  type ExerciseCheckSteps,
  type SentExerciseRun,
} from './exercise-check.js';
export { sendUnit } from './send-unit.js';
