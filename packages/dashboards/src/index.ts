export type {
  AlertRule,
  AlertRuleDataset,
  AlertRuleEventType,
  AlertRuleTrigger,
  AlertRuleTriggerAction,
  Dashboard,
  Widget,
  WidgetDisplayType,
  WidgetLayout,
  WidgetQuery,
  WidgetType,
} from './definitions.js';
export type { ValidationProblem } from './validation-problem.js';
export {
  AGGREGATE_PATTERN,
  TRACE_METRIC_TYPES,
  isAggregate,
  isEquation,
  parseTraceMetricAggregate,
  traceMetricAggregateProblem,
  type TraceMetricAggregate,
  type TraceMetricType,
} from './aggregate-syntax.js';
export { parseStatsPeriod } from './stats-period.js';
export { MAX_WIDGETS, WIDGET_DISPLAY_TYPES, WIDGET_TYPES, validateDashboard } from './validate-dashboard.js';
export {
  ALERT_RULE_DATASETS,
  ALERT_TIME_WINDOWS,
  CRASH_RATE_TIME_WINDOWS,
  DATASET_EVENT_TYPES,
  validateAlertRule,
} from './validate-alert-rule.js';
export {
  formatDefinitionProblem,
  loadDefinitions,
  validateDefinitionFiles,
  validateDefinitions,
  type DefinitionFile,
  type DefinitionKind,
  type DefinitionProblem,
} from './validate-definitions.js';
